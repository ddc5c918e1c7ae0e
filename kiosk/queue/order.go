package queue

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Orderings (config queue.priority_ordering).
const (
	Strict      = "strict"      // every waiting priority ticket before any regular one
	Interleaved = "interleaved" // one priority ticket after every N regular ones
)

// Waiting is a ticket still waiting to be called (or, in Line.Called, one
// called from the line).
type Waiting struct {
	ID       int64 // the ticket's ID: issue order
	Number   int
	Priority bool
}

// Order returns the waiting tickets (any order in) in the order they will be
// called. Within each class tickets go by issue order (ID), so a ticket
// transferred from another line keeps its place. Strict calls every priority
// ticket first. Interleaved calls a priority ticket as soon as `every`
// regular tickets have been called since the last priority one, or when no
// regular ticket waits; phase is how many regular tickets were called since
// the last priority one (0 at the start of the day).
func Order(ws []Waiting, ordering string, every, phase int) []Waiting {
	var prio, reg []Waiting
	for _, w := range sortByID(ws) {
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

func sortByID(ws []Waiting) []Waiting {
	out := slices.Clone(ws)
	slices.SortStableFunc(out, func(a, b Waiting) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Ahead is the position of ticket id in the call order (people before it),
// or -1 when it is not waiting.
func Ahead(ws []Waiting, ordering string, every, phase int, id int64) int {
	for i, w := range Order(ws, ordering, every, phase) {
		if w.ID == id {
			return i
		}
	}
	return -1
}

// phase is how many regular tickets were called since the last priority
// one, from the called tickets in call order.
func phase(called []Waiting) int {
	n := 0
	for i := len(called) - 1; i >= 0 && !called[i].Priority; i-- {
		n++
	}
	return n
}

// ahead is t's people-ahead count under the configured ordering (0 when
// it is no longer waiting).
func (s *Service) ahead(ctx context.Context, t Ticket) (int, error) {
	l, err := s.db.Line(ctx, t.InLine(), t.Day)
	if err != nil {
		return 0, fmt.Errorf("queue: waiting %s: %w", t.InLine(), err)
	}
	return max(Ahead(l.Waiting, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase(l.Called), t.ID), 0), nil
}
