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
}

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
