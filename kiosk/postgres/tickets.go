package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/queue"
)

const ticketCols = `id, service, day, number, code, priority, issued_at, print_state, print_error, printed_at, reprints,
	status <> 'waiting', line, status, counter, officer, called_at, started_at, finished_at, recalls, transfers, note, est_wait, guidance`

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

func scanTicket(r pgx.Row) (queue.Ticket, error) {
	var t queue.Ticket
	var g string
	if err := r.Scan(&t.ID, &t.Service, &t.Day, &t.Number, &t.Code, &t.Priority, &t.IssuedAt,
		&t.PrintState, &t.PrintError, &t.PrintedAt, &t.Reprints, &t.Called,
		&t.Line, &t.Status, &t.Counter, &t.Officer, &t.CalledAt, &t.StartedAt, &t.FinishedAt,
		&t.Recalls, &t.Transfers, &t.Note, &t.EstWait, &g); err != nil {
		return t, err
	}
	var err error
	if t.Guidance, err = queue.DecodeGuidance(g); err != nil {
		return t, fmt.Errorf("ticket %d: %w", t.ID, err)
	}
	return t, nil
}

// tickets reads tickets; rest is the WHERE (and ORDER or FOR UPDATE) part.
func tickets(ctx context.Context, q querier, rest string, args ...any) ([]queue.Ticket, error) {
	return collect(ctx, q, scanTicket, `SELECT `+ticketCols+` FROM tickets `+rest, args...)
}

func ticket(ctx context.Context, q querier, id int64) (queue.Ticket, error) {
	return ticketWhere(ctx, q, `WHERE id = $1`, id)
}

func ticketWhere(ctx context.Context, q querier, where string, id int64) (queue.Ticket, error) {
	ts, err := tickets(ctx, q, where, id)
	if err != nil {
		return queue.Ticket{}, fmt.Errorf("ticket %d: %w", id, err)
	}
	if len(ts) == 0 {
		return queue.Ticket{}, queue.ErrNoTicket
	}
	return ts[0], nil
}

// Ticket implements queue.Store.
func (db *DB) Ticket(ctx context.Context, id int64) (t queue.Ticket, err error) {
	err = db.with(ctx, func(q querier) error {
		t, err = ticket(ctx, q, id)
		return err
	})
	return t, err
}

// Tickets implements queue.Store.
func (db *DB) Tickets(ctx context.Context, day string) (ts []queue.Ticket, err error) {
	err = db.with(ctx, func(q querier) error {
		ts, err = tickets(ctx, q, `WHERE day = $1 ORDER BY id DESC`, day)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: tickets of %s: %w", day, err)
	}
	return ts, nil
}

// line reads a line from the index tickets_line: waiting tickets (served 0)
// by ID, then the called ones in call order.
func line(ctx context.Context, q querier, name, day string) (queue.Line, error) {
	type row struct {
		w       queue.Waiting
		waiting bool
	}
	rs, err := collect(ctx, q, func(r pgx.Row) (x row, err error) {
		return x, r.Scan(&x.w.ID, &x.w.Number, &x.w.Priority, &x.waiting)
	}, `SELECT id, number, priority <> '', status = 'waiting' FROM tickets WHERE line = $1 AND day = $2 ORDER BY served, id`, name, day)
	if err != nil {
		return queue.Line{}, fmt.Errorf("line %s/%s: %w", name, day, err)
	}
	var l queue.Line
	for _, r := range rs {
		if r.waiting {
			l.Waiting = append(l.Waiting, r.w)
		} else {
			l.Called = append(l.Called, r.w)
		}
	}
	return l, nil
}

// Line implements queue.Store.
func (db *DB) Line(ctx context.Context, name, day string) (l queue.Line, err error) {
	err = db.with(ctx, func(q querier) error {
		l, err = line(ctx, q, name, day)
		return err
	})
	if err != nil {
		return queue.Line{}, fmt.Errorf("postgres: %w", err)
	}
	return l, nil
}
