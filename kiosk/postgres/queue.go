package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcua/kiosk/kiosk/queue"
)

var _ queue.Store = (*DB)(nil)

// lockSQL takes the transaction-scoped advisory lock of one (service, day)
// line: numbering of that service, and call order of the line of that name.
const lockSQL = `SELECT pg_advisory_xact_lock(hashtextextended('queue/' || $1::text || '/' || $2::text, 0))`

// lockLine takes the transaction-scoped advisory lock of one (line, day):
// issuing for that service and calling or acting on that line take turns
// across every instance.
func lockLine(ctx context.Context, tx pgx.Tx, line, day string) error {
	if _, err := tx.Exec(ctx, lockSQL, line, day); err != nil {
		return fmt.Errorf("lock line %s/%s: %w", line, day, err)
	}
	return nil
}

// IssueTicket implements queue.Store: under the line's advisory lock it
// replays a known idempotency key, or reads MAX(number) and inserts the
// ticket next builds. A unique violation or serialization failure retries.
func (db *DB) IssueTicket(ctx context.Context, service, day, key string, next func(open *bool, last int) (queue.Ticket, error)) (queue.Ticket, error) {
	var t queue.Ticket
	for attempt := 0; ; attempt++ {
		var nextErr error
		err := db.tx(ctx, func(tx pgx.Tx) error {
			// The lock and the three reads go in one round trip (a pipeline:
			// the reads run after the lock is granted, in order).
			b := &pgx.Batch{}
			b.Queue(lockSQL, service, day)
			b.Queue(`SELECT COALESCE((SELECT id FROM tickets WHERE idem_key = $1 AND idem_key <> ''), 0)`, key)
			b.Queue(`SELECT open FROM service_state WHERE code = $1`, service)
			b.Queue(`SELECT COALESCE(MAX(number), 0) FROM tickets WHERE service = $1 AND day = $2`, service, day)
			var (
				replay   int64
				open     bool
				override *bool
				last     int
			)
			br := tx.SendBatch(ctx, b)
			_, err := br.Exec()
			if err == nil {
				err = br.QueryRow().Scan(&replay)
			}
			if err == nil {
				switch err = br.QueryRow().Scan(&open); {
				case err == nil:
					override = &open
				case errors.Is(err, pgx.ErrNoRows):
					err = nil
				}
			}
			if err == nil {
				err = br.QueryRow().Scan(&last)
			}
			if cerr := br.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("lock line %s/%s and read it: %w", service, day, err)
			}
			if replay != 0 {
				if t, err = ticket(ctx, tx, replay); err != nil {
					return err
				}
				t.Key, t.Replayed = key, true
				return nil
			}
			t, nextErr = next(override, last)
			if nextErr != nil {
				return nextErr
			}
			if t.Number != last+1 || t.Service != service || t.Day != day {
				nextErr = fmt.Errorf("postgres: issue %s: ticket %s/%s/%d is not the next number %d", service, t.Service, t.Day, t.Number, last+1)
				return nextErr
			}
			g, err := prepareIssued(&t, key)
			if err != nil {
				nextErr = fmt.Errorf("postgres: issue %s: %w", service, err)
				return nextErr
			}
			err = tx.QueryRow(ctx, `INSERT INTO tickets(service, day, number, code, priority, issued_at, print_state, idem_key,
				line, status, est_wait, guidance) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
				service, day, t.Number, t.Code, t.Priority, t.IssuedAt, t.PrintState, key, t.Line, t.Status, t.EstWait, g).Scan(&t.ID)
			if err != nil {
				return fmt.Errorf("insert ticket: %w", err)
			}
			return nil
		})
		if err == nil {
			return t, nil
		}
		if nextErr != nil {
			return queue.Ticket{}, nextErr
		}
		if attempt < maxAttempts && retryable(err) {
			if werr := backoff(ctx, attempt); werr != nil {
				return queue.Ticket{}, werr
			}
			continue
		}
		return queue.Ticket{}, fmt.Errorf("postgres: issue %s/%s: %w", service, day, err)
	}
}

func serviceOverride(ctx context.Context, q querier, code string) (*bool, error) {
	var open bool
	err := q.QueryRow(ctx, `SELECT open FROM service_state WHERE code = $1`, code).Scan(&open)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("service state %s: %w", code, err)
	}
	return &open, nil
}

// ServiceCounts implements queue.Store: waiting per line, issued per service.
func (db *DB) ServiceCounts(ctx context.Context, day string) (map[string]queue.Counts, error) {
	type row struct {
		code            string
		waiting, issued int
	}
	var rs []row
	err := db.with(ctx, func(q querier) (err error) {
		rs, err = collect(ctx, q, func(r pgx.Row) (x row, err error) { return x, r.Scan(&x.code, &x.waiting, &x.issued) },
			`SELECT service, 0, MAX(number) FROM tickets WHERE day = $1 GROUP BY service
			UNION ALL SELECT line, COUNT(*), 0 FROM tickets WHERE day = $1 AND status = 'waiting' GROUP BY line`, day)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: service counts %s: %w", day, err)
	}
	m := map[string]queue.Counts{}
	for _, r := range rs {
		n := m[r.code]
		n.Waiting += r.waiting
		n.Issued = max(n.Issued, r.issued)
		m[r.code] = n
	}
	return m, nil
}

// ServiceOverride implements queue.Store.
func (db *DB) ServiceOverride(ctx context.Context, code string) (open, ok bool, err error) {
	var o *bool
	err = db.with(ctx, func(q querier) error {
		o, err = serviceOverride(ctx, q, code)
		return err
	})
	if err != nil || o == nil {
		return false, false, err
	}
	return *o, true, nil
}

// SetServiceOverride implements queue.Store.
func (db *DB) SetServiceOverride(ctx context.Context, code string, open bool) error {
	_, err := db.exec(ctx, `INSERT INTO service_state(code, open) VALUES($1, $2) ON CONFLICT(code) DO UPDATE SET open = excluded.open`, code, open)
	if err != nil {
		return fmt.Errorf("postgres: set override %s: %w", code, err)
	}
	return nil
}

func affected(tag pgconn.CommandTag, id int64) error {
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w: %d", queue.ErrNoTicket, id)
	}
	return nil
}

// MarkPrinted implements queue.Store.
func (db *DB) MarkPrinted(ctx context.Context, id int64, at string) error {
	tag, err := db.exec(ctx, `UPDATE tickets SET print_state = 'printed', print_error = '', printed_at = $1 WHERE id = $2`, at, id)
	if err != nil {
		return fmt.Errorf("postgres: mark %d printed: %w", id, err)
	}
	return affected(tag, id)
}

// MarkPrintFailed implements queue.Store.
func (db *DB) MarkPrintFailed(ctx context.Context, id int64, f *queue.Fault) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE tickets SET print_state = 'failed', print_error = $1 WHERE id = $2`, f.Kind, id)
		if err != nil {
			return fmt.Errorf("postgres: mark %d failed: %w", id, err)
		}
		if err := affected(tag, id); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO printer_faults(at, kind, ticket, detail) VALUES($1,$2,$3,$4) RETURNING id`,
			f.At, f.Kind, id, f.Detail).Scan(&f.ID); err != nil {
			return fmt.Errorf("postgres: record fault: %w", err)
		}
		f.TicketID = id
		return nil
	})
}

// AddReprint implements queue.Store.
func (db *DB) AddReprint(ctx context.Context, id int64) error {
	tag, err := db.exec(ctx, `UPDATE tickets SET reprints = reprints + 1 WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("postgres: reprint %d: %w", id, err)
	}
	return affected(tag, id)
}

// AddFault implements queue.Store.
func (db *DB) AddFault(ctx context.Context, f *queue.Fault) error {
	var ticket *int64
	if f.TicketID != 0 {
		ticket = &f.TicketID
	}
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `INSERT INTO printer_faults(at, kind, ticket, detail) VALUES($1,$2,$3,$4) RETURNING id`,
			f.At, f.Kind, ticket, f.Detail).Scan(&f.ID)
	})
	if err != nil {
		return fmt.Errorf("postgres: add fault: %w", err)
	}
	return nil
}

// Faults implements queue.Store.
func (db *DB) Faults(ctx context.Context, limit int) ([]queue.Fault, error) {
	var out []queue.Fault
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT f.id, f.at, f.kind, COALESCE(f.ticket, 0), COALESCE(t.code, ''), f.detail
			FROM printer_faults f LEFT JOIN tickets t ON t.id = f.ticket ORDER BY f.id DESC LIMIT $1`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f queue.Fault
			if err := rows.Scan(&f.ID, &f.At, &f.Kind, &f.TicketID, &f.Ticket, &f.Detail); err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: faults: %w", err)
	}
	return out, nil
}
