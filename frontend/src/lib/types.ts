// The screens' names for what Go sends. Every type here is one the Wails
// generator wrote from the Go structs (src/wailsjs/go/models.ts), so a field
// renamed or removed in Go fails `svelte-check` in `make test`.
import type { assist, catalog, core, payment, queue, search, session } from '../wailsjs/go/models'

export type Lang = 'vi' | 'en'

/** lang narrows a language code from Go to the two the kiosk speaks. */
export function lang(s: string): Lang {
  return s === 'en' ? 'en' : 'vi'
}

export type SessionState = session.State
export type Problem = core.Problem
export type Status = core.StatusView
export type SearchHit = search.Result
export type SearchResponse = core.SearchResponse
export type Facet = search.Facet
export type Facets = core.Facets
export type DocumentItem = catalog.Document
export type MethodView = catalog.Method
/** Filled makes the optional (omitempty) fields K present: the screens work
 *  on what lib/procedure.ts normalize() makes of a procedure. */
type Filled<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> }
export type CaseView = Filled<catalog.DossierCase, 'time' | 'fee' | 'documents'>
export type ProcedureView = Filled<
  Omit<core.ProcedureView, 'cases'>,
  'subjects' | 'steps' | 'methods' | 'conditions' | 'legalBasis' | 'forms' | 'unverified'
> & { cases: CaseView[] }
/** RawProcedure is a procedure as Go sends it, before normalize(). */
export type RawProcedure = core.ProcedureView
export type ServiceView = queue.ServiceView
export type TicketView = queue.Ticket
export type QueueInfo = core.QueueInfo
export type PaymentView = core.PaymentView
export type PaymentRow = payment.Payment
export type IdentityView = core.IdentityView
export type ScanEvent = core.ScanEvent
export type DossierResult = core.DossierResult
export type AssistRequest = assist.Request
export type ModeView = core.ModeView
export type CentreLink = core.CentreLink
export type CentreInfo = core.CentreInfo
