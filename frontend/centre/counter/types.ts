// Shapes of the counter routes (kiosk/centre/api_hall.go, kiosk/queue).
import type { CounterState } from '../lib/types'

export interface Guidance {
  procedure: string
  name: string
  case?: string
  ticked: string[] | null
  missing: string[] | null
  fee?: string
  paid?: string
}

export interface CTicket {
  id: number
  code: string
  service: string
  serviceName: string
  serviceNameEn: string
  line: string
  status: string
  counter: string
  officer: string
  priority: string
  issuedAt: string
  calledAt: string
  startedAt: string
  recalls: number
  transfers: number
  note: string
  guidance?: Guidance | null
}

export interface ServiceView {
  code: string
  name: string
  nameEn: string
  prefix: string
  counters: string[]
  waiting: number
  open: boolean
  estWait: number
}

export interface CounterView {
  state: CounterState
  services: string[]
  current: CTicket | null
  parked: CTicket[]
  waiting: CTicket[]
  lines: ServiceView[]
}

export type Op = 'call' | 'recall' | 'noshow' | 'start' | 'finish' | 'park' | 'resume' | 'transfer'

export const PathServices = '/api/v1/services'
export const PathOfficers = '/api/v1/officers'
export const pathCounter = (c: string) => `/api/v1/counters/${encodeURIComponent(c)}`
export const pathSignIn = (c: string) => `${pathCounter(c)}/signin`
export const pathSignOut = (c: string) => `${pathCounter(c)}/signout`
export const pathNext = (c: string) => `${pathCounter(c)}/next`
export const pathState = (c: string) => `${pathCounter(c)}/state`
export const pathAction = (c: string, id: number, op: Op) => `${pathCounter(c)}/tickets/${id}/${op}`
