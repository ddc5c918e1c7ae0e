// Shapes the rating page (/rating/) sends and receives (kiosk/centre/api_hall.go, kiosk/queue).

/** RatingRequest is POST /api/v1/ratings (centre.RatingRequest). */
export interface RatingRequest {
  ticket: number
  stars: number
  reasons?: string[]
  comment?: string
}

/** DoneTicket is the part of queue:done's ticket the page reads. */
export interface DoneTicket {
  id: number
  code: string
  status: string // 'done' opens the rating; 'noshow' does not
  counter: string
  serviceName?: string
  serviceNameEn?: string
}

/** DoneEvent is the data of a queue:done event (queue.Call). */
export interface DoneEvent {
  ticket: DoneTicket
  counter: string
  officer?: string
  at?: string
}

/** VisitReasons are rating.VisitReasons, in the centre's order. */
export const VisitReasons = ['wait', 'attitude', 'guidance', 'papers', 'fee', 'facilities', 'other'] as const
export type VisitReason = (typeof VisitReasons)[number]

/** MaxComment is rating.MaxComment (runes). */
export const MaxComment = 300

export const PathRatings = '/api/v1/ratings'

/** OPEN_FOR: the rating closes after this long without a touch. */
export const OPEN_FOR = 30_000
/** THANKS_FOR: the thank-you (or a message) stays this long. */
export const THANKS_FOR = 6_000
