// The technician's page in words and order: pure functions of the centre's
// answer (GET /api/v1/fleet) and the clock, tested in cards.test.ts.
import { S, fill, type VE } from '../lib/strings'
import { LowDisk, type KioskHealth, type State } from './types'

/** RANK orders the cards, most urgent first. */
export const RANK: Record<State, number> = { red: 0, offline: 1, amber: 2, green: 3 }

/** STATES in the order of RANK. */
export const STATES: State[] = ['red', 'offline', 'amber', 'green']

/** ICON goes with the colour and the word, so a card never speaks by colour alone. */
export const ICON: Record<State, string> = { red: '✖', offline: '⊘', amber: '⚠', green: '✔' }

/** stateOf is a card's state, offline for anything the page does not know. */
export function stateOf(k: KioskHealth): State {
  return k.state in RANK ? k.state : 'offline'
}

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' })

/** sortCards orders the cards red, offline, amber, green, then by kiosk name. */
export function sortCards(list: readonly KioskHealth[]): KioskHealth[] {
  return [...list].sort((a, b) => RANK[stateOf(a)] - RANK[stateOf(b)] || byName.compare(a.kiosk, b.kiosk))
}

/** counts is how many kiosks are in each state. */
export function counts(list: readonly KioskHealth[]): Record<State, number> {
  const n: Record<State, number> = { red: 0, offline: 0, amber: 0, green: 0 }
  for (const k of list) n[stateOf(k)]++
  return n
}

/** stateWords is a state in Vietnamese and English. */
export function stateWords(s: State): VE {
  return { green: S.fleetGreen, amber: S.fleetAmber, red: S.fleetRed, offline: S.fleetOffline }[s] ?? S.fleetOffline
}

function join(a: VE, b: VE): VE {
  return { vi: `${a.vi} ${b.vi}`, en: `${a.en} ${b.en}` }
}

/** duration reads seconds in the two largest units: "2 ngày 3 giờ", "5 phút", "42 giây". */
export function duration(seconds: number): VE {
  const s = Math.max(0, Math.floor(seconds))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return h > 0 ? join(fill(S.fleetDay, { n: d }), fill(S.fleetHour, { n: h })) : fill(S.fleetDay, { n: d })
  if (h > 0) return m > 0 ? join(fill(S.fleetHour, { n: h }), fill(S.fleetMin, { n: m })) : fill(S.fleetHour, { n: h })
  if (m > 0) return fill(S.fleetMin, { n: m })
  return fill(S.fleetSec, { n: s })
}

/** ageSeconds is how long ago the centre received the last beat, at centreNow (ms on the centre's clock); null when none. */
export function ageSeconds(lastBeat: string | undefined, centreNow: number): number | null {
  const t = lastBeat ? Date.parse(lastBeat) : NaN
  if (!Number.isFinite(t)) return null
  return Math.max(0, Math.floor((centreNow - t) / 1000))
}

/** ago is "42 giây trước" / "42 s ago", or "never sent a beat". */
export function ago(lastBeat: string | undefined, centreNow: number): VE {
  const s = ageSeconds(lastBeat, centreNow)
  if (s === null) return S.fleetNever
  const d = duration(s)
  return { vi: fill(S.fleetAgo, { t: d.vi }).vi, en: fill(S.fleetAgo, { t: d.en }).en }
}

/** Severity of a device line: how the card marks it (with words, not colour alone). */
export type Severity = 'ok' | 'warn' | 'bad' | 'off'

/** printerWords reads a beat's printer state in plain words. */
export function printerWords(p: string): { words: VE; sev: Severity } {
  switch (p) {
    case 'ok':
      return { words: S.fleetPrinterOk, sev: 'ok' }
    case 'paper_near_end':
      return { words: S.fleetPrinterNearEnd, sev: 'warn' }
    case 'paper_out':
      return { words: S.fleetPrinterOut, sev: 'bad' }
    case 'cover_open':
      return { words: S.fleetPrinterCover, sev: 'bad' }
    case 'none':
      return { words: S.fleetNotUsed, sev: 'off' }
  }
  return { words: S.fleetPrinterOffline, sev: 'bad' } // "offline", and what the centre would clean to it
}

/** readerWords reads a beat's ID card reader state in plain words. */
export function readerWords(r: string): { words: VE; sev: Severity } {
  switch (r) {
    case 'ok':
      return { words: S.fleetReaderOk, sev: 'ok' }
    case 'none':
      return { words: S.fleetNotUsed, sev: 'off' }
  }
  return { words: S.fleetReaderFault, sev: 'bad' }
}

/** disk reads free bytes as GB or MB, with a decimal comma in Vietnamese; "unknown" for 0 (not reported). */
export function disk(bytes: number): VE {
  if (!(bytes > 0)) return S.fleetUnknown
  const gb = bytes / 1024 ** 3
  const [n, unit] = gb >= 1 ? [gb, 'GB'] : [bytes / 1024 ** 2, 'MB']
  const en = n >= 100 ? String(Math.round(n)) : n.toFixed(1)
  return { vi: `${en.replace('.', ',')} ${unit}`, en: `${en} ${unit}` }
}

/** diskLow is fleet.Status's rule: reported, and below LowDisk. */
export function diskLow(bytes: number): boolean {
  return bytes > 0 && bytes < LowDisk
}

/** bundleList is the bundles in force, by kind: "catalog 2026.11 · guides 7". */
export function bundleList(b: Record<string, string> | undefined): string {
  return Object.entries(b ?? {})
    .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
    .map(([k, v]) => `${k} ${v || '—'}`)
    .join(' · ')
}

/** skewOf is the centre's clock minus this one (ms), from an answer's Date header (0 when absent). */
export function skewOf(dateHeader: string | null, receivedAt: number): number {
  const t = dateHeader ? Date.parse(dateHeader) : NaN
  // The header is cut to the second: the centre's time was within [t, t+1 s).
  return Number.isFinite(t) ? t + 500 - receivedAt : 0
}
