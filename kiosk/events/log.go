package events

import (
	"context"
	"encoding/json"
	"time"
)

// Stored is one event kept in the centre's event log. IDs grow by one
// store-wide (every centre instance on one PostgreSQL sees the same IDs), so
// a client resumes from any instance with the last ID it saw.
type Stored struct {
	ID   int64           `json:"id"`
	Name string          `json:"name"`
	Data json.RawMessage `json:"data"`
	At   time.Time       `json:"at"`
}

// Log is the ordered event log of a centre: kiosks, counters and displays
// resume from it after a reconnect (SSE Last-Event-ID) without losing an
// event. Payloads carry no personal data.
type Log interface {
	// AppendEvent stores one event and returns it with its ID; it wakes
	// every EventSignal of every process sharing the store.
	AppendEvent(ctx context.Context, name string, data json.RawMessage, at time.Time) (Stored, error)
	// EventsAfter lists the events with ID > after, oldest first, at most limit.
	EventsAfter(ctx context.Context, after int64, limit int) ([]Stored, error)
	// LastEventID is the newest event's ID (0 when none).
	LastEventID(ctx context.Context) (int64, error)
	// PruneEvents deletes events older than before, keeping the newest one.
	PruneEvents(ctx context.Context, before time.Time) error
	// EventSignal returns a channel that receives (without blocking the
	// sender; signals may merge) after events were appended by this or any
	// other process sharing the store. It is closed when ctx ends.
	EventSignal(ctx context.Context) <-chan struct{}
}
