// Package queue issues queue tickets: numbered per service per business day
// atomically in SQLite (no duplicate, no gap, even from two processes),
// stored before printing with a print state, reprinted without a new number.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/store"
)

// Errors a screen must tell apart.
var (
	ErrNoService = errors.New("queue: no such service")
	ErrClosed    = errors.New("queue: service closed")
	ErrCapped    = errors.New("queue: daily cap reached")
	ErrPriority  = errors.New("queue: unknown priority category")
)

// Ticket is one issued ticket.
type Ticket struct {
	ID          int64    `json:"id"`
	Code        string   `json:"code"`
	Number      int      `json:"number"`
	Service     string   `json:"service"`
	ServiceName string   `json:"serviceName"`
	ServiceEN   string   `json:"serviceNameEn"`
	Counters    []string `json:"counters"`
	Day         string   `json:"day"`
	PeopleAhead int      `json:"peopleAhead"`
	IssuedAt    string   `json:"issuedAt"`
	Priority    string   `json:"priority"`
	PrintState  string   `json:"printState"`
	PrintError  string   `json:"printError"`
	Reprints    int      `json:"reprints"`
	AdviceVI    string   `json:"adviceVi"`
	AdviceEN    string   `json:"adviceEn"`
}

// Service issues and prints tickets.
type Service struct {
	db  *store.DB
	cfg config.Config
	loc *time.Location
	now func() time.Time
}

// New makes the queue over the store.
func New(db *store.DB, cfg config.Config, now func() time.Time) *Service {
	loc, err := time.LoadLocation(cfg.Kiosk.Timezone)
	if err != nil {
		loc = time.FixedZone("ICT", 7*3600)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, cfg: cfg, loc: loc, now: now}
}

// Day is the business day of t: before the reset hour it is still yesterday.
func (s *Service) Day(t time.Time) string {
	lt := t.In(s.loc).Add(-time.Duration(s.cfg.Queue.ResetHour) * time.Hour)
	return lt.Format("2006-01-02")
}

func (s *Service) service(code string) (config.QueueService, bool) {
	for _, sv := range s.cfg.Queue.Services {
		if sv.Code == code {
			return sv, true
		}
	}
	return config.QueueService{}, false
}

// Issue stores a new ticket (print state pending) and returns it. The
// number is max+1 for the service and day inside one immediate transaction;
// the UNIQUE constraint is the last guard.
func (s *Service) Issue(ctx context.Context, code, priority string) (Ticket, error) {
	sv, ok := s.service(code)
	if !ok {
		return Ticket{}, fmt.Errorf("%w %q", ErrNoService, code)
	}
	if priority != "" && !contains(s.cfg.Queue.PriorityCategories, priority) {
		return Ticket{}, fmt.Errorf("%w %q", ErrPriority, priority)
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
				return fmt.Errorf("%w: %s", ErrClosed, code)
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM tickets WHERE service = ? AND day = ?`, code, day).Scan(&n); err != nil {
				return err
			}
			if sv.DailyCap > 0 && n >= sv.DailyCap {
				return fmt.Errorf("%w: %s has issued %d today", ErrCapped, code, n)
			}
			n++
			t = Ticket{Number: n, Code: fmt.Sprintf("%s-%04d", sv.Prefix, n), Service: code, Day: day, Priority: priority,
				IssuedAt: now.UTC().Format(time.RFC3339), PrintState: "pending"}
			res, err := tx.ExecContext(ctx, `INSERT INTO tickets(service, day, number, code, priority, issued_at) VALUES(?,?,?,?,?,?)`,
				code, day, n, t.Code, priority, t.IssuedAt)
			if err != nil {
				return err
			}
			t.ID, _ = res.LastInsertId()
			return nil
		})
		if err == nil {
			break
		}
		if attempt < 20 && isBusy(err) {
			time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
			continue
		}
		return Ticket{}, err
	}
	s.decorate(ctx, &t, sv)
	return t, nil
}

func isBusy(err error) bool {
	return errors.Is(err, store.ErrLocked) || strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "UNIQUE constraint")
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (s *Service) isOpen(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, sv config.QueueService) (bool, error) {
	var open int
	err := q.QueryRowContext(ctx, `SELECT open FROM service_state WHERE code = ?`, sv.Code).Scan(&open)
	if errors.Is(err, sql.ErrNoRows) {
		return sv.Open, nil
	}
	return open == 1, err
}

// SetOpen opens or closes a service for the day (staff).
func (s *Service) SetOpen(ctx context.Context, code string, open bool) error {
	if _, ok := s.service(code); !ok {
		return fmt.Errorf("%w %q", ErrNoService, code)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO service_state(code, open) VALUES(?,?) ON CONFLICT(code) DO UPDATE SET open = excluded.open`, code, open)
	return err
}

// decorate fills names, counters and people ahead.
func (s *Service) decorate(ctx context.Context, t *Ticket, sv config.QueueService) {
	t.ServiceName, t.ServiceEN, t.Counters = sv.NameVI, sv.NameEN, sv.Counters
	t.PeopleAhead, _ = s.ahead(ctx, *t)
}

// ahead counts waiting tickets served before t under the ordering: strict
// puts every priority ticket first; interleaved serves one priority ticket
// after every N regular ones.
func (s *Service) ahead(ctx context.Context, t Ticket) (int, error) {
	var prio, regular int
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(priority != '' AND number < ?), 0),
		COALESCE(SUM(priority = '' AND number < ?), 0)
		FROM tickets WHERE service = ? AND day = ? AND served = 0`, t.Number, t.Number, t.Service, t.Day).Scan(&prio, &regular)
	if err != nil {
		return 0, err
	}
	return PeopleAhead(s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, t.Priority != "", prio, regular), nil
}

// PeopleAhead computes the wait position: prio and regular are the waiting
// priority and regular tickets issued before this one.
func PeopleAhead(ordering string, every int, isPriority bool, prio, regular int) int {
	if isPriority {
		if ordering == "strict" {
			return prio
		}
		// Interleaved: this priority ticket waits for earlier priority ones and
		// up to `every` regular tickets per priority slot before it.
		return prio + min(regular, (prio+1)*every)
	}
	if ordering == "strict" {
		return prio + regular
	}
	return regular + min(prio, regular/max(every, 1)+1)
}

// Waiting counts unserved tickets per service today.
func (s *Service) Waiting(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT service, COUNT(*) FROM tickets WHERE day = ? AND served = 0 GROUP BY service`, s.Day(s.now()))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var c string
		var n int
		rows.Scan(&c, &n)
		m[c] = n
	}
	return m, rows.Err()
}

// ServiceView is a service with its state for the screen.
type ServiceView struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	NameEN   string   `json:"nameEn"`
	Prefix   string   `json:"prefix"`
	Counters []string `json:"counters"`
	Waiting  int      `json:"waiting"`
	Open     bool     `json:"open"`
}

// Services lists the services with waiting counts and open state.
func (s *Service) Services(ctx context.Context) ([]ServiceView, error) {
	w, err := s.Waiting(ctx)
	if err != nil {
		return nil, err
	}
	var out []ServiceView
	for _, sv := range s.cfg.Queue.Services {
		open, err := s.isOpen(ctx, s.db, sv)
		if err != nil {
			return nil, err
		}
		out = append(out, ServiceView{Code: sv.Code, Name: sv.NameVI, NameEN: sv.NameEN, Prefix: sv.Prefix, Counters: sv.Counters, Waiting: w[sv.Code], Open: open})
	}
	return out, nil
}
