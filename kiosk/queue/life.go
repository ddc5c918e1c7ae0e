package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Errors of the counter operations (errors.Is).
var (
	ErrState   = errors.New("queue: the ticket is not in a state that allows this")
	ErrNotHere = errors.New("queue: the ticket is not at this counter")
	ErrReason  = errors.New("queue: a reason is required")
	ErrBusy    = errors.New("queue: this counter is still serving a ticket")
)

// MaxNote bounds a reason (runes).
const MaxNote = 200

// StateError says which state refused an operation.
type StateError struct {
	Op, Code, Status string
}

func (e *StateError) Error() string {
	return fmt.Sprintf("queue: %s %s: the ticket is %s", e.Op, e.Code, e.Status)
}

// Unwrap makes errors.Is(err, ErrState) true.
func (e *StateError) Unwrap() error { return ErrState }

// Desk is who acts: a counter and the officer signed in there.
type Desk struct {
	Counter string
	Officer string
}

// status reads "" (a row from before the lifecycle) as waiting or called.
func status(t Ticket) string {
	switch {
	case t.Status != "":
		return t.Status
	case t.Called:
		return StatusCalled
	}
	return StatusWaiting
}

func (s *Service) stamp() string { return s.now().UTC().Format(time.RFC3339) }

// act applies one counter operation to a ticket of this counter: the
// ticket must be in one of from and at d.Counter. change edits it. The
// event ev (if any) is emitted with the changed ticket.
func (s *Service) act(ctx context.Context, op string, id int64, d Desk, from []string, change func(*Ticket) error, ev string, recall bool) (Ticket, error) {
	t, err := s.db.Act(ctx, id, func(t *Ticket) error {
		st := status(*t)
		if !slices.Contains(from, st) {
			return &StateError{Op: op, Code: t.Code, Status: st}
		}
		if st != StatusWaiting && t.Counter != d.Counter {
			return fmt.Errorf("%w: %s is at counter %q, not %q", ErrNotHere, t.Code, t.Counter, d.Counter)
		}
		return change(t)
	})
	if err != nil {
		if errors.Is(err, ErrState) || errors.Is(err, ErrNotHere) || errors.Is(err, ErrReason) ||
			errors.Is(err, ErrNoTicket) || errors.Is(err, ErrNoService) || errors.Is(err, ErrNoCounter) {
			return Ticket{}, err
		}
		return Ticket{}, fmt.Errorf("queue: %s ticket %d: %w", op, id, err)
	}
	s.fill(&t)
	if ev != "" {
		s.ev.Emit(ev, Call{Ticket: t, Counter: d.Counter, Officer: d.Officer, Recall: recall, At: s.stamp()})
	}
	s.ev.Emit(EventTicket, t)
	return t, nil
}

func note(reason string, required bool) (string, error) {
	r := strings.TrimSpace(reason)
	if required && r == "" {
		return "", ErrReason
	}
	if n := []rune(r); len(n) > MaxNote {
		r = string(n[:MaxNote])
	}
	return r, nil
}

// Recall announces a called ticket again.
func (s *Service) Recall(ctx context.Context, id int64, d Desk) (Ticket, error) {
	return s.act(ctx, "recall", id, d, []string{StatusCalled}, func(t *Ticket) error {
		t.Recalls++
		return nil
	}, EventCall, true)
}

// NoShow closes a called ticket whose citizen did not come (only after a call).
func (s *Service) NoShow(ctx context.Context, id int64, d Desk) (Ticket, error) {
	return s.act(ctx, "no-show", id, d, []string{StatusCalled}, func(t *Ticket) error {
		t.Status, t.FinishedAt, t.Officer = StatusNoShow, s.stamp(), d.Officer
		return nil
	}, EventDone, false)
}

// Start begins serving a called ticket.
func (s *Service) Start(ctx context.Context, id int64, d Desk) (Ticket, error) {
	return s.act(ctx, "start", id, d, []string{StatusCalled}, func(t *Ticket) error {
		t.Status, t.StartedAt, t.Officer = StatusServing, s.stamp(), d.Officer
		return nil
	}, EventMove, false)
}

// Finish ends the service of a ticket; the counter's rating tablet opens
// on EventDone.
func (s *Service) Finish(ctx context.Context, id int64, d Desk) (Ticket, error) {
	return s.act(ctx, "finish", id, d, []string{StatusServing}, func(t *Ticket) error {
		t.Status, t.FinishedAt, t.Officer = StatusDone, s.stamp(), d.Officer
		return nil
	}, EventDone, false)
}

// Park sets a called or served ticket aside at this counter (e.g. a paper
// to fetch); Resume calls it back.
func (s *Service) Park(ctx context.Context, id int64, d Desk, reason string) (Ticket, error) {
	r, err := note(reason, true)
	if err != nil {
		return Ticket{}, err
	}
	return s.act(ctx, "park", id, d, []string{StatusCalled, StatusServing}, func(t *Ticket) error {
		t.Status, t.Note = StatusParked, r
		return nil
	}, EventMove, false)
}

// Resume calls a parked ticket back to this counter and announces it.
func (s *Service) Resume(ctx context.Context, id int64, d Desk) (Ticket, error) {
	return s.act(ctx, "resume", id, d, []string{StatusParked}, func(t *Ticket) error {
		t.Status, t.Recalls, t.Officer = StatusCalled, t.Recalls+1, d.Officer
		return nil
	}, EventCall, true)
}

// Transfer sends a ticket at this counter to wait in another service's
// line. It keeps its place: lines go by issue order.
func (s *Service) Transfer(ctx context.Context, id int64, d Desk, to, reason string) (Ticket, error) {
	if _, ok := s.service(to); !ok {
		return Ticket{}, fmt.Errorf("%w: %q", ErrNoService, to)
	}
	r, err := note(reason, false)
	if err != nil {
		return Ticket{}, err
	}
	return s.act(ctx, "transfer", id, d, []string{StatusCalled, StatusServing, StatusParked}, func(t *Ticket) error {
		if t.InLine() == to {
			return &StateError{Op: "transfer", Code: t.Code, Status: "already in " + to}
		}
		t.Line, t.Status, t.Counter, t.Transfers, t.Note = to, StatusWaiting, "", t.Transfers+1, r
		t.StartedAt = ""
		return nil
	}, EventMove, false)
}

// CallOut calls a chosen waiting ticket out of order, with a reason; it
// must wait in one of the counter's services.
func (s *Service) CallOut(ctx context.Context, id int64, d Desk, reason string) (Ticket, error) {
	r, err := note(reason, true)
	if err != nil {
		return Ticket{}, err
	}
	served := s.CounterServices(d.Counter)
	if len(served) == 0 {
		return Ticket{}, fmt.Errorf("%w: %q", ErrNoCounter, d.Counter)
	}
	return s.act(ctx, "call", id, d, []string{StatusWaiting}, func(t *Ticket) error {
		if !slices.Contains(served, t.InLine()) {
			return fmt.Errorf("%w: %s waits for %s, not served at counter %s", ErrNotHere, t.Code, t.InLine(), d.Counter)
		}
		if t.Day != s.BusinessDay() {
			return &StateError{Op: "call", Code: t.Code, Status: "from another day"}
		}
		t.Status, t.Counter, t.Officer, t.Note = StatusCalled, d.Counter, d.Officer, r
		if t.CalledAt == "" {
			t.CalledAt = s.stamp()
		}
		return nil
	}, EventCall, false)
}

// AtCounter is today's tickets of a counter: the one called or served
// there now (nil when none), the parked ones, and the ones waiting in its
// lines (at most MaxWaitingShown), line by line in each line's call order.
type AtCounter struct {
	Current *Ticket
	Parked  []Ticket
	Waiting []Ticket
}

// MaxWaitingShown bounds the waiting list of the counter page.
const MaxWaitingShown = 60

// Current is the ticket called or served at a counter now, or nil.
func (s *Service) Current(ctx context.Context, counter string) (*Ticket, error) {
	ts, err := s.db.AtCounter(ctx, counter, s.BusinessDay())
	if err != nil {
		return nil, fmt.Errorf("queue: counter %s: %w", counter, err)
	}
	for i := len(ts) - 1; i >= 0; i-- {
		if st := status(ts[i]); st == StatusCalled || st == StatusServing {
			s.fill(&ts[i])
			return &ts[i], nil
		}
	}
	return nil, nil
}

// Counter reads what a counter sees.
func (s *Service) Counter(ctx context.Context, counter string) (AtCounter, error) {
	served := s.CounterServices(counter)
	if len(served) == 0 {
		return AtCounter{}, fmt.Errorf("%w: %q", ErrNoCounter, counter)
	}
	day := s.BusinessDay()
	at, err := s.db.AtCounter(ctx, counter, day)
	if err != nil {
		return AtCounter{}, fmt.Errorf("queue: counter %s: %w", counter, err)
	}
	var out AtCounter
	for _, t := range at { // oldest call first: the newest current wins
		s.fill(&t)
		switch status(t) {
		case StatusCalled, StatusServing:
			c := t
			out.Current = &c
		case StatusParked:
			out.Parked = append(out.Parked, t)
		}
	}
	waiting, err := s.db.WaitingIn(ctx, served, day, 10*MaxWaitingShown)
	if err != nil {
		return AtCounter{}, fmt.Errorf("queue: counter %s: %w", counter, err)
	}
	byID := map[int64]Ticket{}
	for _, t := range waiting {
		s.fill(&t)
		byID[t.ID] = t
	}
	for _, code := range served {
		l, err := s.db.Line(ctx, code, day)
		if err != nil {
			return AtCounter{}, fmt.Errorf("queue: counter %s line %s: %w", counter, code, err)
		}
		for _, w := range Order(l.Waiting, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase(l.Called)) {
			if t, ok := byID[w.ID]; ok && len(out.Waiting) < MaxWaitingShown {
				out.Waiting = append(out.Waiting, t)
			}
		}
	}
	return out, nil
}
