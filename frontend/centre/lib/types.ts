// Shapes of the centre's API (kiosk/centre/api.go, api_hall.go; kiosk/queue).

export interface ApiErrorBody {
  code: string
  message: string
  vi?: string
  en?: string
}

export interface Ticket {
  id: number
  code: string
  service: string
  serviceName: string
  serviceNameEn: string
  line: string
  status: string
  counter: string
}

export interface Call {
  ticket: Ticket
  counter: string
  officer?: string
  recall?: boolean
  at?: string
}

export interface HallCounter {
  counter: string
  ticket: string
  service: string
  status: string
  paused: boolean
  reason: string
}

export interface HallService {
  code: string
  name: string
  nameEn: string
  waiting: number
  estWait: number
}

export interface Hall {
  counters: HallCounter[]
  recent: Call[]
  services: HallService[]
  at: string
  lastEventId: number
}

export interface CounterState {
  counter: string
  officer: string
  paused: boolean
  reason: string
  since: string
}

export const PathHall = '/api/v1/hall'
export const PathEvents = '/api/v1/events'
/** EventAlert is fleet.EventAlert: a kiosk's paper alert (or paper_ok) on the event stream. */
export const EventAlert = 'fleet:alert'
/** HeaderStaffPIN carries the staff PIN on the routes that need it (reports, fleet). */
export const HeaderStaffPIN = 'X-Staff-PIN'
export const PathVoiceCall = '/api/v1/voice/call.wav'
