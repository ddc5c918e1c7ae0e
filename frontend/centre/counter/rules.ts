// Which counter buttons are enabled, and why not: the same rules the
// centre enforces (kiosk/centre/counter.go), so a disabled button says why
// in words instead of failing after the press.
import { S, type VE } from '../lib/strings'
import type { CounterView, ServiceView } from './types'

/** Why is null when the button works, else the reason shown under it. */
export interface Allowed {
  ok: boolean
  why: VE | null
}

const yes: Allowed = { ok: true, why: null }
const no = (why: VE): Allowed => ({ ok: false, why })

export interface Buttons {
  next: Allowed
  recall: Allowed
  start: Allowed
  finish: Allowed
  noshow: Allowed
  park: Allowed
  transfer: Allowed
  /** calling a chosen waiting ticket, or resuming a parked one */
  callOne: Allowed
}

/** transferTargets are the services a ticket in line `from` can move to. */
export function transferTargets(lines: ServiceView[], from: string): ServiceView[] {
  return lines.filter((l) => l.code !== from)
}

/** buttons says which actions the view allows now. */
export function buttons(v: CounterView): Buttons {
  const cur = v.current
  const st = cur?.status ?? ''
  const busy = cur !== null && (st === 'called' || st === 'serving')
  const paused = v.state.paused
  const callOne = paused ? no(pausedWhy(v)) : busy ? no(S.cWhyBusy) : yes
  let next = callOne
  if (next.ok && v.waiting.length === 0) next = no(S.cWhyNobody)
  const needCur = (a: Allowed) => (cur ? a : no(S.cWhyNoTicket))
  return {
    next,
    callOne,
    recall: needCur(st === 'called' ? yes : no(S.cWhyServing)),
    start: needCur(st === 'called' ? yes : no(S.cWhyServing)),
    finish: needCur(st === 'serving' ? yes : no(S.cWhyNotServing)),
    noshow: needCur(st === 'called' ? yes : no(S.cWhyNotCalled)),
    park: needCur(yes),
    transfer: needCur(cur && transferTargets(v.lines, cur.line || cur.service).length > 0 ? yes : no(S.cWhyNoTarget)),
  }
}

function pausedWhy(v: CounterView): VE {
  const r = v.state.reason?.trim()
  if (!r) return S.cWhyPaused
  return { vi: `${S.cWhyPaused.vi} (${r})`, en: `${S.cWhyPaused.en} (${r})` }
}

/** reasonText joins a chosen chip and free text into the reason sent. */
export function reasonText(chip: VE | null, free: string): string {
  const parts = [chip?.vi ?? '', free.trim()].filter((p) => p !== '')
  return parts.join(' — ')
}

/** pinDigits appends or removes a digit of a PIN (at most 12). */
export function pinKey(pin: string, key: string): string {
  if (key === 'back') return pin.slice(0, -1)
  if (key === 'clear') return ''
  if (/^[0-9]$/.test(key) && pin.length < 12) return pin + key
  return pin
}

/** countersOf lists the counters of the services, in natural order. */
export function countersOf(lines: ServiceView[]): string[] {
  const set = new Set<string>()
  for (const l of lines) for (const c of l.counters ?? []) set.add(c)
  return [...set].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }))
}
