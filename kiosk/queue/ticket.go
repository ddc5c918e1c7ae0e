package queue

import (
	"errors"
	"fmt"
	"github.com/motcua/kiosk/kiosk/text"
)

// Ticket is one issued ticket. It holds no personal data.
type Ticket struct {
	ID          int64    `json:"id"`
	Code        string   `json:"code"` // "A-0012"
	Number      int      `json:"number"`
	Service     string   `json:"service"`
	ServiceName string   `json:"serviceName"`
	ServiceEN   string   `json:"serviceNameEn"`
	Counters    []string `json:"counters"`
	Day         string   `json:"day"` // business day YYYY-MM-DD
	PeopleAhead int      `json:"peopleAhead"`
	IssuedAt    string   `json:"issuedAt"` // RFC 3339, UTC
	Priority    string   `json:"priority"` // a config category, or ""
	PrintState  string   `json:"printState"`
	PrintError  string   `json:"printError"` // fault kind when failed
	PrintedAt   string   `json:"printedAt"`
	Reprints    int      `json:"reprints"`
	Called      bool     `json:"called"`
	AdviceVI    string   `json:"adviceVi"` // set when the print failed
	AdviceEN    string   `json:"adviceEn"`
	Key         string   `json:"-"`        // the client's idempotency key, if any
	Replayed    bool     `json:"replayed"` // IssueKeyed gave back a ticket issued before

	// Life at the counters (lifecycle.go). Times are RFC 3339 UTC, "" when not yet.
	Line       string    `json:"line"`       // the service whose line it waits in: Service, or where it was transferred
	Status     string    `json:"status"`     // Status* ("" read as StatusWaiting from an old row)
	Counter    string    `json:"counter"`    // the counter that called it ("" while waiting)
	Officer    string    `json:"officer"`    // the officer who called or serves it
	CalledAt   string    `json:"calledAt"`   // the first call
	StartedAt  string    `json:"startedAt"`  // service started
	FinishedAt string    `json:"finishedAt"` // finished or marked no-show
	Recalls    int       `json:"recalls"`
	Transfers  int       `json:"transfers"`
	Note       string    `json:"note"`    // the reason of the last out-of-order call, park or transfer
	EstWait    int       `json:"estWait"` // seconds of wait estimated at issue; -1 unknown
	Guidance   *Guidance `json:"guidance,omitempty"`
}

// InLine is the line the ticket waits in: Line, or its own service for a
// row from before transfers existed.
func (t Ticket) InLine() string {
	if t.Line != "" {
		return t.Line
	}
	return t.Service
}

// Ticket statuses. A ticket waits, is called to a counter (and may be
// recalled), is started, and is finished; or it is a no-show (only after a
// call), parked (set aside and resumed later by the same counter), or
// transferred back to waiting in another service's line, keeping its place
// (lines go by issue order).
const (
	StatusWaiting = "waiting"
	StatusCalled  = "called"
	StatusServing = "serving"
	StatusParked  = "parked"
	StatusDone    = "done"
	StatusNoShow  = "noshow"
)

// Guidance is what the citizen did at the kiosk before taking the number,
// for the officer who calls them. No personal data: procedure, case and
// paper names from the catalog only.
type Guidance struct {
	Procedure string   `json:"procedure"`      // catalog code
	Name      string   `json:"name"`           // procedure name (Vietnamese)
	Case      string   `json:"case,omitempty"` // the case (trường hợp) chosen in the wizard
	Ticked    []string `json:"ticked"`         // papers the citizen said they have
	Missing   []string `json:"missing"`        // papers still missing
	Fee       string   `json:"fee,omitempty"`  // fee text shown
	Paid      string   `json:"paid,omitempty"` // payment reference when paid at the kiosk
}

// MaxGuidance bounds a stored Guidance (JSON bytes); larger is refused.
const MaxGuidance = 8 << 10

// Sentinel errors a caller branches on (errors.Is).
var (
	ErrNoService   = errors.New("queue: no such service")
	ErrKey         = errors.New("queue: idempotency key longer than 128 bytes")
	ErrClosed      = errors.New("queue: service closed")
	ErrCapped      = errors.New("queue: daily cap reached")
	ErrPriority    = errors.New("queue: unknown priority category")
	ErrNoTicket    = errors.New("queue: no such ticket")
	ErrNoneWaiting = errors.New("queue: nobody waiting")
	// ErrNotPrinted wraps the printer's error (doc.ErrPaperEnd...) when a
	// stored ticket did not print; the Ticket returned with it is valid.
	ErrNotPrinted = errors.New("queue: ticket stored but not printed")
)

// IssueError is why a ticket was not issued, with the citizen-facing text
// (Vietnamese first, English second). It unwraps to one of the sentinels.
type IssueError struct {
	Err     error  // ErrNoService, ErrPriority, ErrClosed or ErrCapped
	Service string // service code
	VI, EN  string
}

func (e *IssueError) Error() string { return fmt.Sprintf("%v: %s", e.Err, e.Service) }
func (e *IssueError) Unwrap() error { return e.Err }

func issueErr(err error, service string) *IssueError {
	vi, en := Message(err)
	return &IssueError{Err: err, Service: service, VI: vi, EN: en}
}

// Message is the citizen-facing text for an error from this package
// (Vietnamese, English).
func Message(err error) (vi, en string) {
	m := text.QueueFailed
	switch {
	case errors.Is(err, ErrClosed):
		m = text.QueueClosed
	case errors.Is(err, ErrCapped):
		m = text.QueueCapped
	case errors.Is(err, ErrNoService), errors.Is(err, ErrPriority):
		m = text.QueueNoService
	case errors.Is(err, ErrNotPrinted):
		return Advice(FaultKind(err))
	}
	return m.VI, m.EN
}
