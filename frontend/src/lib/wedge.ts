// Keyboard-wedge scanners (USB HID barcode readers) "type" the CCCD QR as a
// burst of key presses ending in Enter, far faster than a person types. The
// detector holds keys back while they arrive fast; a fast burst ending in
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

  /**
   * feed takes one key (KeyboardEvent.key) at time t and returns what is now
   * decided. Call flush(t) from a timer to release a pause-ended burst.
   */
  feed(key: string, t: number): WedgeOutput[] {
    const out: WedgeOutput[] = []
    if (t - this.last > this.opts.maxGapMs) out.push(...this.release())
    this.last = t
    if (key === 'Enter') {
      if (this.buf.length >= this.opts.minLength) {
        out.push({ kind: 'scan', data: this.buf.join('') })
        this.buf = []
        return out
      }
      out.push({ kind: 'typed', keys: [...this.buf, key] })
      this.buf = []
      return out
    }
    if (key.length === 1) this.buf.push(key)
    else out.push(...this.release(), { kind: 'typed', keys: [key] })
    return out
  }

  private release(): WedgeOutput[] {
    if (!this.buf.length) return []
    const keys = this.buf
    this.buf = []
    return [{ kind: 'typed', keys }]
  }

  /** flush releases held keys as typing once the burst has gone quiet. */
  flush(t: number): WedgeOutput[] {
    if (t - this.last <= this.opts.maxGapMs) return []
    return this.release()
  }

  pending(): boolean {
    return this.buf.length > 0
  }
}
