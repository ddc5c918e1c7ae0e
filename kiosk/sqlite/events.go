package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
)

// EventLog is the centre's event log in the store (events.Log). It is a
// separate value from *DB because *DB's AppendEvent already belongs to
// audit.Store; get it with (*DB).Events. One SQLite file serves one centre
// process, so EventSignal is an in-process broadcast.
type EventLog struct {
	db  *DB
	hub *signalHub
}

var _ events.Log = (*EventLog)(nil)

// eventTime is fixed-width so stored times compare as text.
const eventTime = "2006-01-02T15:04:05.000000000Z07:00"

// hubs gives every *DB one signal hub, so all EventLogs of one DB wake each other.
var hubs sync.Map // *DB → *signalHub

// Events returns the store's event log.
func (db *DB) Events() *EventLog {
	h, _ := hubs.LoadOrStore(db, &signalHub{subs: map[chan struct{}]struct{}{}})
	return &EventLog{db: db, hub: h.(*signalHub)}
}

// AppendEvent implements events.Log.
func (l *EventLog) AppendEvent(ctx context.Context, name string, data json.RawMessage, at time.Time) (events.Stored, error) {
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	at = at.UTC()
	res, err := l.db.ExecContext(ctx, `INSERT INTO centre_events(name, data, at) VALUES(?,?,?)`, name, string(data), at.Format(eventTime))
	if err != nil {
		return events.Stored{}, fmt.Errorf("append event %s: %w", name, classify(l.db.Path, err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return events.Stored{}, fmt.Errorf("append event %s: id: %w", name, err)
	}
	l.hub.broadcast()
	return events.Stored{ID: id, Name: name, Data: data, At: at}, nil
}

// EventsAfter implements events.Log.
func (l *EventLog) EventsAfter(ctx context.Context, after int64, limit int) ([]events.Stored, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := l.db.QueryContext(ctx, `SELECT id, name, data, at FROM centre_events WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("events after %d: %w", after, classify(l.db.Path, err))
	}
	defer rows.Close()
	out := []events.Stored{}
	for rows.Next() {
		var e events.Stored
		var data, at string
		if err := rows.Scan(&e.ID, &e.Name, &data, &at); err != nil {
			return nil, fmt.Errorf("events after %d: %w", after, err)
		}
		e.Data = json.RawMessage(data)
		if e.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("event %d: at: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events after %d: %w", after, err)
	}
	return out, nil
}

// LastEventID implements events.Log.
func (l *EventLog) LastEventID(ctx context.Context) (int64, error) {
	var id int64
	if err := l.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM centre_events`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last event id: %w", classify(l.db.Path, err))
	}
	return id, nil
}

// PruneEvents implements events.Log.
func (l *EventLog) PruneEvents(ctx context.Context, before time.Time) error {
	_, err := l.db.ExecContext(ctx, `DELETE FROM centre_events WHERE at < ? AND id < (SELECT MAX(id) FROM centre_events)`, before.UTC().Format(eventTime))
	if err != nil {
		return fmt.Errorf("prune events before %s: %w", before.UTC().Format(time.RFC3339), classify(l.db.Path, err))
	}
	return nil
}

// EventSignal implements events.Log.
func (l *EventLog) EventSignal(ctx context.Context) <-chan struct{} {
	return l.hub.subscribe(ctx)
}

// signalHub wakes every subscriber after an append; sends never block and
// pending signals merge.
type signalHub struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}
}

func (h *signalHub) subscribe(ctx context.Context) <-chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[c] = struct{}{}
	h.mu.Unlock()
	go func() {
		<-ctx.Done()
		h.mu.Lock()
		delete(h.subs, c)
		close(c)
		h.mu.Unlock()
	}()
	return c
}

func (h *signalHub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}
