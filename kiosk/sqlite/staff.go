package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

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
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pins(role, hash, updated_at) VALUES(?,?,?)
			ON CONFLICT(role) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
			role, hash, at.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
}

// PINHashes implements staff.Store.
func (db *DB) PINHashes(ctx context.Context) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT role, hash FROM pins ORDER BY role`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var r, h string
		if err := rows.Scan(&r, &h); err != nil {
			return nil, err
		}
		m[r] = h
	}
	return m, rows.Err()
}

func pinPad(ctx context.Context, q querier) (staff.Pad, error) {
	var p staff.Pad
	var until string
	if err := q.QueryRowContext(ctx, `SELECT failures, locked_until FROM pin_pad WHERE id = 1`).Scan(&p.Failures, &until); err != nil {
		return p, err
	}
	if until != "" {
		u, err := time.Parse(time.RFC3339Nano, until)
		if err != nil {
			return p, fmt.Errorf("bad lock time %q", until)
		}
		p.LockedUntil = u
	}
	return p, nil
}

// PINPad implements staff.Store.
func (db *DB) PINPad(ctx context.Context) (staff.Pad, error) { return pinPad(ctx, db) }

// UpdatePINPad implements staff.Store.
func (db *DB) UpdatePINPad(ctx context.Context, fn func(p *staff.Pad) (audit.Entry, error)) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		p, err := pinPad(ctx, tx)
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
		if _, err := tx.ExecContext(ctx, `UPDATE pin_pad SET failures = ?, locked_until = ? WHERE id = 1`, p.Failures, until); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
}

// AddRating implements rating.Store.
func (db *DB) AddRating(ctx context.Context, r rating.Rating) error {
	_, err := db.ExecContext(ctx, `INSERT INTO ratings(day, at, context, service, score, reason) VALUES(?,?,?,?,?,?)`,
		r.Day, r.At.UTC().Format(time.RFC3339), r.Context, r.Service, r.Score, r.Reason)
	return err
}

// RatingSummary implements rating.Store.
func (db *DB) RatingSummary(ctx context.Context, day string) ([]rating.Summary, error) {
	rows, err := db.QueryContext(ctx, `SELECT service,
		sum(score = 'good'), sum(score = 'ok'), sum(score = 'bad')
		FROM ratings WHERE day = ? GROUP BY service ORDER BY service`, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rating.Summary
	for rows.Next() {
		var s rating.Summary
		if err := rows.Scan(&s.Service, &s.Good, &s.OK, &s.Bad); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// RaiseAssist implements assist.Store.
func (db *DB) RaiseAssist(ctx context.Context, r assist.Request) (assist.Request, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var cur assist.Request
		err := tx.QueryRowContext(ctx, `SELECT id, at, session_id, screen, procedure FROM assist_requests WHERE session_id = ? AND screen = ? AND resolved_at = '' ORDER BY id LIMIT 1`,
			r.SessionID, r.Screen).Scan(&cur.ID, &cur.At, &cur.SessionID, &cur.Screen, &cur.Procedure)
		if err == nil {
			r = cur
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO assist_requests(at, session_id, screen, procedure) VALUES(?,?,?,?)`, r.At, r.SessionID, r.Screen, r.Procedure)
		if err != nil {
			return err
		}
		r.ID, err = res.LastInsertId()
		r.ResolvedAt, r.ResolvedBy = "", ""
		return err
	})
	return r, err
}

// OpenAssists implements assist.Store.
func (db *DB) OpenAssists(ctx context.Context) ([]assist.Request, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, at, session_id, screen, procedure, resolved_at, resolved_by FROM assist_requests WHERE resolved_at = '' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []assist.Request
	for rows.Next() {
		var r assist.Request
		if err := rows.Scan(&r.ID, &r.At, &r.SessionID, &r.Screen, &r.Procedure, &r.ResolvedAt, &r.ResolvedBy); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ResolveAssist implements assist.Store.
func (db *DB) ResolveAssist(ctx context.Context, id int64, at time.Time, by string) (bool, error) {
	res, err := db.ExecContext(ctx, `UPDATE assist_requests SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at = ''`,
		at.UTC().Format(time.RFC3339), by, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
