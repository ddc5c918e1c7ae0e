package queue

import (
	"context"
	"fmt"
	"slices"
)

// Orderings (config queue.priority_ordering).
const (
	Strict      = "strict"      // every waiting priority ticket before any regular one
	Interleaved = "interleaved" // one priority ticket after every N regular ones
)

// Waiting is a ticket still waiting to be called.
type Waiting struct {
	Number   int
	Priority bool
}

// Order returns the waiting tickets (any order in) in the order they will be
// called. Within each class tickets go by number. Strict calls every priority
// ticket first. Interleaved calls a priority ticket as soon as `every`
// regular tickets have been called since the last priority one, or when no
// regular ticket waits; phase is how many regular tickets were called since
// the last priority one (0 at the start of the day).
func Order(ws []Waiting, ordering string, every, phase int) []Waiting {
	var prio, reg []Waiting
	for _, w := range sortByNumber(ws) {
		if w.Priority {
			prio = append(prio, w)
		} else {
			reg = append(reg, w)
		}
	}
	every = max(every, 1)
	out := make([]Waiting, 0, len(ws))
	for len(prio)+len(reg) > 0 {
		if len(prio) > 0 && (ordering == Strict || len(reg) == 0 || phase >= every) {
			out, prio, phase = append(out, prio[0]), prio[1:], 0
		} else {
			out, reg, phase = append(out, reg[0]), reg[1:], phase+1
		}
	}
	return out
}

func sortByNumber(ws []Waiting) []Waiting {
	out := slices.Clone(ws)
	slices.SortFunc(out, func(a, b Waiting) int { return a.Number - b.Number })
	return out
}

// Ahead is the position of number in the call order (people before it), or
// -1 when it is not waiting.
func Ahead(ws []Waiting, ordering string, every, phase, number int) int {
	for i, w := range Order(ws, ordering, every, phase) {
		if w.Number == number {
			return i
		}
	}
	return -1
}

// waiting loads the waiting tickets of a service and day and the phase
// (regular tickets called since the last priority one).
func (s *Service) waiting(ctx context.Context, q querier, service, day string) ([]Waiting, int, error) {
	rows, err := q.QueryContext(ctx, `SELECT number, priority != '' FROM tickets WHERE service = ? AND day = ? AND served = 0 ORDER BY number`, service, day)
	if err != nil {
		return nil, 0, fmt.Errorf("queue: waiting %s: %w", service, err)
	}
	var ws []Waiting
	for rows.Next() {
		var w Waiting
		if err := rows.Scan(&w.Number, &w.Priority); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("queue: waiting %s: %w", service, err)
		}
		ws = append(ws, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("queue: waiting %s: %w", service, err)
	}
	// Phase: regular tickets called after the last priority ticket called.
	var phase int
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM tickets WHERE service = ? AND day = ? AND served > 0 AND priority = ''
		AND served > COALESCE((SELECT MAX(served) FROM tickets WHERE service = ? AND day = ? AND served > 0 AND priority != ''), 0)`,
		service, day, service, day).Scan(&phase)
	if err != nil {
		return nil, 0, fmt.Errorf("queue: phase %s: %w", service, err)
	}
	return ws, phase, nil
}

// ahead is t's people-ahead count under the configured ordering (0 when
// it is no longer waiting).
func (s *Service) ahead(ctx context.Context, t Ticket) (int, error) {
	ws, phase, err := s.waiting(ctx, s.db, t.Service, t.Day)
	if err != nil {
		return 0, err
	}
	return max(Ahead(ws, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase, t.Number), 0), nil
}
