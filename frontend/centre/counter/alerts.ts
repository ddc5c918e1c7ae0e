// Paper alerts on the counter page: which kiosks' printers are near the end
// of their paper or out of it. The centre sends fleet:alert events (one per
// change) and answers GET /api/v1/fleet/alerts with the alerts in force; a
// "paper_ok" alert says the paper was replaced. The officer may hide a
// banner for this page session; it shows again when that kiosk's alert
// gets worse (near end → out).
import { S, fill, type VE } from '../lib/strings'

/** PaperAlert is the centre's fleet.Alert. */
export interface PaperAlert {
  kiosk: string
  kind: string
  vi: string
  en: string
}

export const PathFleetAlerts = '/api/v1/fleet/alerts'
export { EventAlert } from '../lib/types'

export const KindNearEnd = 'paper_near_end'
export const KindOut = 'paper_out'
export const KindCleared = 'paper_ok'

/** severity orders the kinds: 0 none (or unknown), 1 near end, 2 out. */
export function severity(kind: string): number {
  return kind === KindOut ? 2 : kind === KindNearEnd ? 1 : 0
}

/** Alerts is the page's state: the alert in force per kiosk and the banners hidden. */
export interface Alerts {
  byKiosk: Record<string, PaperAlert>
  /** kiosk → the kind in force when the officer hid its banner */
  dismissed: Record<string, string>
}

export const noAlerts = (): Alerts => ({ byKiosk: {}, dismissed: {} })

function isAlert(a: unknown): a is PaperAlert {
  if (typeof a !== 'object' || a === null) return false
  const o = a as Record<string, unknown>
  return typeof o.kiosk === 'string' && o.kiosk !== '' && typeof o.kind === 'string'
}

/** apply folds one fleet:alert event in: cleared removes the kiosk's banner, a worse alert shows it again. */
export function apply(s: Alerts, a: unknown): Alerts {
  if (!isAlert(a)) return s
  const byKiosk = { ...s.byKiosk }
  const dismissed = { ...s.dismissed }
  if (a.kind === KindCleared || severity(a.kind) === 0) {
    delete byKiosk[a.kiosk]
    delete dismissed[a.kiosk]
    return { byKiosk, dismissed }
  }
  const before = byKiosk[a.kiosk]
  if (!before || severity(a.kind) > severity(before.kind)) delete dismissed[a.kiosk]
  byKiosk[a.kiosk] = { kiosk: a.kiosk, kind: a.kind, vi: a.vi ?? '', en: a.en ?? '' }
  return { byKiosk, dismissed }
}

/** replace takes the centre's list of alerts in force (after load or a reconnect): kiosks not in it are clear. */
export function replace(s: Alerts, list: unknown): Alerts {
  const items = Array.isArray(list) ? list.filter(isAlert) : []
  const keep = new Set(items.map((a) => a.kiosk))
  let out: Alerts = { byKiosk: {}, dismissed: {} }
  for (const k of Object.keys(s.byKiosk)) {
    if (!keep.has(k)) continue
    out.byKiosk[k] = s.byKiosk[k]
    if (k in s.dismissed) out.dismissed[k] = s.dismissed[k]
  }
  for (const a of items) out = apply(out, a)
  return out
}

/** dismiss hides a kiosk's banner until its alert gets worse or clears. */
export function dismiss(s: Alerts, kiosk: string): Alerts {
  const a = s.byKiosk[kiosk]
  if (!a) return s
  return { byKiosk: s.byKiosk, dismissed: { ...s.dismissed, [kiosk]: a.kind } }
}

/** visible lists the banners to show: out of paper first, then by kiosk name. */
export function visible(s: Alerts): PaperAlert[] {
  return Object.values(s.byKiosk)
    .filter((a) => !(a.kiosk in s.dismissed))
    .sort((x, y) => severity(y.kind) - severity(x.kind) || x.kiosk.localeCompare(y.kiosk))
}

/** bannerText is a banner's words: "Ki-ốt Tầng 1: máy in hết giấy" / "Kiosk Tầng 1: printer out of paper". */
export function bannerText(a: PaperAlert): VE {
  const t = a.kind === KindOut ? S.paOut : a.kind === KindNearEnd ? S.paNearEnd : null
  if (!t) return { vi: a.vi, en: a.en }
  return fill(t, { k: a.kiosk })
}
