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

// timed feeds keys at the given times and, like keys.ts, fires flush at every
// deadline the detector names in between and after the last key.
function timed(d: WedgeDetector, keys: [string, number][]): WedgeOutput[] {
  const out: WedgeOutput[] = []
  const timersUntil = (t: number) => {
    for (let at = d.deadline(); at !== null && at <= t; at = d.deadline()) out.push(...d.flush(at))
  }
  for (const [k, t] of keys) {
    timersUntil(t)
    out.push(...d.feed(k, t))
  }
  timersUntil(Infinity)
  return out
}
// at spaces keys gap ms apart from start, with extra pauses before given indexes.
function at(keys: string[], start: number, gap: number, pauses: Record<number, number> = {}): [string, number][] {
  let t = start
  return keys.map((k, i) => {
    t += (i ? gap : 0) + (pauses[i] ?? 0)
    return [k, t]
  })
}
const typedText = (out: WedgeOutput[]) => out.flatMap((o) => (o.kind === 'typed' ? o.keys : [])).join('')
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
  it('a whole card without Enter waits, and is a scan at the long fallback, never typed', () => {
    const d = new WedgeDetector()
    expect(typeKeys(d, chars(QR), 0, 5)).toEqual([])
    expect(d.pending()).toBe(true)
    expect(d.flush(5 * QR.length + 2000)).toEqual([{ kind: 'scan', data: QR }])
  })
  it('a long scanner-fast burst with no Enter goes to Go at the fallback (to say it is unreadable), not into the screen', () => {
    const data = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ#ABC'
    expect(timed(new WedgeDetector(), at(chars(data), 0, 5))).toEqual([{ kind: 'scan', data }])
  })
  it('flush waits for the quiet gap; a control key releases held keys first', () => {
    const d = new WedgeDetector()
    d.feed('x', 0); d.feed('y', 10)
    expect(d.flush(20)).toEqual([])
    expect(d.feed('Backspace', 25)).toEqual([{ kind: 'typed', keys: ['x', 'y'] }, { kind: 'typed', keys: ['Backspace'] }])
    expect(d.pending()).toBe(false)
  })

  describe('a busy kiosk delays keys: frames end on Enter and the card shape, not on gaps', () => {
    it('a QR with long stalls mid-frame (even in its first keys) is one scan', () => {
      const keys = [...chars(QR), 'Enter']
      // 200 ms after the 2nd key, 300 ms after the first field, 900 ms after five fields, 250 ms before Enter.
      const fifth = QR.split('|').slice(0, 5).join('|').length
      const out = timed(new WedgeDetector(), at(keys, 1000, 6, { 2: 200, 13: 300, [fifth]: 900, [keys.length - 1]: 250 }))
      expect(out).toEqual([{ kind: 'scan', data: QR }])
    })
    it('a QR arriving slowly throughout (every gap 60 ms) is still one scan', () => {
      const out = timed(new WedgeDetector(), at([...chars(QR), 'Enter'], 0, 60))
      expect(out).toEqual([{ kind: 'scan', data: QR }])
    })
    it('an MRZ with stalls inside and between its lines is one scan', () => {
      const keys = MRZ.flatMap((l) => [...chars(l), 'Enter'])
      const out = timed(new WedgeDetector(), at(keys, 0, 5, { 10: 400, 31: 1000, 45: 700, 62: 1200 }))
      expect(out).toEqual([{ kind: 'scan', data: MRZ.join('\n') }])
    })
    it('Shift presses a scanner sends around capitals do not break a frame', () => {
      const keys = [...chars(QR)].flatMap((c) => (c >= 'A' && c <= 'Z' ? ['Shift', c] : [c]))
      expect(timed(new WedgeDetector(), at([...keys, 'Enter'], 0, 4))).toEqual([{ kind: 'scan', data: QR }])
    })
    it('a fast garbled read ending in Enter is still a scan (Go says so), not typing', () => {
      const bad = QR.slice(0, 30).replace('|', '#')
      const out = timed(new WedgeDetector(), at([...chars(bad), 'Enter'], 0, 4, { 20: 500 }))
      expect(out).toEqual([{ kind: 'scan', data: bad }])
    })
    it('two cards in a row are two scans', () => {
      const keys = [...chars(QR), 'Enter', ...chars(QR), 'Enter']
      expect(timed(new WedgeDetector(), at(keys, 0, 5, { [QR.length + 1]: 40 }))).toEqual([{ kind: 'scan', data: QR }, { kind: 'scan', data: QR }])
    })
  })

  describe('a person typing is never taken as a card', () => {
    it('search words with fast rollovers are typing, in order, released at each pause', () => {
      // "khai" rolled fast (20 ms), a pause, "sinh" fast, Enter.
      const keys: [string, number][] = [['k', 0], ['h', 20], ['a', 40], ['i', 60], [' ', 250], ['s', 400], ['i', 420], ['n', 440], ['h', 460], ['Enter', 700]]
      const out = timed(new WedgeDetector(), keys)
      expect(out.every((o) => o.kind === 'typed')).toBe(true)
      expect(typedText(out)).toBe('khai sinhEnter')
    })
    it('a long sentence typed quickly with Enter is typing', () => {
      const text = 'lam giay khai sinh cho con toi'
      const out = timed(new WedgeDetector(), at([...chars(text), 'Enter'], 0, 30, { 5: 80, 12: 90 }))
      expect(out.every((o) => o.kind === 'typed')).toBe(true)
      expect(typedText(out)).toBe(text + 'Enter')
    })
    it('a procedure code or digits typed by hand are typing', () => {
      for (const text of ['2.000488', '1001193', '001099012345']) {
        const out = timed(new WedgeDetector(), at([...chars(text), 'Enter'], 0, 150))
        expect(out.every((o) => o.kind === 'typed')).toBe(true)
        expect(typedText(out)).toBe(text + 'Enter')
      }
    })
    it('an abbreviation typed in capitals is typing', () => {
      const out = timed(new WedgeDetector(), at([...chars('CCCD'), 'Enter'], 0, 120))
      expect(out.every((o) => o.kind === 'typed')).toBe(true)
      expect(typedText(out)).toBe('CCCDEnter')
    })
    it('held digits are released once the person pauses, before any fallback', () => {
      const d = new WedgeDetector()
      expect(d.feed('1', 0)).toEqual([])
      const when = d.deadline()!
      expect(when).toBeLessThan(1000)
      expect(d.flush(when)).toEqual([{ kind: 'typed', keys: ['1'] }])
    })
  })
})
