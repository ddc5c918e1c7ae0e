package queue

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"
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

// CallCounter calls the next ticket for a counter on behalf of officer
// (may be ""): among the lines of the services it serves, the one whose
// longest-waiting ticket came first, then by that line's priority rules.
// Two counters calling at once never get the same ticket (the Store's
// CallTicket is atomic). ErrNoneWaiting when nobody waits for any of the
// counter's services.
func (s *Service) CallCounter(ctx context.Context, counter, officer string) (Call, error) {
	codes := s.CounterServices(counter)
	if len(codes) == 0 {
		return Call{}, fmt.Errorf("%w: %q", ErrNoCounter, counter)
	}
	if len(codes) > 1 {
		day := s.BusinessDay()
		oldest := map[string]int64{} // line → lowest waiting ticket id
		for _, code := range codes {
			l, err := s.db.Line(ctx, code, day)
			if err != nil {
				return Call{}, fmt.Errorf("queue: call at counter %s: line %s: %w", counter, code, err)
			}
			for _, w := range l.Waiting {
				if oldest[code] == 0 || w.ID < oldest[code] {
					oldest[code] = w.ID
				}
			}
		}
		sort.SliceStable(codes, func(i, j int) bool {
			a, b := oldest[codes[i]], oldest[codes[j]]
			return a != 0 && (b == 0 || a < b)
		})
	}
	at := s.now().UTC().Format(time.RFC3339)
	for _, code := range codes {
		t, err := s.call(ctx, code, counter, officer, at)
		if errors.Is(err, ErrNoneWaiting) {
			continue
		}
		if err != nil {
			return Call{}, err
		}
		c := Call{Ticket: t, Counter: counter, Officer: officer, At: at}
		s.ev.Emit(EventCall, c)
		return c, nil
	}
	return Call{}, fmt.Errorf("%w at counter %s", ErrNoneWaiting, counter)
}

// Call calls the next waiting ticket of a service's line to counter for
// officer (both may be ""), following the configured ordering, and returns
// it with Status called and CalledAt now, unless an earlier call (before a
// transfer) set it (ErrNoneWaiting when the line is empty). Called tickets
// no longer count as waiting or as people ahead.
func (s *Service) Call(ctx context.Context, code, counter, officer string) (Ticket, error) {
	return s.call(ctx, code, counter, officer, s.now().UTC().Format(time.RFC3339))
}

func (s *Service) call(ctx context.Context, code, counter, officer, at string) (Ticket, error) {
	if _, ok := s.service(code); !ok {
		return Ticket{}, issueErr(ErrNoService, code)
	}
	day := s.BusinessDay()
	t, err := s.db.CallTicket(ctx, code, day, func(l Line) (int64, bool) {
		order := Order(l.Waiting, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase(l.Called))
		if len(order) == 0 {
			return 0, false
		}
		return order[0].ID, true
	}, func(t *Ticket) {
		t.Status, t.Counter, t.Officer = StatusCalled, counter, officer
		if t.CalledAt == "" {
			t.CalledAt = at
		}
	})
	if errors.Is(err, ErrNoneWaiting) {
		return Ticket{}, fmt.Errorf("%w: %s", ErrNoneWaiting, code)
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("queue: call %s: %w", code, err)
	}
	s.dress(&t)
	s.ev.Emit(EventTicket, t)
	return t, nil
}
