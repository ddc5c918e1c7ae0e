// Package queue issues queue tickets: numbered per service per business day
// atomically in SQLite (no duplicate, no gap, even from two processes),
// stored before printing with a print state, reprinted without a new number.
// Tickets hold no personal data.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/store"
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

// Service issues, prints and calls tickets.
type Service struct {
	db  *store.DB
	cfg config.Config
	loc *time.Location
	now func() time.Time
	ev  events.Emitter

	printMu sync.Mutex // one print at a time; guards "printed exactly once"
}

// New makes the queue over the store. now may be nil (time.Now). A nil db
// is allowed for layout only (Doc).
func New(db *store.DB, cfg config.Config, now func() time.Time) *Service {
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
	sv, ok := s.service(code)
	if !ok {
		return Ticket{}, issueErr(ErrNoService, code)
	}
	if priority != "" && !contains(s.cfg.Queue.PriorityCategories, priority) {
		return Ticket{}, issueErr(ErrPriority, code)
	}
	now := s.now()
	day := s.Day(now)
	var t Ticket
	for attempt := 0; ; attempt++ {
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			open, err := s.isOpen(ctx, tx, sv)
			if err != nil {
				return err
			}
			if !open {
				return issueErr(ErrClosed, code)
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM tickets WHERE service = ? AND day = ?`, code, day).Scan(&n); err != nil {
				return fmt.Errorf("read last number: %w", err)
			}
			if sv.DailyCap > 0 && n >= sv.DailyCap {
				return issueErr(ErrCapped, code)
			}
			n++
			t = Ticket{Number: n, Code: TicketCode(sv.Prefix, n), Service: code, Day: day, Priority: priority,
				IssuedAt: now.UTC().Format(time.RFC3339), PrintState: StatePending}
			res, err := tx.ExecContext(ctx, `INSERT INTO tickets(service, day, number, code, priority, issued_at) VALUES(?,?,?,?,?,?)`,
				code, day, n, t.Code, priority, t.IssuedAt)
			if err != nil {
				return fmt.Errorf("insert ticket: %w", err)
			}
			t.ID, err = res.LastInsertId()
			return err
		})
		if err == nil {
			break
		}
		if attempt < 50 && retryable(err) {
			if werr := backoff(ctx, attempt); werr != nil {
				return Ticket{}, fmt.Errorf("queue: issue %s: %w", code, werr)
			}
			continue
		}
		var ie *IssueError
		if errors.As(err, &ie) {
			return Ticket{}, err
		}
		return Ticket{}, fmt.Errorf("queue: issue %s: %w", code, err)
	}
	s.fill(&t)
	t.PeopleAhead, _ = s.ahead(ctx, t)
	s.ev.Emit(EventTicket, t)
	return t, nil
}

// TicketCode is the printed code: prefix, dash, four digits ("A-0012").
func TicketCode(prefix string, n int) string { return fmt.Sprintf("%s-%04d", prefix, n) }

// retryable reports a lock or uniqueness clash with another writer.
func retryable(err error) bool {
	if errors.Is(err, store.ErrLocked) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch {
		case se.Code()&0xff == sqlite3.SQLITE_BUSY, se.Code()&0xff == sqlite3.SQLITE_LOCKED,
			se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE:
			return true
		}
	}
	return false
}

func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(min(attempt+1, 20)) * 5 * time.Millisecond
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// querier is a *sql.Tx or the store.
type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// isOpen is the staff override if any, else the configured state.
func (s *Service) isOpen(ctx context.Context, q querier, sv config.QueueService) (bool, error) {
	var open int
	err := q.QueryRowContext(ctx, `SELECT open FROM service_state WHERE code = ?`, sv.Code).Scan(&open)
	if errors.Is(err, sql.ErrNoRows) {
		return sv.Open, nil
	}
	if err != nil {
		return false, fmt.Errorf("queue: service state %s: %w", sv.Code, err)
	}
	return open == 1, nil
}

// fill adds the names and counters from the config.
func (s *Service) fill(t *Ticket) {
	if sv, ok := s.service(t.Service); ok {
		t.ServiceName, t.ServiceEN, t.Counters = sv.NameVI, sv.NameEN, sv.Counters
	}
}
