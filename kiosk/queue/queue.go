// Package queue issues queue tickets: numbered per service per business day
// atomically by the Store (no duplicate, no gap, even from two processes),
// stored before printing with a print state, reprinted without a new number.
// Tickets hold no personal data.
package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
)

// Print states of a ticket.
const (
	StatePending = "pending" // stored, not printed yet (or a crash before printing)
	StatePrinted = "printed"
	StateFailed  = "failed" // the printer refused or broke off: flagged for reprint
)

// Event names pushed to the UI (payloads carry no personal data).
const (
	EventTicket  = "queue:ticket"  // data: Ticket (issued, printed, failed, reprinted, called)
	EventService = "queue:service" // data: ServiceView after open/close
	EventFault   = "printer:fault" // data: Fault
)

// Line is one line's tickets of one business day as the caller sees it
// (the tickets whose Ticket.Line is that service).
type Line struct {
	Waiting []Waiting // StatusWaiting, by issue order (ID)
	Called  []Waiting // called from this line, in the order they were called
}

// Counts is a service's tickets of one business day.
type Counts struct {
	Waiting int // waiting in its line (StatusWaiting, transfers in included)
	Issued  int // the last number issued for the service
}

// Store persists tickets, service overrides and printer faults. A stored
// Ticket carries ID, Code, Number, Service, Day, Priority, IssuedAt,
// PrintState, PrintError, PrintedAt, Reprints, Called (Status is not
// StatusWaiting) and the lifecycle fields (Line through Guidance); the
// Service fills in the rest.
type Store interface {
	Lifecycle
	Counters
	// IssueTicket numbers and stores a ticket for service on day in one
	// atomic step: it reads the staff override (nil when none) and the last
	// number issued for that service and day (0 when none), calls next, and
	// stores the ticket next returns, which must have Number last+1; it sets
	// ID. The ticket is stored waiting (Status StatusWaiting) in the line
	// of its Line (Service when empty), with its EstWait and Guidance
	// (refused, wrapping ErrGuidance, when larger than MaxGuidance). An error from next is returned as is and nothing is stored.
	// Concurrent callers, in this process or another on the same store,
	// never get the same number and never leave a gap; next may be called
	// more than once when the store retries.
	//
	// key, when not "", makes the issue idempotent: if a ticket was stored
	// with that key, IssueTicket returns it with Replayed set, without
	// calling next, whatever the service's state now; otherwise the new
	// ticket is stored with the key in the same transaction.
	IssueTicket(ctx context.Context, service, day, key string, next func(open *bool, last int) (Ticket, error)) (Ticket, error)
	// Ticket returns one ticket (ErrNoTicket).
	Ticket(ctx context.Context, id int64) (Ticket, error)
	// Tickets lists a business day's tickets, newest first.
	Tickets(ctx context.Context, day string) ([]Ticket, error)
	// Line loads the waiting and called tickets of a line (the tickets
	// whose Line is line) of a day.
	Line(ctx context.Context, line, day string) (Line, error)
	// ServiceCounts is the waiting (per line) and issued (per service)
	// counts of a day (services without tickets are absent).
	ServiceCounts(ctx context.Context, day string) (map[string]Counts, error)
	// ServiceOverride is staff's open/closed override; ok false when none.
	ServiceOverride(ctx context.Context, code string) (open, ok bool, err error)
	// SetServiceOverride stores the override (it outlives restarts).
	SetServiceOverride(ctx context.Context, code string, open bool) error
	// MarkPrinted sets a ticket printed at the time given (RFC 3339).
	MarkPrinted(ctx context.Context, id int64, at string) error
	// MarkPrintFailed sets the ticket failed with f.Kind and stores f
	// (setting f.ID) in one transaction.
	MarkPrintFailed(ctx context.Context, id int64, f *Fault) error
	// AddReprint counts one reprint of a ticket.
	AddReprint(ctx context.Context, id int64) error
	// AddFault stores a fault seen outside a ticket, setting f.ID.
	AddFault(ctx context.Context, f *Fault) error
	// Faults lists the newest faults first with their ticket codes, at most limit.
	Faults(ctx context.Context, limit int) ([]Fault, error)
}

// Service issues, prints and calls tickets.
type Service struct {
	db  Store
	cfg config.Config
	loc *time.Location
	now func() time.Time
	ev  events.Emitter

	printMu sync.Mutex // one print at a time; guards "printed exactly once"
	est     rates      // recent time per call, per line (estimate.go)
}

// New makes the queue over the store. now may be nil (time.Now). A nil db
// is allowed for layout only (Doc).
func New(db Store, cfg config.Config, now func() time.Time) *Service {
	loc, err := time.LoadLocation(cfg.Kiosk.Timezone)
	if err != nil || cfg.Kiosk.Timezone == "" {
		loc = time.FixedZone("ICT", 7*3600)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, cfg: cfg, loc: loc, now: now, ev: events.Discard}
}

// SetEmitter sends EventTicket, EventService and EventFault to ev (nil: none).
// Call it before use; it is not synchronised with running calls.
func (s *Service) SetEmitter(ev events.Emitter) {
	if ev == nil {
		ev = events.Discard
	}
	s.ev = ev
}

// Day is the business day (YYYY-MM-DD, config time zone) of t: before the
// reset hour it is still the previous day.
func (s *Service) Day(t time.Time) string {
	lt := t.In(s.loc)
	if lt.Hour() < s.cfg.Queue.ResetHour {
		y, m, d := lt.Date()
		lt = time.Date(y, m, d-1, 12, 0, 0, 0, s.loc)
	}
	return lt.Format("2006-01-02")
}

// BusinessDay is the current business day.
func (s *Service) BusinessDay() string { return s.Day(s.now()) }

func (s *Service) service(code string) (config.QueueService, bool) {
	for _, sv := range s.cfg.Queue.Services {
		if sv.Code == code {
			return sv, true
		}
	}
	return config.QueueService{}, false
}

// Issue stores a new ticket (print state pending) and returns it with the
// people ahead. The number is max+1 for the service and business day inside
// one immediate (write-locked) transaction, so two processes never read the
// same max; the UNIQUE(service, day, number) constraint is the last guard and
// a busy or constraint failure is retried. A failed transaction leaves no row,
// hence no gap. Errors: *IssueError wrapping ErrNoService, ErrPriority,
// ErrClosed or ErrCapped.
func (s *Service) Issue(ctx context.Context, code, priority string) (Ticket, error) {
	return s.IssueKeyed(ctx, code, priority, "")
}

// IssueKeyed is Issue made idempotent by key (a client's idempotency key,
// at most 128 bytes): the same key gives back the ticket first issued for
// it, with Replayed set, and nothing new is stored or announced.
func (s *Service) IssueKeyed(ctx context.Context, code, priority, key string) (Ticket, error) {
	return s.IssueGuided(ctx, code, priority, key, nil)
}

// IssueGuided is IssueKeyed with what the citizen did at the kiosk (the
// procedure, case and papers, no personal data) attached for the officer;
// g may be nil.
func (s *Service) IssueGuided(ctx context.Context, code, priority, key string, g *Guidance) (Ticket, error) {
	if len(key) > 128 {
		return Ticket{}, issueErr(ErrKey, code)
	}
	sv, ok := s.service(code)
	if !ok {
		return Ticket{}, issueErr(ErrNoService, code)
	}
	if priority != "" && !contains(s.cfg.Queue.PriorityCategories, priority) {
		return Ticket{}, issueErr(ErrPriority, code)
	}
	now := s.now()
	day := s.Day(now)
	est := s.estimateNew(ctx, code, day, priority != "")
	t, err := s.db.IssueTicket(ctx, code, day, key, func(override *bool, last int) (Ticket, error) {
		open := sv.Open
		if override != nil {
			open = *override
		}
		if !open {
			return Ticket{}, issueErr(ErrClosed, code)
		}
		if sv.DailyCap > 0 && last >= sv.DailyCap {
			return Ticket{}, issueErr(ErrCapped, code)
		}
		n := last + 1
		return Ticket{Number: n, Code: TicketCode(sv.Prefix, n), Service: code, Day: day, Priority: priority,
			IssuedAt: now.UTC().Format(time.RFC3339), PrintState: StatePending,
			Line: code, Status: StatusWaiting, EstWait: est, Guidance: g}, nil
	})
	if err != nil {
		var ie *IssueError
		if errors.As(err, &ie) {
			return Ticket{}, err
		}
		return Ticket{}, fmt.Errorf("queue: issue %s: %w", code, err)
	}
	s.fill(&t)
	t.PeopleAhead, _ = s.ahead(ctx, t)
	if !t.Replayed {
		s.ev.Emit(EventTicket, t)
	}
	return t, nil
}

// TicketCode is the printed code: prefix, dash, four digits ("A-0012").
func TicketCode(prefix string, n int) string { return fmt.Sprintf("%s-%04d", prefix, n) }

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// isOpen is the staff override if any, else the configured state.
func (s *Service) isOpen(ctx context.Context, sv config.QueueService) (bool, error) {
	open, ok, err := s.db.ServiceOverride(ctx, sv.Code)
	if err != nil {
		return false, fmt.Errorf("queue: service state %s: %w", sv.Code, err)
	}
	if !ok {
		return sv.Open, nil
	}
	return open, nil
}

// fill adds the names and counters from the config.
func (s *Service) fill(t *Ticket) {
	if sv, ok := s.service(t.Service); ok {
		t.ServiceName, t.ServiceEN, t.Counters = sv.NameVI, sv.NameEN, sv.Counters
	}
}
