package queue

import (
	"context"
	"fmt"
)

// Get loads a ticket with its current people-ahead count (ErrNoTicket if unknown).
func (s *Service) Get(ctx context.Context, id int64) (Ticket, error) {
	ts, err := s.list(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Ticket{}, err
	}
	if len(ts) == 0 {
		return Ticket{}, fmt.Errorf("%w: %d", ErrNoTicket, id)
	}
	t := ts[0]
	if !t.Called {
		t.PeopleAhead, _ = s.ahead(ctx, t)
	}
	return t, nil
}

// Today lists the current business day's tickets, newest first, with the
// people ahead of each waiting one.
func (s *Service) Today(ctx context.Context) ([]Ticket, error) {
	return s.List(ctx, s.BusinessDay())
}

// List lists a business day's tickets (YYYY-MM-DD), newest first, with the
// people ahead of each waiting one.
func (s *Service) List(ctx context.Context, day string) ([]Ticket, error) {
	ts, err := s.list(ctx, `WHERE day = ? ORDER BY id DESC`, day)
	if err != nil {
		return nil, err
	}
	pos := map[string]map[int]int{} // service → number → people ahead
	for i, t := range ts {
		if t.Called {
			continue
		}
		m, ok := pos[t.Service]
		if !ok {
			ws, phase, err := s.waiting(ctx, s.db, t.Service, day)
			if err != nil {
				return nil, err
			}
			m = map[int]int{}
			for j, w := range Order(ws, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase) {
				m[w.Number] = j
			}
			pos[t.Service] = m
		}
		ts[i].PeopleAhead = m[t.Number]
	}
	return ts, nil
}

func (s *Service) list(ctx context.Context, where string, args ...any) ([]Ticket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, service, day, number, code, priority, issued_at,
		print_state, print_error, printed_at, reprints, served > 0 FROM tickets `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("queue: list: %w", err)
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		var t Ticket
		if err := rows.Scan(&t.ID, &t.Service, &t.Day, &t.Number, &t.Code, &t.Priority, &t.IssuedAt,
			&t.PrintState, &t.PrintError, &t.PrintedAt, &t.Reprints, &t.Called); err != nil {
			return nil, fmt.Errorf("queue: list: %w", err)
		}
		s.fill(&t)
		if t.PrintState == StateFailed {
			t.AdviceVI, t.AdviceEN = Advice(t.PrintError)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
