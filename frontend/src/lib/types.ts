export interface SessionState {
  state: 'attract' | 'active' | 'warning'
  sessionId: number
  secondsLeft: number
  reason?: string
  language: 'vi' | 'en'
}

export interface Problem {
  area: string
  citizen: string
  citizenEn: string
  detail: string
}

export interface Status {
  centreName: string
  kioskId: string
  timezone: string
  language: 'vi' | 'en'
  idleSeconds: number
  countdownSeconds: number
  version: string
  features: string[]
  problems: Problem[]
  session: SessionState
}
