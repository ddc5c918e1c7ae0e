package queue

import (
	"context"
	"errors"
	"fmt"
)

// Get loads a ticket with its current people-ahead count (ErrNoTicket if unknown).
func (s *Service) Get(ctx context.Context, id int64) (Ticket, error) {
	t, err := s.db.Ticket(ctx, id)
	if errors.Is(err, ErrNoTicket) {
		return Ticket{}, fmt.Errorf("%w: %d", ErrNoTicket, id)
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("queue: get %d: %w", id, err)
	}
	s.dress(&t)
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
	ts, err := s.list(ctx, day)
	if err != nil {
		return nil, err
	}
	pos := map[string]map[int64]int{} // line → ticket ID → people ahead
	for i, t := range ts {
		if t.Called {
			continue
		}
		line := t.InLine()
		m, ok := pos[line]
		if !ok {
			l, err := s.db.Line(ctx, line, day)
			if err != nil {
				return nil, fmt.Errorf("queue: waiting %s: %w", line, err)
			}
			m = map[int64]int{}
			for j, w := range Order(l.Waiting, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase(l.Called)) {
				m[w.ID] = j
			}
			pos[line] = m
		}
		ts[i].PeopleAhead = m[t.ID]
	}
	return ts, nil
}

// list is a day's tickets, newest first, with names and advice.
func (s *Service) list(ctx context.Context, day string) ([]Ticket, error) {
	ts, err := s.db.Tickets(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("queue: list: %w", err)
	}
	for i := range ts {
		s.dress(&ts[i])
	}
	return ts, nil
}

// dress adds what the store does not keep: names, counters, advice.
func (s *Service) dress(t *Ticket) {
	s.fill(t)
	if t.PrintState == StateFailed {
		t.AdviceVI, t.AdviceEN = Advice(t.PrintError)
	}
}
