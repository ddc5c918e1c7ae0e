import { describe, it, expect } from 'vitest'
import { throttle } from './activity'

describe('throttle', () => {
  it('sends the first input and then at most once per interval', () => {
    let clock = 0
    let sent = 0
    const touch = throttle(() => sent++, 1000, () => clock)
    touch(); touch(); touch()
    expect(sent).toBe(1)
    clock = 999; touch()
    expect(sent).toBe(1)
    clock = 1000; touch()
    expect(sent).toBe(2)
  })
})
