import { describe, expect, it } from 'vitest'
import { reasonLabel, starLabel } from '../lib/strings'
import { VisitReasons } from './types'

describe('rating labels', () => {
  it('names every face and every reason of the centre in vi and en', () => {
    for (let n = 1; n <= 5; n++) {
      const l = starLabel(n)
      expect(l.vi).not.toBe(String(n))
      expect(l.en).not.toBe(String(n))
    }
    const seen = new Set<string>()
    for (const r of VisitReasons) {
      const l = reasonLabel(r)
      expect(l.vi).not.toBe(r)
      expect(l.en).not.toBe(r)
      seen.add(l.vi)
    }
    expect(seen.size).toBe(VisitReasons.length)
    expect(reasonLabel('wait').vi).toBe('Chờ lâu')
  })
})
