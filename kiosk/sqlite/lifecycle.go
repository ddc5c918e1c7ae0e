package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/kiosk/kiosk/queue"
)

// final marks an error from the caller's callback (or a refusal): the
// write is not retried and the inner error is returned as is.
type final struct{ err error }

func (f final) Error() string { return f.err.Error() }

// write runs fn in one immediate (write-locked) transaction, retrying
// while another writer holds the lock.
func (db *DB) write(ctx context.Context, fn func(*sql.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := db.Tx(ctx, fn)
		var f final
		if errors.As(err, &f) {
			return f.err
		}
		if err == nil || attempt >= 50 || !retryable(err) {
			return err
		}
		if werr := backoff(ctx, attempt); werr != nil {
			return werr
		}
	}
}

// nextServed is the next call order of a line.
func nextServed(ctx context.Context, tx *sql.Tx, line, day string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(served), 0) + 1 FROM tickets WHERE line = ? AND day = ?`, line, day).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next call order of %s/%s: %w", line, day, err)
	}
	return n, nil
}

// storeLife writes t's lifecycle fields; served nil keeps the call order.
func storeLife(ctx context.Context, tx *sql.Tx, t queue.Ticket, served *int) error {
	_, err := tx.ExecContext(ctx, `UPDATE tickets SET line = ?, status = ?, counter = ?, officer = ?, called_at = ?,
		started_at = ?, finished_at = ?, recalls = ?, transfers = ?, note = ?, served = COALESCE(?, served) WHERE id = ?`,
		t.Line, t.Status, t.Counter, t.Officer, t.CalledAt, t.StartedAt, t.FinishedAt, t.Recalls, t.Transfers, t.Note, served, t.ID)
	if err != nil {
		return fmt.Errorf("store ticket %d: %w", t.ID, err)
	}
	return nil
}

// CallTicket implements queue.Lifecycle. The immediate transaction holds
// the store's write lock, so every line of every process takes turns.
func (db *DB) CallTicket(ctx context.Context, name, day string, pick func(queue.Line) (int64, bool), mark func(*queue.Ticket)) (queue.Ticket, error) {
	var t queue.Ticket
	err := db.write(ctx, func(tx *sql.Tx) error {
		l, err := line(ctx, tx, name, day)
		if err != nil {
			return err
		}
		id, ok := pick(l)
		if !ok {
			return final{queue.ErrNoneWaiting}
		}
		t, err = ticket(ctx, tx, id)
		if errors.Is(err, queue.ErrNoTicket) || (err == nil && (t.Line != name || t.Day != day || t.Status != queue.StatusWaiting)) {
			return final{fmt.Errorf("%w: ticket %d is not waiting in line %s/%s", queue.ErrNoneWaiting, id, name, day)}
		}
		if err != nil {
			return err
		}
		mark(&t)
		if t.Status == queue.StatusWaiting || t.Status == "" {
			return final{fmt.Errorf("sqlite: call %d: mark left it waiting", id)}
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
		return queue.Ticket{}, fmt.Errorf("sqlite: call on line %s/%s: %w", name, day, err)
	}
	return t, nil
}

// Act implements queue.Lifecycle.
func (db *DB) Act(ctx context.Context, id int64, apply func(*queue.Ticket) error) (queue.Ticket, error) {
	var t queue.Ticket
	var applyErr error
	err := db.write(ctx, func(tx *sql.Tx) error {
		old, err := ticket(ctx, tx, id)
		if err != nil {
			return final{err}
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
		return queue.Ticket{}, fmt.Errorf("sqlite: act on ticket %d: %w", id, err)
	}
	return t, nil
}
