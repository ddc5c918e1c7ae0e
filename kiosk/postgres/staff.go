package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/rating"
	"github.com/motcua/kiosk/kiosk/staff"
)

var (
	_ staff.Store  = (*DB)(nil)
	_ rating.Store = (*DB)(nil)
	_ assist.Store = (*DB)(nil)
)

// SetPINHash implements staff.Store.
func (db *DB) SetPINHash(ctx context.Context, role, hash string, at time.Time, e audit.Entry) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO pins(role, hash, updated_at) VALUES($1,$2,$3)
			ON CONFLICT(role) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
			role, hash, at.UTC().Format(time.RFC3339Nano)); err != nil {
			return fmt.Errorf("postgres: set pin %s: %w", role, err)
		}
		return appendAudit(ctx, tx, e)
	})
}

// PINHashes implements staff.Store.
func (db *DB) PINHashes(ctx context.Context) (map[string]string, error) {
	m := map[string]string{}
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT role, hash FROM pins ORDER BY role`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r, h string
			if err := rows.Scan(&r, &h); err != nil {
				return err
			}
			m[r] = h
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: pin hashes: %w", err)
	}
	return m, nil
}

// pinPad reads the pad; lock adds FOR UPDATE.
func pinPad(ctx context.Context, q querier, lock bool) (staff.Pad, error) {
	var p staff.Pad
	var until string
	sql := `SELECT failures, locked_until FROM pin_pad WHERE id = 1`
	if lock {
		sql += ` FOR UPDATE`
	}
	if err := q.QueryRow(ctx, sql).Scan(&p.Failures, &until); err != nil {
		return p, fmt.Errorf("postgres: pin pad: %w", err)
	}
	if until != "" {
		u, err := time.Parse(time.RFC3339Nano, until)
		if err != nil {
			return p, fmt.Errorf("postgres: bad lock time %q", until)
		}
		p.LockedUntil = u
	}
	return p, nil
}

// PINPad implements staff.Store.
func (db *DB) PINPad(ctx context.Context) (p staff.Pad, err error) {
	err = db.with(ctx, func(q querier) error {
		p, err = pinPad(ctx, q, false)
		return err
	})
	return p, err
}

// UpdatePINPad implements staff.Store: the pad row is locked for the
// transaction, so failures counted by two instances add up.
func (db *DB) UpdatePINPad(ctx context.Context, fn func(p *staff.Pad) (audit.Entry, error)) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		p, err := pinPad(ctx, tx, true)
		if err != nil {
			return err
		}
		e, err := fn(&p)
		if err != nil {
			return err
		}
		until := ""
		if !p.LockedUntil.IsZero() {
			until = p.LockedUntil.UTC().Format(time.RFC3339Nano)
		}
		if _, err := tx.Exec(ctx, `UPDATE pin_pad SET failures = $1, locked_until = $2 WHERE id = 1`, p.Failures, until); err != nil {
			return fmt.Errorf("postgres: save pin pad: %w", err)
		}
		return appendAudit(ctx, tx, e)
	})
}

// AddRating implements rating.Store.
func (db *DB) AddRating(ctx context.Context, r rating.Rating) error {
	_, err := db.exec(ctx, `INSERT INTO ratings(day, at, context, service, score, reason) VALUES($1,$2,$3,$4,$5,$6)`,
		r.Day, r.At.UTC().Format(time.RFC3339), r.Context, r.Service, r.Score, r.Reason)
	if err != nil {
		return fmt.Errorf("postgres: add rating: %w", err)
	}
	return nil
}

// RatingSummary implements rating.Store.
func (db *DB) RatingSummary(ctx context.Context, day string) ([]rating.Summary, error) {
	var out []rating.Summary
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT service,
			COUNT(*) FILTER (WHERE score = 'good'), COUNT(*) FILTER (WHERE score = 'ok'), COUNT(*) FILTER (WHERE score = 'bad')
			FROM ratings WHERE day = $1 GROUP BY service ORDER BY service`, day)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s rating.Summary
			if err := rows.Scan(&s.Service, &s.Good, &s.OK, &s.Bad); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: rating summary %s: %w", day, err)
	}
	return out, nil
}

// RaiseAssist implements assist.Store: an advisory lock on (session,
// screen) keeps two raises from both inserting.
func (db *DB) RaiseAssist(ctx context.Context, r assist.Request) (assist.Request, error) {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('assist/' || $1::bigint::text || '/' || $2::text, 0))`, r.SessionID, r.Screen); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		var cur assist.Request
		err := tx.QueryRow(ctx, `SELECT id, at, session_id, screen, procedure FROM assist_requests
			WHERE session_id = $1 AND screen = $2 AND resolved_at = '' ORDER BY id LIMIT 1`,
			r.SessionID, r.Screen).Scan(&cur.ID, &cur.At, &cur.SessionID, &cur.Screen, &cur.Procedure)
		if err == nil {
			r = cur
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		r.ResolvedAt, r.ResolvedBy = "", ""
		return tx.QueryRow(ctx, `INSERT INTO assist_requests(at, session_id, screen, procedure) VALUES($1,$2,$3,$4) RETURNING id`,
			r.At, r.SessionID, r.Screen, r.Procedure).Scan(&r.ID)
	})
	if err != nil {
		return r, fmt.Errorf("postgres: raise assist: %w", err)
	}
	return r, nil
}

// OpenAssists implements assist.Store.
func (db *DB) OpenAssists(ctx context.Context) ([]assist.Request, error) {
	var out []assist.Request
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT id, at, session_id, screen, procedure, resolved_at, resolved_by FROM assist_requests WHERE resolved_at = '' ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r assist.Request
			if err := rows.Scan(&r.ID, &r.At, &r.SessionID, &r.Screen, &r.Procedure, &r.ResolvedAt, &r.ResolvedBy); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: open assists: %w", err)
	}
	return out, nil
}

// ResolveAssist implements assist.Store.
func (db *DB) ResolveAssist(ctx context.Context, id int64, at time.Time, by string) (bool, error) {
	tag, err := db.exec(ctx, `UPDATE assist_requests SET resolved_at = $1, resolved_by = $2 WHERE id = $3 AND resolved_at = ''`,
		at.UTC().Format(time.RFC3339), by, id)
	if err != nil {
		return false, fmt.Errorf("postgres: resolve assist %d: %w", id, err)
	}
	return tag.RowsAffected() > 0, nil
}
