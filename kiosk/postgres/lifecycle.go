package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/queue"
)

// final marks an error from the caller's callback (or a refusal): the
// transaction is not retried and the inner error is returned as is.
type final struct{ err error }

func (f final) Error() string { return f.err.Error() }

// errMoved: the ticket left the line locked for it before its row was
// locked (a concurrent transfer); the transaction starts again.
var errMoved = errors.New("ticket moved to another line")

// write runs fn in one transaction, again on a clash with another writer.
func (db *DB) write(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := db.tx(ctx, fn)
		var f final
		if errors.As(err, &f) {
			return f.err
		}
		if err == nil || attempt >= maxAttempts || !(retryable(err) || errors.Is(err, errMoved)) {
			return err
		}
		if werr := backoff(ctx, attempt); werr != nil {
			return werr
		}
	}
}

// nextServed is the next call order of a line (from the end of tickets_line).
func nextServed(ctx context.Context, tx pgx.Tx, line, day string) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(served), 0) + 1 FROM tickets WHERE line = $1 AND day = $2`, line, day).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next call order of %s/%s: %w", line, day, err)
	}
	return n, nil
}

// storeLife writes t's lifecycle fields; served nil keeps the call order.
func storeLife(ctx context.Context, tx pgx.Tx, t queue.Ticket, served *int) error {
	_, err := tx.Exec(ctx, `UPDATE tickets SET line = $1, status = $2, counter = $3, officer = $4, called_at = $5,
		started_at = $6, finished_at = $7, recalls = $8, transfers = $9, note = $10, served = COALESCE($11, served) WHERE id = $12`,
		t.Line, t.Status, t.Counter, t.Officer, t.CalledAt, t.StartedAt, t.FinishedAt, t.Recalls, t.Transfers, t.Note, served, t.ID)
	if err != nil {
		return fmt.Errorf("store ticket %d: %w", t.ID, err)
	}
	return nil
}

// CallTicket implements queue.Lifecycle: under the advisory lock of
// (line, day) it reads the line, lets pick choose, locks that row and
// gives it the next call order, so one ticket never goes to two callers.
func (db *DB) CallTicket(ctx context.Context, name, day string, pick func(queue.Line) (int64, bool), mark func(*queue.Ticket)) (queue.Ticket, error) {
	var t queue.Ticket
	err := db.write(ctx, func(tx pgx.Tx) error {
		if err := lockLine(ctx, tx, name, day); err != nil {
			return err
		}
		l, err := line(ctx, tx, name, day)
		if err != nil {
			return err
		}
		id, ok := pick(l)
		if !ok {
			return final{queue.ErrNoneWaiting}
		}
		t, err = ticketWhere(ctx, tx, `WHERE id = $1 FOR UPDATE`, id)
		if errors.Is(err, queue.ErrNoTicket) || (err == nil && (t.Line != name || t.Day != day || t.Status != queue.StatusWaiting)) {
			return final{fmt.Errorf("%w: ticket %d is not waiting in line %s/%s", queue.ErrNoneWaiting, id, name, day)}
		}
		if err != nil {
			return err
		}
		mark(&t)
		if t.Status == queue.StatusWaiting || t.Status == "" {
			return final{fmt.Errorf("postgres: call %d: mark left it waiting", id)}
		}
		t.ID, t.Line = id, name
		served, err := nextServed(ctx, tx, name, day)
		if err != nil {
			return err
		}
		if err := storeLife(ctx, tx, t, &served); err != nil {
			return err
		}
		t, err = ticket(ctx, tx, id)
		return err
	})
	if err != nil {
		return queue.Ticket{}, fmt.Errorf("postgres: call on line %s/%s: %w", name, day, err)
	}
	return t, nil
}

// Act implements queue.Lifecycle: it takes the advisory lock of the
// ticket's line (so it takes turns with calls on that line) and then the
// row lock; a ticket moved meanwhile starts over. Leaving StatusWaiting,
// or moving to another line while called, takes that line's lock and its
// next call order.
func (db *DB) Act(ctx context.Context, id int64, apply func(*queue.Ticket) error) (queue.Ticket, error) {
	var t queue.Ticket
	var applyErr error
	err := db.write(ctx, func(tx pgx.Tx) error {
		var lineName, day string
		err := tx.QueryRow(ctx, `SELECT line, day FROM tickets WHERE id = $1`, id).Scan(&lineName, &day)
		if errors.Is(err, pgx.ErrNoRows) {
			return final{queue.ErrNoTicket}
		}
		if err != nil {
			return fmt.Errorf("read ticket %d: %w", id, err)
		}
		if err := lockLine(ctx, tx, lineName, day); err != nil {
			return err
		}
		old, err := ticketWhere(ctx, tx, `WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return err
		}
		if old.Line != lineName {
			return errMoved
		}
		t = old
		if applyErr = apply(&t); applyErr != nil {
			return final{applyErr}
		}
		t.ID = id
		if t.Line == "" {
			t.Line = t.Service
		}
		var served *int
		switch {
		case t.Status == queue.StatusWaiting:
			served = new(int) // waits again in its line
		case old.Status == queue.StatusWaiting || t.Line != old.Line:
			if t.Line != old.Line {
				if err := lockLine(ctx, tx, t.Line, t.Day); err != nil {
					return err
				}
			}
			n, err := nextServed(ctx, tx, t.Line, t.Day)
			if err != nil {
				return err
			}
			served = &n
		}
		if err := storeLife(ctx, tx, t, served); err != nil {
			return err
		}
		t, err = ticket(ctx, tx, id)
		return err
	})
	if applyErr != nil {
		return queue.Ticket{}, applyErr
	}
	if err != nil {
		if errors.Is(err, queue.ErrNoTicket) {
			return queue.Ticket{}, err
		}
		return queue.Ticket{}, fmt.Errorf("postgres: act on ticket %d: %w", id, err)
	}
	return t, nil
}
