// Package events carries Go → UI notifications (ticket printed, payment
// confirmed, card scanned, printer fault) without importing Wails: the root
// package adapts Emitter to runtime.EventsEmit; tests use Recorder.
package events

import "sync"

// Emitter pushes a named event with a JSON-serialisable payload to the UI.
type Emitter interface {
	Emit(name string, data any)
}

// Func adapts a function to Emitter.
type Func func(name string, data any)

// Emit calls f.
func (f Func) Emit(name string, data any) { f(name, data) }

// Discard drops every event.
var Discard Emitter = Func(func(string, any) {})

// Event is one recorded emission.
type Event struct {
	Name string
	Data any
}

// Recorder keeps every event, for tests. Safe for concurrent use.
type Recorder struct {
	mu     sync.Mutex
	events []Event
	notify chan struct{}
}

// Emit records the event.
func (r *Recorder) Emit(name string, data any) {
	r.mu.Lock()
	r.events = append(r.events, Event{name, data})
	if r.notify != nil {
		close(r.notify)
		r.notify = nil
	}
	r.mu.Unlock()
}

// Events returns a copy of what was recorded.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// Changed returns a channel closed at the next emission.
func (r *Recorder) Changed() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.notify == nil {
		r.notify = make(chan struct{})
	}
	return r.notify
}

// Multi fans one emission out to several emitters.
type Multi []Emitter

// Emit sends to each.
func (m Multi) Emit(name string, data any) {
	for _, e := range m {
		e.Emit(name, data)
	}
}
