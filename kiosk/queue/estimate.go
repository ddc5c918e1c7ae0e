package queue

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Wait estimates (ZMS and citizens everywhere ask for one): from the
// recent service rate of each line, the calls of the last EstimateWindow
// (or since the day's first call, if later). Fewer than EstimateMinCalls
// calls in the window: unknown (-1), rather than a guess.
var (
	EstimateWindow   = time.Hour
	EstimateMinCalls = 3
	EstimateEvery    = 20 * time.Second // how long a computed rate is reused
)

type rates struct {
	mu  sync.Mutex
	at  time.Time
	day string
	per map[string]time.Duration // line → time per call; absent: unknown
}

// perCall is the recent time between calls per line, recomputed at most
// every EstimateEvery.
func (s *Service) perCall(ctx context.Context) (map[string]time.Duration, error) {
	now := s.now()
	day := s.Day(now)
	s.est.mu.Lock()
	defer s.est.mu.Unlock()
	if s.est.per != nil && s.est.day == day && now.Sub(s.est.at) < EstimateEvery {
		return s.est.per, nil
	}
	ts, err := s.db.Tickets(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("queue: wait estimate: %w", err)
	}
	from := now.Add(-EstimateWindow)
	calls := map[string][]time.Time{}
	for _, t := range ts {
		at, err := time.Parse(time.RFC3339, t.CalledAt)
		if err != nil || at.Before(from) || at.After(now) {
			continue
		}
		line := t.InLine()
		calls[line] = append(calls[line], at)
	}
	per := map[string]time.Duration{}
	for line, cs := range calls {
		if len(cs) < EstimateMinCalls {
			continue
		}
		first := cs[0]
		for _, c := range cs {
			if c.Before(first) {
				first = c
			}
		}
		// n calls over the span from the first to now: n intervals.
		per[line] = now.Sub(first) / time.Duration(len(cs))
	}
	s.est.per, s.est.at, s.est.day = per, now, day
	return per, nil
}

// EstimateWait is the estimated wait, in seconds, of a ticket with ahead
// people before it in line; -1 when unknown.
func (s *Service) EstimateWait(ctx context.Context, line string, ahead int) int {
	per, err := s.perCall(ctx)
	if err != nil {
		return -1
	}
	d, ok := per[line]
	if !ok {
		return -1
	}
	// The citizen is called after the ahead people and their own turn.
	return int((time.Duration(ahead+1) * d) / time.Second)
}

// estimateNew is the estimated wait of a ticket about to be issued in
// line: the line as it is, with the new ticket last in its class.
func (s *Service) estimateNew(ctx context.Context, line, day string, priority bool) int {
	per, err := s.perCall(ctx)
	if err != nil {
		return -1
	}
	d, ok := per[line]
	if !ok {
		return -1
	}
	l, err := s.db.Line(ctx, line, day)
	if err != nil {
		return -1
	}
	const newest = int64(1<<63 - 1)
	ws := append(l.Waiting, Waiting{ID: newest, Priority: priority})
	ahead := Ahead(ws, s.cfg.Queue.PriorityOrdering, s.cfg.Queue.InterleaveEvery, phase(l.Called), newest)
	return int((time.Duration(ahead+1) * d) / time.Second)
}
