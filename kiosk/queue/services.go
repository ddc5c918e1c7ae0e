package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ServiceView is a service with its state for the "Lấy số thứ tự" screen.
type ServiceView struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	NameEN   string   `json:"nameEn"`
	Prefix   string   `json:"prefix"`
	Counters []string `json:"counters"`
	Fields   []string `json:"fields"`
	Waiting  int      `json:"waiting"`  // issued today and not called yet
	Issued   int      `json:"issued"`   // issued today (the last number)
	DailyCap int      `json:"dailyCap"` // 0 = no cap
	Open     bool     `json:"open"`     // staff override, else config
}

// Services lists the configured services, in config order, with today's
// waiting and issued counts and the open state.
func (s *Service) Services(ctx context.Context) ([]ServiceView, error) {
	day := s.BusinessDay()
	rows, err := s.db.QueryContext(ctx, `SELECT service, COALESCE(SUM(served = 0), 0), COALESCE(MAX(number), 0) FROM tickets WHERE day = ? GROUP BY service`, day)
	if err != nil {
		return nil, fmt.Errorf("queue: services: %w", err)
	}
	waiting, issued := map[string]int{}, map[string]int{}
	for rows.Next() {
		var c string
		var w, n int
		if err := rows.Scan(&c, &w, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("queue: services: %w", err)
		}
		waiting[c], issued[c] = w, n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: services: %w", err)
	}
	out := make([]ServiceView, 0, len(s.cfg.Queue.Services))
	for _, sv := range s.cfg.Queue.Services {
		open, err := s.isOpen(ctx, s.db, sv)
		if err != nil {
			return nil, err
		}
		out = append(out, ServiceView{Code: sv.Code, Name: sv.NameVI, NameEN: sv.NameEN, Prefix: sv.Prefix,
			Counters: sv.Counters, Fields: sv.Fields, Waiting: waiting[sv.Code], Issued: issued[sv.Code],
			DailyCap: sv.DailyCap, Open: open})
	}
	return out, nil
}

// WaitingCounts is the number of tickets waiting per service code today.
func (s *Service) WaitingCounts(ctx context.Context) (map[string]int, error) {
	svs, err := s.Services(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]int, len(svs))
	for _, v := range svs {
		m[v.Code] = v.Waiting
	}
	return m, nil
}

// SetOpen opens or closes a service (staff). The override is stored and
// outlives restarts until staff change it again.
func (s *Service) SetOpen(ctx context.Context, code string, open bool) error {
	sv, ok := s.service(code)
	if !ok {
		return issueErr(ErrNoService, code)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO service_state(code, open) VALUES(?,?) ON CONFLICT(code) DO UPDATE SET open = excluded.open`, code, open); err != nil {
		return fmt.Errorf("queue: set %s open=%v: %w", code, open, err)
	}
	svs, err := s.Services(ctx)
	if err == nil {
		for _, v := range svs {
			if v.Code == sv.Code {
				s.ev.Emit(EventService, v)
			}
		}
	}
	return nil
}

// Call marks the next waiting ticket of a service as called, following the
// configured ordering, and returns it (ErrNoneWaiting when the queue is
// empty). Called tickets no longer count as waiting or as people ahead.
func (s *Service) Call(ctx context.Context, code string) (Ticket, error) {
	if _, ok := s.service(code); !ok {
		return Ticket{}, issueErr(ErrNoService, code)
	}
	day := s.BusinessDay()
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		ws, phase, err := s.waiting(ctx, tx, code, day)
		if err != nil {
			return err
		}
		order := Order(ws, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase)
		if len(order) == 0 {
			return ErrNoneWaiting
		}
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(served), 0) + 1 FROM tickets WHERE service = ? AND day = ?`, code, day).Scan(&seq); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `UPDATE tickets SET served = ? WHERE service = ? AND day = ? AND number = ? RETURNING id`,
			seq, code, day, order[0].Number).Scan(&id)
	})
	if errors.Is(err, ErrNoneWaiting) {
		return Ticket{}, fmt.Errorf("%w: %s", ErrNoneWaiting, code)
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("queue: call %s: %w", code, err)
	}
	t, err := s.Get(ctx, id)
	if err != nil {
		return t, err
	}
	s.ev.Emit(EventTicket, t)
	return t, nil
}
