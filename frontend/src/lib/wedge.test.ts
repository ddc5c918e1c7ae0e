import { describe, it, expect } from 'vitest'
import { WedgeDetector } from './wedge'

const QR = '001099012345|123456789|Nguyen Van A|01011999|Nam|Ha Noi|01012021'

function burst(d: WedgeDetector, s: string, start: number, gap: number) {
  const out = []
  let t = start
  for (const ch of s) { out.push(...d.feed(ch, t)); t += gap }
  out.push(...d.feed('Enter', t))
  return { out, t }
}

describe('wedge detector', () => {
  it('a fast burst ending in Enter is a scan and types nothing', () => {
    const d = new WedgeDetector()
    const { out } = burst(d, QR, 1000, 8)
    expect(out).toEqual([{ kind: 'scan', data: QR }])
  })
  it('slow typing is released as typing', () => {
    const d = new WedgeDetector()
    const { out } = burst(d, 'ly lich', 1000, 180)
    const typed = out.filter((o) => o.kind === 'typed').flatMap((o) => (o.kind === 'typed' ? o.keys : []))
    expect(typed.join('')).toBe('ly lich' + 'Enter')
    expect(out.some((o) => o.kind === 'scan')).toBe(false)
  })
  it('a short fast burst is not a scan', () => {
    const d = new WedgeDetector()
    const { out } = burst(d, 'abc', 0, 5)
    expect(out).toEqual([{ kind: 'typed', keys: ['a', 'b', 'c', 'Enter'] }])
  })
  it('a pause ends a burst and flush releases it', () => {
    const d = new WedgeDetector()
    d.feed('x', 0); d.feed('y', 10)
    expect(d.flush(20)).toEqual([])
    expect(d.flush(100)).toEqual([{ kind: 'typed', keys: ['x', 'y'] }])
    expect(d.pending()).toBe(false)
  })
})
