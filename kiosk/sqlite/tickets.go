package sqlite

import (
	"context"
	"fmt"

	"github.com/motcua/kiosk/kiosk/queue"
)

const ticketCols = `id, service, day, number, code, priority, issued_at, print_state, print_error, printed_at, reprints,
	status != 'waiting', line, status, counter, officer, called_at, started_at, finished_at, recalls, transfers, note, est_wait, guidance`

// prepareIssued fills a new ticket's defaults (print state, line, status)
// and encodes its guidance.
func prepareIssued(t *queue.Ticket, key string) (guidance string, err error) {
	if t.PrintState == "" {
		t.PrintState = queue.StatePending
	}
	if t.Line == "" {
		t.Line = t.Service
	}
	t.Key, t.Status = key, queue.StatusWaiting
	return queue.EncodeGuidance(t.Guidance)
}

func tickets(ctx context.Context, q querier, where string, args ...any) ([]queue.Ticket, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+ticketCols+` FROM tickets `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []queue.Ticket
	for rows.Next() {
		var t queue.Ticket
		var g string
		if err := rows.Scan(&t.ID, &t.Service, &t.Day, &t.Number, &t.Code, &t.Priority, &t.IssuedAt,
			&t.PrintState, &t.PrintError, &t.PrintedAt, &t.Reprints, &t.Called,
			&t.Line, &t.Status, &t.Counter, &t.Officer, &t.CalledAt, &t.StartedAt, &t.FinishedAt,
			&t.Recalls, &t.Transfers, &t.Note, &t.EstWait, &g); err != nil {
			return nil, err
		}
		if t.Guidance, err = queue.DecodeGuidance(g); err != nil {
			return nil, fmt.Errorf("ticket %d: %w", t.ID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func ticket(ctx context.Context, q querier, id int64) (queue.Ticket, error) {
	ts, err := tickets(ctx, q, `WHERE id = ?`, id)
	if err != nil {
		return queue.Ticket{}, fmt.Errorf("ticket %d: %w", id, err)
	}
	if len(ts) == 0 {
		return queue.Ticket{}, queue.ErrNoTicket
	}
	return ts[0], nil
}

// Ticket implements queue.Store.
func (db *DB) Ticket(ctx context.Context, id int64) (queue.Ticket, error) { return ticket(ctx, db, id) }

// Tickets implements queue.Store.
func (db *DB) Tickets(ctx context.Context, day string) ([]queue.Ticket, error) {
	ts, err := tickets(ctx, db, `WHERE day = ? ORDER BY id DESC`, day)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tickets of %s: %w", day, err)
	}
	return ts, nil
}

// line reads a line: waiting tickets (served 0) by ID, then the called
// ones in call order.
func line(ctx context.Context, q querier, name, day string) (queue.Line, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, number, priority != '', status = 'waiting' FROM tickets
		WHERE line = ? AND day = ? ORDER BY served, id`, name, day)
	if err != nil {
		return queue.Line{}, fmt.Errorf("line %s/%s: %w", name, day, err)
	}
	defer rows.Close()
	var l queue.Line
	for rows.Next() {
		var w queue.Waiting
		var waiting bool
		if err := rows.Scan(&w.ID, &w.Number, &w.Priority, &waiting); err != nil {
			return queue.Line{}, fmt.Errorf("line %s/%s: %w", name, day, err)
		}
		if waiting {
			l.Waiting = append(l.Waiting, w)
		} else {
			l.Called = append(l.Called, w)
		}
	}
	return l, rows.Err()
}

// Line implements queue.Store.
func (db *DB) Line(ctx context.Context, name, day string) (queue.Line, error) {
	return line(ctx, db, name, day)
}
