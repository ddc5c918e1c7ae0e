package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/motcua/kiosk/kiosk/queue"
)

var _ queue.Store = (*DB)(nil)

// IssueTicket takes max+1 inside one immediate (write-locked) transaction,
// so two processes never read the same max; UNIQUE(service, day, number) is
// the last guard and a busy or constraint failure is retried. A failed
// transaction leaves no row, hence no gap.
func (db *DB) IssueTicket(ctx context.Context, service, day, key string, next func(open *bool, last int) (queue.Ticket, error)) (queue.Ticket, error) {
	var t queue.Ticket
	for attempt := 0; ; attempt++ {
		var nextErr error
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if key != "" {
				var id int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM tickets WHERE idem_key = ?`, key).Scan(&id)
				if err == nil {
					if t, err = ticket(ctx, tx, id); err != nil {
						return err
					}
					t.Key, t.Replayed = key, true
					return nil
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("look up key: %w", err)
				}
			}
			override, err := serviceOverride(ctx, tx, service)
			if err != nil {
				return err
			}
			var last int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM tickets WHERE service = ? AND day = ?`, service, day).Scan(&last); err != nil {
				return fmt.Errorf("read last number: %w", err)
			}
			t, nextErr = next(override, last)
			if nextErr != nil {
				return nextErr
			}
			if t.Number != last+1 || t.Service != service || t.Day != day {
				nextErr = fmt.Errorf("sqlite: issue %s: ticket %s/%s/%d is not the next number %d", service, t.Service, t.Day, t.Number, last+1)
				return nextErr
			}
			g, err := prepareIssued(&t, key)
			if err != nil {
				nextErr = fmt.Errorf("sqlite: issue %s: %w", service, err)
				return nextErr
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO tickets(service, day, number, code, priority, issued_at, print_state, idem_key,
				line, status, est_wait, guidance) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`,
				service, day, t.Number, t.Code, t.Priority, t.IssuedAt, t.PrintState, key, t.Line, t.Status, t.EstWait, g)
			if err != nil {
				return fmt.Errorf("insert ticket: %w", err)
			}
			t.ID, err = res.LastInsertId()
			return err
		})
		if err == nil {
			return t, nil
		}
		if nextErr != nil {
			return queue.Ticket{}, nextErr
		}
		if attempt < 50 && retryable(err) {
			if werr := backoff(ctx, attempt); werr != nil {
				return queue.Ticket{}, werr
			}
			continue
		}
		return queue.Ticket{}, err
	}
}

// retryable reports a lock or uniqueness clash with another writer.
func retryable(err error) bool {
	if errors.Is(err, ErrLocked) {
		return true
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch {
		case se.Code()&0xff == sqlite3.SQLITE_BUSY, se.Code()&0xff == sqlite3.SQLITE_LOCKED,
			se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE:
			return true
		}
	}
	return false
}

func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(min(attempt+1, 20)) * 5 * time.Millisecond
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func serviceOverride(ctx context.Context, q querier, code string) (*bool, error) {
	var open int
	err := q.QueryRowContext(ctx, `SELECT open FROM service_state WHERE code = ?`, code).Scan(&open)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("service state %s: %w", code, err)
	}
	o := open == 1
	return &o, nil
}

// ServiceCounts implements queue.Store: waiting per line, issued per service.
func (db *DB) ServiceCounts(ctx context.Context, day string) (map[string]queue.Counts, error) {
	rows, err := db.QueryContext(ctx, `SELECT service, 0, MAX(number) FROM tickets WHERE day = ? GROUP BY service
		UNION ALL SELECT line, COUNT(*), 0 FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY line`, day, day)
	if err != nil {
		return nil, fmt.Errorf("sqlite: service counts %s: %w", day, err)
	}
	defer rows.Close()
	m := map[string]queue.Counts{}
	for rows.Next() {
		var c string
		var waiting, issued int
		if err := rows.Scan(&c, &waiting, &issued); err != nil {
			return nil, fmt.Errorf("sqlite: service counts %s: %w", day, err)
		}
		n := m[c]
		n.Waiting += waiting
		n.Issued = max(n.Issued, issued)
		m[c] = n
	}
	return m, rows.Err()
}

// ServiceOverride implements queue.Store.
func (db *DB) ServiceOverride(ctx context.Context, code string) (open, ok bool, err error) {
	o, err := serviceOverride(ctx, db, code)
	if err != nil || o == nil {
		return false, false, err
	}
	return *o, true, nil
}

// SetServiceOverride implements queue.Store.
func (db *DB) SetServiceOverride(ctx context.Context, code string, open bool) error {
	_, err := db.ExecContext(ctx, `INSERT INTO service_state(code, open) VALUES(?,?) ON CONFLICT(code) DO UPDATE SET open = excluded.open`, code, open)
	return err
}

func affected(res sql.Result, id int64) error {
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("%w: %d", queue.ErrNoTicket, id)
	}
	return nil
}

// MarkPrinted implements queue.Store.
func (db *DB) MarkPrinted(ctx context.Context, id int64, at string) error {
	res, err := db.ExecContext(ctx, `UPDATE tickets SET print_state = 'printed', print_error = '', printed_at = ? WHERE id = ?`, at, id)
	if err != nil {
		return err
	}
	return affected(res, id)
}

// MarkPrintFailed implements queue.Store.
func (db *DB) MarkPrintFailed(ctx context.Context, id int64, f *queue.Fault) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE tickets SET print_state = 'failed', print_error = ? WHERE id = ?`, f.Kind, id)
		if err != nil {
			return err
		}
		if err := affected(res, id); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO printer_faults(at, kind, ticket, detail) VALUES(?,?,?,?)`, f.At, f.Kind, id, f.Detail)
		if err != nil {
			return err
		}
		f.ID, err = res.LastInsertId()
		f.TicketID = id
		return err
	})
}

// AddReprint implements queue.Store.
func (db *DB) AddReprint(ctx context.Context, id int64) error {
	res, err := db.ExecContext(ctx, `UPDATE tickets SET reprints = reprints + 1 WHERE id = ?`, id)
	if err != nil {
		return err
	}
	return affected(res, id)
}

// AddFault implements queue.Store.
func (db *DB) AddFault(ctx context.Context, f *queue.Fault) error {
	var ticket any
	if f.TicketID != 0 {
		ticket = f.TicketID
	}
	res, err := db.ExecContext(ctx, `INSERT INTO printer_faults(at, kind, ticket, detail) VALUES(?,?,?,?)`, f.At, f.Kind, ticket, f.Detail)
	if err != nil {
		return err
	}
	f.ID, err = res.LastInsertId()
	return err
}

// Faults implements queue.Store.
func (db *DB) Faults(ctx context.Context, limit int) ([]queue.Fault, error) {
	rows, err := db.QueryContext(ctx, `SELECT f.id, f.at, f.kind, COALESCE(f.ticket, 0), COALESCE(t.code, ''), f.detail
		FROM printer_faults f LEFT JOIN tickets t ON t.id = f.ticket ORDER BY f.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []queue.Fault
	for rows.Next() {
		var f queue.Fault
		if err := rows.Scan(&f.ID, &f.At, &f.Kind, &f.TicketID, &f.Ticket, &f.Detail); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
