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

export interface SearchHit {
  code: string
  name: string
  field: string
  level: string
  agency: string
  score: number
}

export interface SearchResponse {
  results: SearchHit[]
  suggestions: SearchHit[]
  popular: boolean // suggestions are popular procedures, not close names
}

export interface Facet { name: string; count: number }
export interface Facets { fields: Facet[]; levels: Facet[]; agencies: Facet[] }

export interface DocumentItem {
  name: string
  originals: number
  copies: number
  form: string
  formUrl: string
  obtain: string
  notes: string
}

export interface CaseView {
  name: string
  time: string
  fee: string
  documents: DocumentItem[]
}

export interface MethodView {
  method: string
  time: string
  fee: string
  feeAmount: number
}

export interface ProcedureView {
  code: string
  name: string
  field: string
  level: string
  agency: string
  subjects: string[]
  steps: string[]
  methods: MethodView[]
  cases: CaseView[]
  result: string
  conditions: string[]
  legalBasis: string[]
  forms: { name: string; url: string }[]
  onlineLevel: string
  validity: string
  replacedBy: string
  source: string
  sourceUrl: string
  updated: string
  unverified: string[]
  feeAmount: number
  portalUrl: string
  service: { code: string; name: string; counters: string[] } | null
}

export interface ServiceView {
  code: string
  name: string
  nameEn: string
  prefix: string
  counters: string[]
  waiting: number
  open: boolean
}

export interface TicketView {
  id: number
  code: string
  number: number
  service: string
  serviceName: string
  serviceNameEn: string
  counters: string[]
  peopleAhead: number
  issuedAt: string
  priority: string
  printState: 'pending' | 'printed' | 'failed'
  reprints: number
  adviceVi: string
  adviceEn: string
}

export interface QueueInfo {
  services: ServiceView[]
  priorities: string[]
  suggestedPriority: string
}

export interface PaymentView {
  ref: string
  amount: number
  amountWords: string
  purpose: string
  procedureCode: string
  status: 'awaiting' | 'paid' | 'expired' | 'cancelled' | 'needs_review'
  qrPng: string
  bankName: string
  account: string
  accountName: string
  memo: string
  secondsLeft: number
  bankTxId: string
  receiptState: string
}

export interface IdentityView {
  name: string
  maskedId: string
  age: number
  suggestedPriority: string
  source: string
}

export interface ScanEvent {
  ok: boolean
  identity?: IdentityView
  errorVi?: string
  errorEn?: string
}
