// Keyboard-wedge scanners (USB HID barcode readers) "type" the CCCD QR, or
// the three MRZ lines, as key presses with Enter at the end of each line. The
// detector holds keys back and hands a card to Go (never typed anywhere);
// anything else is released as ordinary typing, in order.
//
// A frame is cut on what the scanner sends, not on its timing: a busy kiosk
// delays key events unevenly, so a card may arrive with long gaps in the
// middle. A frame ends at the scanner's terminator (Enter) once its shape
// allows: a CCCD QR is one line of `|`-separated fields (at least 7, the
// first the 12-digit ID); a TD1 MRZ is three lines of 30 (Enter after each,
// so the frame ends at the third). Timing is used only
//   - to tell a person from a scanner: a person cannot press four keys
//     within maxGapMs of each other, and what a person types into the
//     search (lower case, spaces) is released at their first pause;
//   - as a long fallback: fallbackMs of silence ends a frame whatever its
//     shape (a scanner with no terminator, or a card cut short).

export interface WedgeOptions {
  maxGapMs: number // keys closer than this are scanner-fast
  scanKeys: number // this many scanner-fast keys in a row are a scanner, not a person
  stallMs: number // how long a pause a frame that may still become a card waits through
  fallbackMs: number // silence that ends any frame
  minLength: number // a scan is at least this many characters
}

export const defaultWedge: WedgeOptions = { maxGapMs: 35, scanKeys: 4, stallMs: 400, fallbackMs: 1500, minLength: 20 }

export type WedgeOutput = { kind: 'scan'; data: string } | { kind: 'typed'; keys: string[] }

// Keys a scanner sends around capitals; they carry no character.
const ignored = new Set(['Shift', 'CapsLock'])

const mrzChars = /^[A-Z0-9<]*$/
export const MRZ_LINES = 3
export const MRZ_LINE_LEN = 30
export const QR_MIN_FIELDS = 7

/** What the characters held so far may be. */
export type Shape =
  | 'qr' // a CCCD QR line: the ID digits, then '|'
  | 'mrz' // TD1 MRZ lines: [A-Z0-9<], the first starting with a document code
  | 'start' // too short to say, but a card could start so (digits, or a document code)
  | 'other'

export function shape(lines: string[]): Shape {
  const first = lines[0] ?? ''
  if (/^\d{9,12}\|/.test(first)) return 'qr'
  if (lines.every((l) => mrzChars.test(l))) {
    if (/^[ACI][A-Z0-9<]{4}/.test(first)) return 'mrz'
    if (/^(\d{1,12}|[ACI][A-Z0-9<]{0,3})$/.test(first) && lines.length === 1) return 'start'
  }
  return 'other'
}

/** complete reports whether lines are a whole card: a QR line of 7+ fields, or three MRZ lines of 30. */
export function complete(lines: string[]): boolean {
  if (lines.length === 1 && /^\d{9,12}\|/.test(lines[0])) return lines[0].split('|').length >= QR_MIN_FIELDS
  return lines.length === MRZ_LINES && lines.every((l) => l.length === MRZ_LINE_LEN && mrzChars.test(l))
}

// humanLike: lower case or a space before any '|' is a person typing, even
// fast (a CCCD QR starts with the ID digits, an MRZ is upper case).
function humanLike(lines: string[]): boolean {
  return !lines[0].includes('|') && /[a-z ]/.test(lines[0])
}

export class WedgeDetector {
  private keys: string[] = [] // held, as fed (Enter included)
  private lines: string[] = [''] // the characters held, split at Enter
  private fast = 0 // scanner-fast keys in a row so far
  private scanner = false // this frame came at scanner speed
  private last = -Infinity
  constructor(private opts: WedgeOptions = defaultWedge) {}

  /** feed takes one key (KeyboardEvent.key) at time t and returns what is now decided. */
  feed(key: string, t: number): WedgeOutput[] {
    if (ignored.has(key)) return []
    const out: WedgeOutput[] = []
    const gap = t - this.last
    if (this.keys.length && gap > this.opts.maxGapMs && !this.waits(gap)) out.push(...this.release(gap > this.opts.fallbackMs))
    if (this.keys.length && gap <= this.opts.maxGapMs) {
      if (++this.fast >= this.opts.scanKeys - 1) this.scanner = true
    } else this.fast = 0
    this.last = t
    if (key === 'Enter') {
      this.keys.push(key)
      out.push(...this.enter())
    } else if (key.length === 1) {
      this.keys.push(key)
      this.lines[this.lines.length - 1] += key
    } else {
      // A control key (Backspace, arrows): a person's. It ends what is held.
      out.push(...this.release(true), { kind: 'typed', keys: [key] })
    }
    return out
  }

  /** flush decides what has been quiet long enough; call it from a timer (see deadline). */
  flush(t: number): WedgeOutput[] {
    const quiet = t - this.last
    if (!this.keys.length || quiet <= this.opts.maxGapMs || this.waits(quiet)) return []
    return this.release(true)
  }

  /** deadline is the time flush may next decide something, or null when nothing is held. */
  deadline(): number | null {
    if (!this.keys.length) return null
    const s = shape(this.lines)
    if (humanLike(this.lines)) return this.last + this.opts.maxGapMs + 1
    if (s === 'qr' || s === 'mrz' || this.scanner) return this.last + this.opts.fallbackMs + 1
    if (s === 'start') return this.last + this.opts.stallMs + 1
    return this.last + this.opts.maxGapMs + 1
  }

  pending(): boolean {
    return this.keys.length > 0
  }

  // waits reports whether the held frame waits through a pause of gap ms.
  private waits(gap: number): boolean {
    if (gap > this.opts.fallbackMs || humanLike(this.lines)) return false
    const s = shape(this.lines)
    if (s === 'qr' || s === 'mrz' || this.scanner) return true // a card under way: only the fallback ends it
    return s === 'start' && gap <= this.opts.stallMs // a card may be starting: wait through a stall
  }

  // enter decides a frame at the scanner's terminator.
  private enter(): WedgeOutput[] {
    const lines = this.lines
    if (shape(lines) === 'mrz' && lines.length < MRZ_LINES && lines[lines.length - 1].length >= MRZ_LINE_LEN - 2) {
      this.lines.push('') // the next MRZ line follows
      return []
    }
    return this.release(true)
  }

  // release decides what is held: a card, or typing. ended: the frame is
  // over (terminator, fallback, control key), not cut by a person's pause.
  private release(ended: boolean): WedgeOutput[] {
    if (!this.keys.length) return []
    const keys = this.keys
    const lines = this.lines
    const scanner = this.scanner
    this.keys = []
    this.lines = ['']
    this.fast = 0
    this.scanner = false
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
    const chars = lines.reduce((n, l) => n + l.length, 0)
    const s = shape(lines)
    const card = complete(lines) || (ended && chars >= this.opts.minLength && (scanner || s === 'qr' || s === 'mrz'))
    if (card && !humanLike(lines)) {
      return [{ kind: 'scan', data: lines.join('\n') }]
    }
    return [{ kind: 'typed', keys }]
  }
}
