package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
)

var _ events.Log = (*EventLog)(nil)

// notifyChannel is the LISTEN/NOTIFY channel of event appends.
const notifyChannel = "motcua_events"

// eventLock is the store-wide advisory lock key AppendEvent holds while
// taking an ID (the bytes "motcuaEV").
const eventLock int64 = 0x6d6f74637561_4556

// EventLog is the centre's events.Log on the store's database. (It is a
// type of its own because audit.Store already gives *DB an AppendEvent.)
type EventLog struct{ db *DB }

// Events returns the store's event log.
func (db *DB) Events() *EventLog { return db.events }

// AppendEvent implements events.Log: it inserts under the store-wide event
// lock, so IDs grow in commit order, and sends NOTIFY in the same
// transaction, so listeners wake only once the event is visible.
func (l *EventLog) AppendEvent(ctx context.Context, name string, data json.RawMessage, at time.Time) (events.Stored, error) {
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	e := events.Stored{Name: name, Data: data, At: at.UTC()}
	// One statement, so one round trip and its own transaction: the lock is
	// taken before the ID is drawn (the INSERT reads from the lock's row),
	// held until commit, and the NOTIFY is delivered at that commit.
	err := l.db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `WITH lock AS (SELECT pg_advisory_xact_lock($1)),
			ins AS (INSERT INTO event_log(name, data, at) SELECT $2, $3::text::json, $4 FROM lock RETURNING id)
			SELECT id, pg_notify($5, id::text)::text FROM ins`,
			eventLock, name, string(data), e.At, notifyChannel).Scan(&e.ID, new(string))
	})
	if err != nil {
		return events.Stored{}, fmt.Errorf("postgres: append event %s: %w", name, err)
	}
	return e, nil
}

// EventsAfter implements events.Log.
func (l *EventLog) EventsAfter(ctx context.Context, after int64, limit int) ([]events.Stored, error) {
	var out []events.Stored
	err := l.db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT id, name, data::text, at FROM event_log WHERE id > $1 ORDER BY id LIMIT $2`, after, limitOr(limit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e events.Stored
			var data string
			if err := rows.Scan(&e.ID, &e.Name, &data, &e.At); err != nil {
				return err
			}
			e.Data, e.At = json.RawMessage(data), e.At.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: events after %d: %w", after, err)
	}
	return out, nil
}

// LastEventID implements events.Log.
func (l *EventLog) LastEventID(ctx context.Context) (int64, error) {
	var id int64
	err := l.db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM event_log`).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: last event id: %w", err)
	}
	return id, nil
}

// PruneEvents implements events.Log.
func (l *EventLog) PruneEvents(ctx context.Context, before time.Time) error {
	_, err := l.db.exec(ctx, `DELETE FROM event_log WHERE at < $1 AND id < (SELECT MAX(id) FROM event_log)`, before.UTC())
	if err != nil {
		return fmt.Errorf("postgres: prune events: %w", err)
	}
	return nil
}

// EventSignal implements events.Log. The store keeps one listening
// connection, shared by every signal; the channel also receives a signal
// each time that connection is (re)established, since events may have been
// appended while it was not listening. It is closed when ctx ends or the
// store is closed.
func (l *EventLog) EventSignal(ctx context.Context) <-chan struct{} {
	return l.db.signal(ctx)
}
