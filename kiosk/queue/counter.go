package queue

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// Counter events (data: Call). The hall display and the rating tablet are
// projections of these.
const (
	EventCall = "queue:call" // a call or a recall at a counter: announce it
	EventDone = "queue:done" // finished (Ticket.Status done: open the rating) or no-show
	EventMove = "queue:move" // started, parked, resumed without a call, transferred
)

// Call is a ticket called to (or leaving) a counter.
type Call struct {
	Ticket  Ticket `json:"ticket"`
	Counter string `json:"counter"`
	Officer string `json:"officer,omitempty"`
	Recall  bool   `json:"recall,omitempty"` // announce again
	At      string `json:"at,omitempty"`     // RFC 3339 UTC
}

// ErrNoCounter: no configured service is served at that counter.
var ErrNoCounter = errors.New("queue: no service is served at that counter")

// CounterServices lists the codes of the services a counter serves, in
// configuration order.
func (s *Service) CounterServices(counter string) []string {
	var out []string
	for _, sv := range s.cfg.Queue.Services {
		if contains(sv.Counters, counter) {
			out = append(out, sv.Code)
		}
	}
	return out
}

// CallCounter calls the next ticket for a counter: among the services it
// serves, the one whose longest-waiting ticket came first, then by that
// service's priority rules. Two counters calling at once never get the
// same ticket (the Store's CallNext is atomic). ErrNoneWaiting when nobody
// waits for any of the counter's services.
func (s *Service) CallCounter(ctx context.Context, counter string) (Call, error) {
	codes := s.CounterServices(counter)
	if len(codes) == 0 {
		return Call{}, fmt.Errorf("%w: %q", ErrNoCounter, counter)
	}
	if len(codes) > 1 {
		ts, err := s.db.Tickets(ctx, s.BusinessDay())
		if err != nil {
			return Call{}, fmt.Errorf("queue: call at counter %s: %w", counter, err)
		}
		oldest := map[string]int64{} // service → lowest waiting ticket id
		for _, t := range ts {
			if !t.Called && (oldest[t.Service] == 0 || t.ID < oldest[t.Service]) {
				oldest[t.Service] = t.ID
			}
		}
		sort.SliceStable(codes, func(i, j int) bool {
			a, b := oldest[codes[i]], oldest[codes[j]]
			return a != 0 && (b == 0 || a < b)
		})
	}
	for _, code := range codes {
		t, err := s.Call(ctx, code)
		if errors.Is(err, ErrNoneWaiting) {
			continue
		}
		if err != nil {
			return Call{}, err
		}
		c := Call{Ticket: t, Counter: counter}
		s.ev.Emit(EventCall, c)
		return c, nil
	}
	return Call{}, fmt.Errorf("%w at counter %s", ErrNoneWaiting, counter)
}
