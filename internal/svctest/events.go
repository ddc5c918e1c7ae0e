//go:build linux

package svctest

import (
	"context"
	"fmt"
	"sync"
	"syscall"
	"time"
)

// Kind is what happened to the service.
type Kind string

// The kinds of Event.
const (
	Started         Kind = "started"          // PID is the new main process
	Ready           Kind = "ready"            // READY=1 from the main process: start-up complete
	Keepalive       Kind = "keepalive"        // WATCHDOG=1 accepted
	Status          Kind = "status"           // STATUS=, STOPPING=1 or another accepted message; Detail has it
	Ignored         Kind = "ignored"          // a message refused by NotifyAccess; PID is the sender
	StartTimeout    Kind = "start-timeout"    // no READY=1 within TimeoutStartSec
	WatchdogTimeout Kind = "watchdog-timeout" // no WATCHDOG=1 within WatchdogSec (or WATCHDOG=trigger)
	Signaled        Kind = "signal"           // the supervisor sent Signal to PID (negative: the process group)
	Exited          Kind = "exit"             // the main process ended: Code or Signal, Result
	Restarting      Kind = "restart"          // RestartSec passed; a new process follows
	Done            Kind = "done"             // no restart (Restart= said so, or Stop)
)

// Event is one thing that happened, with when.
type Event struct {
	Time   time.Time
	Kind   Kind
	PID    int
	Signal syscall.Signal // Signaled; Exited when killed by a signal
	Code   int            // Exited: exit status, -1 when killed by a signal
	Result string         // Exited: success, exit-code, signal, core-dump, watchdog, timeout
	Detail string
}

func (e Event) String() string {
	s := fmt.Sprintf("%s %s pid=%d", e.Time.Format("15:04:05.000"), e.Kind, e.PID)
	switch e.Kind {
	case Signaled:
		s += " sig=" + e.Signal.String()
	case Exited:
		if e.Code >= 0 {
			s += fmt.Sprintf(" code=%d", e.Code)
		} else {
			s += " sig=" + e.Signal.String()
		}
		s += " result=" + e.Result
	}
	if e.Detail != "" {
		s += " " + e.Detail
	}
	return s
}

// eventLog is an append-only list of events that can be waited on.
type eventLog struct {
	mu      sync.Mutex
	events  []Event
	changed chan struct{} // closed and replaced on each append
	logf    func(string, ...any)
}

func newEventLog(logf func(string, ...any)) *eventLog {
	return &eventLog{changed: make(chan struct{}), logf: logf}
}

func (l *eventLog) add(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	l.mu.Lock()
	l.events = append(l.events, e)
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
	if l.logf != nil {
		l.logf("svctest: %s", e)
	}
}

func (l *eventLog) list() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Event(nil), l.events...)
}

// await returns the first event at index from or later that match accepts,
// and its index; it fails when ctx ends first.
func (l *eventLog) await(ctx context.Context, from int, match func(Event) bool) (Event, int, error) {
	for {
		l.mu.Lock()
		for i := from; i < len(l.events); i++ {
			if match(l.events[i]) {
				e := l.events[i]
				l.mu.Unlock()
				return e, i, nil
			}
		}
		from = max(from, len(l.events))
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return Event{}, -1, fmt.Errorf("await event: %w", ctx.Err())
		}
	}
}
