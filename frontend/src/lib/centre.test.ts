import { describe, it, expect } from 'vitest'
import { isPaused } from './centre'

describe('isPaused', () => {
  it.each([
    [{ mode: 'local', up: true, since: '' }, false],
    [{ mode: 'centre', up: true, since: '2026-12-02T12:00:00Z' }, false],
    [{ mode: 'centre', up: false, since: '2026-12-02T12:00:00Z' }, true],
  ])('%o → %s', (l, want) => {
    expect(isPaused(l)).toBe(want)
  })
})
