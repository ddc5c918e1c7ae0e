package uiapi

import (
	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/search"
	"github.com/motcua/kiosk/kiosk/session"
)

// What every screen may call: no mode needed. Personal data leaves Go only
// as the masked IdentityView of the current session.

// Status reports identity, timings, features and faults for the start screen.
func (a *API) Status() core.StatusView { return a.k.Status() }

// Painted tells Go the first screen is on glass (start-up figure).
func (a *API) Painted() { a.k.Painted() }

// Alive is the UI loop's ping, every few seconds: it keeps systemd's
// watchdog fed while the screen runs (no role; it returns nothing).
func (a *API) Alive() { a.k.Alive() }

// Touch records citizen activity; it starts a session from the attract screen.
func (a *API) Touch() session.State { return a.k.Touch() }

// EndSession ends the citizen session and wipes what it held.
func (a *API) EndSession() session.State { return a.k.EndSession() }

// SessionState is the session as it is now.
func (a *API) SessionState() session.State { return a.k.SessionState() }

// SetLanguage switches the session's language ("vi" or "en").
func (a *API) SetLanguage(lang string) session.State { return a.k.SetLanguage(lang) }

// Search looks procedures up as the citizen types.
func (a *API) Search(q string, f search.Filter, limit int) core.SearchResponse {
	return a.k.Search(q, f, limit)
}

// CatalogFacets lists the fields and levels to browse by.
func (a *API) CatalogFacets() core.Facets { return a.k.CatalogFacets() }

// Procedure is one procedure's detail screen.
func (a *API) Procedure(code string) (core.ProcedureView, error) { return a.k.Procedure(code) }

// PrintChecklist prints the guidance wizard's checklist.
func (a *API) PrintChecklist(code string, caseIdx int, ticked []int, withName bool) core.PrintResult {
	return a.k.PrintChecklist(code, caseIdx, ticked, withName)
}

// ScanWedge hands Go what a keyboard-wedge scanner typed.
func (a *API) ScanWedge(raw string) core.ScanEvent { return a.k.ScanWedge(raw) }

// Dossier looks a dossier's status up by its receipt code (owner masked;
// nothing is kept on the kiosk).
func (a *API) Dossier(code string) core.DossierResult { return a.k.Dossier(code) }

// Identity is the masked identity read in this session, or nil.
func (a *API) Identity() *core.IdentityView { return a.k.Identity() }

// ForgetIdentity drops the identity from the session at the citizen's request.
func (a *API) ForgetIdentity() { a.k.ForgetIdentity() }

// CreatePayment starts a VietQR payment for a fee.
func (a *API) CreatePayment(procedure, purpose string, amount int64) (core.PaymentView, error) {
	return a.k.CreatePayment(procedure, purpose, amount)
}

// CancelPayment cancels the citizen's unpaid payment.
func (a *API) CancelPayment(ref string) (core.PaymentView, error) { return a.k.CancelPayment(ref) }

// PrinterStatus is the printer's state, for the ticket and payment screens.
func (a *API) PrinterStatus() core.DeviceStatus { return a.k.PrinterStatus() }

// Devices lists the status lights of the kiosk's devices (no settings).
func (a *API) Devices() []core.DeviceStatus { return a.k.Devices() }

// QueueInfo lists the services with their waiting counts.
func (a *API) QueueInfo() (core.QueueInfo, error) { return a.k.QueueInfo() }

// IssueTicket takes a queue number and prints it.
func (a *API) IssueTicket(service, priority string) (queue.Ticket, error) {
	return a.k.IssueTicket(service, priority)
}

// IssueTicketFor takes a queue number from a procedure's screen (caseIdx
// -1) or the dossier wizard (the chosen case and the ticked papers, by
// index): Go attaches the guidance, from the catalog only.
func (a *API) IssueTicketFor(service, priority, procedure string, caseIdx int, ticked []int) (queue.Ticket, error) {
	return a.k.IssueTicketFor(service, priority, procedure, caseIdx, ticked)
}

// RateVisit rates a finished ticket later on the kiosk: ref is the scanned
// ticket QR or the typed ticket code.
func (a *API) RateVisit(ref string, stars int, reasons []string, comment string) core.RateResult {
	return a.k.RateVisit(ref, stars, reasons, comment)
}

// Rate records one rating.
func (a *API) Rate(kind, service, score, reason string) error {
	return a.k.Rate(kind, service, score, reason)
}

// SkillGuides lists the digital-skills guides.
func (a *API) SkillGuides() []core.GuideView { return a.k.SkillGuides() }

// PrintGuide prints a digital-skills guide.
func (a *API) PrintGuide(id string) core.PrintResult { return a.k.PrintGuide(id) }

// QRCode renders text as a QR image (data URL) to open on a phone.
func (a *API) QRCode(text string) (string, error) { return a.k.QRCode(text) }

// RequestAssistance calls a staff member to the kiosk.
func (a *API) RequestAssistance(screen, procedure string) (assist.Request, error) {
	return a.k.RequestAssistance(screen, procedure)
}

// The PIN pad: anyone may try a PIN; the runtime locks the pad after
// repeated wrong ones.

// StaffMode reports the open mode and whether first-run set-up is needed.
func (a *API) StaffMode() core.ModeView { return a.k.StaffMode() }

// StaffSetup sets a role's PIN on first run only.
func (a *API) StaffSetup(role, pin string) core.ModeView { return a.k.StaffSetup(role, pin) }

// StaffUnlock opens the mode whose PIN this is.
func (a *API) StaffUnlock(pin string) core.ModeView { return a.k.StaffUnlock(pin) }

// StaffLeave closes the mode.
func (a *API) StaffLeave() core.ModeView { return a.k.StaffLeave() }
