// The report the reports page (/reports/) reads (kiosk/report/report.go).

export type Grouping = 'day' | 'service' | 'counter' | 'officer' | 'total'

/** Row is one group's figures; durations are seconds, -1 when nothing was measured. */
export interface Row {
  group: Grouping
  key: string
  name: string
  tickets: number
  called: number
  served: number
  waitP50: number
  waitP90: number
  serveP50: number
  serveP90: number
  noShows: number
  transfers: number
  ratings: number
  stars: number // mean, 0 when no rating
  lowRated: number // 3 stars or fewer
}

export interface Estimate {
  n: number
  mae: number // seconds, -1 when n is 0
  bias: number // seconds, > 0: the estimate was longer than the real wait
}

export interface Report {
  from: string
  to: string
  rows: Row[]
  estimate: Estimate
  reasons: Record<string, number>
  /** the centre's business day; "today" on this page is this day, not the browser's */
  today?: string
}

export type Format = 'json' | 'csv' | 'xlsx'

export const PathReports = '/api/v1/reports'
export { HeaderStaffPIN } from '../lib/types'
