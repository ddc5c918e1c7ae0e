import { describe, it, expect } from 'vitest'
import { WedgeDetector, type WedgeOutput } from './wedge'

const QR = '001099012345|123456789|Nguyen Van A|01011999|Nam|Ha Noi|01012021'
const MRZ = ['IDVNM0990123451001099012345<<8', '9901014M3901012VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']

function typeKeys(d: WedgeDetector, keys: string[], start: number, gap: number) {
  const out: WedgeOutput[] = []
  let t = start
  for (const k of keys) { out.push(...d.feed(k, t)); t += gap }
  out.push(...d.flush(t + 100))
  return out
}
const chars = (s: string) => [...s]

describe('wedge detector', () => {
  it('a fast burst ending in Enter is a scan and types nothing', () => {
    expect(typeKeys(new WedgeDetector(), [...chars(QR), 'Enter'], 1000, 8)).toEqual([{ kind: 'scan', data: QR }])
  })
  it('three fast MRZ lines with Enter after each are one scan', () => {
    const keys = MRZ.flatMap((l) => [...chars(l), 'Enter'])
    expect(typeKeys(new WedgeDetector(), keys, 0, 6)).toEqual([{ kind: 'scan', data: MRZ.join('\n') }])
  })
  it('slow typing is released as typing, in order', () => {
    const out = typeKeys(new WedgeDetector(), [...chars('ly lich'), 'Enter'], 1000, 180)
    expect(out.every((o) => o.kind === 'typed')).toBe(true)
    expect(out.flatMap((o) => (o.kind === 'typed' ? o.keys : [])).join('')).toBe('ly lichEnter')
  })
  it('a short fast burst is not a scan', () => {
    expect(typeKeys(new WedgeDetector(), ['a', 'b', 'c', 'Enter'], 0, 5)).toEqual([{ kind: 'typed', keys: ['a', 'b', 'c', 'Enter'] }])
  })
  it('a long fast burst without Enter is typing', () => {
    expect(typeKeys(new WedgeDetector(), chars(QR), 0, 5)).toEqual([{ kind: 'typed', keys: chars(QR) }])
  })
  it('flush waits for the quiet gap; a control key releases held keys first', () => {
    const d = new WedgeDetector()
    d.feed('x', 0); d.feed('y', 10)
    expect(d.flush(20)).toEqual([])
    expect(d.feed('Backspace', 25)).toEqual([{ kind: 'typed', keys: ['x', 'y'] }, { kind: 'typed', keys: ['Backspace'] }])
    expect(d.pending()).toBe(false)
  })
})
