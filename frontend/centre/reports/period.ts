// Periods and figures of the reports page, kept out of the component so
// they can be tested.
import type { Format, Report, Row, Grouping } from './types'
import { PathReports } from './types'

/** day is a local date as YYYY-MM-DD. */
export function day(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** lastDays is the period of the last n days up to today (YYYY-MM-DD, the centre's business day), today included. */
export function lastDays(n: number, today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number)
  const f = new Date(y, m - 1, d - (n - 1))
  return { from: day(f), to: today }
}

/** reportURL is the report route for a period and format; an empty period is the centre's today. */
export function reportURL(from: string, to: string, format: Format): string {
  const q = new URLSearchParams()
  if (from) q.set('from', from)
  if (to) q.set('to', to)
  q.set('format', format)
  return `${PathReports}?${q}`
}

/** fileName is the download's name: the server's Content-Disposition, else bao-cao-FROM_TO.EXT. */
export function fileName(disposition: string | null, from: string, to: string, format: Format): string {
  const m = disposition?.match(/filename="?([^";]+)"?/)
  return m?.[1] ?? `bao-cao-${from}_${to}.${format}`
}

/** rowsOf picks one grouping's rows. */
export function rowsOf(rep: Report | null, g: Grouping): Row[] {
  return (rep?.rows ?? []).filter((r) => r.group === g)
}

/** stars reads a mean of stars, "—" without ratings. */
export function starsText(r: Row): string {
  return r.ratings > 0 ? r.stars.toFixed(1).replace('.', ',') : '—'
}
