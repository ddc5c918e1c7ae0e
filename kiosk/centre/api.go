// Package centre is the centre server's HTTP API: one queue and one payment
// ledger for every kiosk, counter and display of a hall. This file is the
// wire contract (paths, request and error shapes) shared by the server
// and the Go client (client.go) that kiosks and kioskctl use.
//
// Every /api/ request carries "Authorization: Bearer <device token>"
// (motcua-centre enroll). Staff actions also carry the staff PIN in
// "X-Staff-PIN". Bank notices (/notify/…) are authenticated by the
// provider's signature instead. Errors are JSON Error bodies.
package centre

import (
	"fmt"
	"net/http"

	"github.com/motcua/kiosk/kiosk/queue"
)

// Routes (Go 1.22 ServeMux patterns).
const (
	PathHealth        = "/healthz"                             // GET → Health (no token)
	PathServices      = "/api/v1/services"                     // GET → []queue.ServiceView (any device)
	PathTickets       = "/api/v1/tickets"                      // POST IssueRequest → queue.Ticket (kiosk)
	PathCounterNext   = "/api/v1/counters/{counter}/next"      // POST → queue.Call; 204 when nobody waits (counter)
	PathEvents        = "/api/v1/events"                       // GET text/event-stream, Last-Event-ID (any device)
	PathPayments      = "/api/v1/payments"                     // POST PaymentRequest → payment.View (kiosk)
	PathPayment       = "/api/v1/payments/{ref}"               // GET → payment.View (kiosk, counter)
	PathPaymentCancel = "/api/v1/payments/{ref}/cancel"        // POST → payment.View (kiosk)
	PathStaffConfirm  = "/api/v1/staff/payments/{ref}/confirm" // POST StaffRequest → payment.View (counter + staff PIN)
	PathStaffVoid     = "/api/v1/staff/payments/{ref}/void"    // POST StaffRequest → payment.View (counter + staff PIN)
	PathStaffNotices  = "/api/v1/staff/notices"                // GET → []payment.NoticeRow flagged, unresolved (counter + staff PIN)
	PathStaffRefund   = "/api/v1/staff/notices/{id}/refund"    // POST StaffRequest (note) (counter + staff PIN)
	PathStaffAssign   = "/api/v1/staff/notices/{id}/assign"    // POST StaffRequest (ref, note) (counter + staff PIN)
	PathNotify        = "/notify/"                             // POST /notify/{casso,payos,sepay}: bank notices
)

// Headers.
const (
	HeaderStaffPIN    = "X-Staff-PIN"
	HeaderLastEventID = "Last-Event-ID"
	HeaderInstance    = "X-Centre-Instance" // which centre instance answered (logs, tests)
)

// Health is GET /healthz.
type Health struct {
	OK       bool   `json:"ok"`
	Store    string `json:"store"` // sqlite | postgres
	Instance string `json:"instance"`
	Version  string `json:"version"`
	Error    string `json:"error,omitempty"` // why not ok (store down)
}

// IssueRequest asks for a ticket. Key is the kiosk's idempotency key (≤128
// bytes): retrying with the same key gives back the same ticket, so a
// kiosk that lost the answer never issues twice.
type IssueRequest struct {
	Service  string `json:"service"`
	Priority string `json:"priority,omitempty"`
	Key      string `json:"key,omitempty"`
	// Guidance is what the citizen did at the kiosk (procedure, case,
	// papers; no personal data), shown to the officer who calls them.
	Guidance *queue.Guidance `json:"guidance,omitempty"`
}

// PaymentRequest starts a fee payment (amount in whole VND).
type PaymentRequest struct {
	Purpose   string `json:"purpose"`
	Amount    int64  `json:"amount"`
	Procedure string `json:"procedureCode,omitempty"`
}

// StaffRequest is the body of a staff action.
type StaffRequest struct {
	Reason string `json:"reason,omitempty"` // confirm, void
	Note   string `json:"note,omitempty"`   // refund, assign
	Ref    string `json:"ref,omitempty"`    // assign: the payment the notice belongs to
}

// Error codes (Error.Code).
const (
	CodeBadToken    = "bad_token"    // 401: missing, unknown or revoked device token
	CodeForbidden   = "forbidden"    // 403: this kind of device may not do that
	CodeBadPIN      = "bad_pin"      // 403: staff PIN missing or wrong, or the pad is locked
	CodeBadRequest  = "bad_request"  // 400: malformed body or parameter
	CodeTooLarge    = "too_large"    // 413
	CodeNotFound    = "not_found"    // 404: no such ticket, payment, notice or counter
	CodeClosed      = "closed"       // 409: service closed
	CodeCapped      = "capped"       // 409: daily cap reached
	CodeNoService   = "no_service"   // 422: unknown service or priority
	CodeState       = "state"        // 409: payment not in a state that allows it
	CodePaymentsOff = "payments_off" // 409: payments disabled on the centre
	CodeUnavailable = "unavailable"  // 503: store down; retry
)

// Error is every non-2xx body. VI and EN are what a citizen or officer may
// read; Message is for the technician's log.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	VI      string `json:"vi,omitempty"`
	EN      string `json:"en,omitempty"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("centre: %d %s: %s", e.Status, e.Code, e.Message)
}

// StatusOf is the HTTP status for an error code.
func StatusOf(code string) int {
	switch code {
	case CodeBadToken, CodeNoOfficer:
		return http.StatusUnauthorized
	case CodeForbidden, CodeBadPIN, CodeLocked, CodeWrongPIN:
		return http.StatusForbidden
	case CodeBadRequest:
		return http.StatusBadRequest
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeNotFound:
		return http.StatusNotFound
	case CodeClosed, CodeCapped, CodeState, CodePaymentsOff, CodePaused, CodeRated:
		return http.StatusConflict
	case CodeNoService:
		return http.StatusUnprocessableEntity
	}
	return http.StatusServiceUnavailable
}
