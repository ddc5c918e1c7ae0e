// Keyboard-wedge scanners (USB HID barcode readers) "type" the CCCD QR, or
// the three MRZ lines, as a burst of key presses with Enter at the end of each
// line, far faster than a person types. The detector holds keys back while
// they arrive fast; when the burst goes quiet, a long burst that ended in
// Enter is a scan (handed to Go, never typed anywhere); anything else is
// released as ordinary typing.

export interface WedgeOptions {
  maxGapMs: number // keys closer than this belong to one burst
  minLength: number // a scan is at least this many characters
}

export const defaultWedge: WedgeOptions = { maxGapMs: 35, minLength: 20 }

export type WedgeOutput = { kind: 'scan'; data: string } | { kind: 'typed'; keys: string[] }

export class WedgeDetector {
  private buf: string[] = []
  private last = -Infinity
  constructor(private opts: WedgeOptions = defaultWedge) {}

  /** feed takes one key (KeyboardEvent.key) at time t and returns what is now decided. */
  feed(key: string, t: number): WedgeOutput[] {
    const out = t - this.last > this.opts.maxGapMs ? this.release() : []
    this.last = t
    if (key.length === 1 || key === 'Enter') this.buf.push(key)
    else out.push(...this.release(), { kind: 'typed', keys: [key] })
    return out
  }

  /** flush decides a burst once it has been quiet for longer than the gap; call it from a timer. */
  flush(t: number): WedgeOutput[] {
    if (t - this.last <= this.opts.maxGapMs) return []
    return this.release()
  }

  private release(): WedgeOutput[] {
    if (!this.buf.length) return []
    const keys = this.buf
    this.buf = []
    const chars = keys.filter((k) => k !== 'Enter').length
    if (keys[keys.length - 1] === 'Enter' && chars >= this.opts.minLength) {
      return [{ kind: 'scan', data: keys.map((k) => (k === 'Enter' ? '\n' : k)).join('').replace(/\n$/, '') }]
    }
    return [{ kind: 'typed', keys }]
  }

  pending(): boolean {
    return this.buf.length > 0
  }
}
