package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/officer"
)

var _ officer.Store = (*DB)(nil)

// AddOfficer implements officer.Store.
func (db *DB) AddOfficer(ctx context.Context, name, pinHash string, at time.Time) (officer.Officer, error) {
	o := officer.Officer{Name: name, Active: true, CreatedAt: at.UTC()}
	res, err := db.ExecContext(ctx, `INSERT INTO officers(name, pin_hash, created_at) VALUES(?,?,?)`, name, pinHash, fmtTime(at))
	if isUnique(err) {
		return o, fmt.Errorf("%w: %s", officer.ErrExists, name)
	}
	if err != nil {
		return o, fmt.Errorf("add officer %s: %w", name, err)
	}
	o.ID, err = res.LastInsertId()
	return o, err
}

func scanOfficer(sc interface{ Scan(...any) error }, extra ...any) (officer.Officer, error) {
	var o officer.Officer
	var created string
	if err := sc.Scan(append([]any{&o.ID, &o.Name, &o.Active, &created}, extra...)...); err != nil {
		return o, err
	}
	var err error
	if o.CreatedAt, err = parseTime(created); err != nil {
		return o, fmt.Errorf("officer %s: created_at: %w", o.Name, err)
	}
	return o, nil
}

// Officers implements officer.Store.
func (db *DB) Officers(ctx context.Context) ([]officer.Officer, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, name, active, created_at FROM officers ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list officers: %w", err)
	}
	defer rows.Close()
	out := []officer.Officer{}
	for rows.Next() {
		o, err := scanOfficer(rows)
		if err != nil {
			return nil, fmt.Errorf("list officers: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OfficerPIN implements officer.Store.
func (db *DB) OfficerPIN(ctx context.Context, name string) (officer.Officer, string, error) {
	var hash string
	o, err := scanOfficer(db.QueryRowContext(ctx,
		`SELECT id, name, active, created_at, pin_hash FROM officers WHERE name = ?`, name), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return o, "", fmt.Errorf("%w: %s", officer.ErrNoOfficer, name)
	}
	if err != nil {
		return o, "", fmt.Errorf("officer %s: %w", name, err)
	}
	return o, hash, nil
}

func (db *DB) updateOfficer(ctx context.Context, name, set string, arg any) error {
	res, err := db.ExecContext(ctx, `UPDATE officers SET `+set+` = ? WHERE name = ?`, arg, name)
	if err != nil {
		return fmt.Errorf("update officer %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", officer.ErrNoOfficer, name)
	}
	return nil
}

// SetOfficerPIN implements officer.Store.
func (db *DB) SetOfficerPIN(ctx context.Context, name, pinHash string) error {
	return db.updateOfficer(ctx, name, "pin_hash", pinHash)
}

// SetOfficerActive implements officer.Store.
func (db *DB) SetOfficerActive(ctx context.Context, name string, active bool) error {
	return db.updateOfficer(ctx, name, "active", active)
}

// UpdateOfficerLock implements officer.Store in one write transaction
// (BEGIN IMMEDIATE: concurrent updates take turns).
func (db *DB) UpdateOfficerLock(ctx context.Context, name string, fn func(failures *int, lockedUntil *time.Time) error) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var failures int
		var until string
		err := tx.QueryRowContext(ctx, `SELECT failures, locked_until FROM officers WHERE name = ?`, name).Scan(&failures, &until)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %s", officer.ErrNoOfficer, name)
		}
		if err != nil {
			return fmt.Errorf("officer %s lock: %w", name, err)
		}
		u, err := parseTime(until)
		if err != nil {
			return fmt.Errorf("officer %s: locked_until: %w", name, err)
		}
		if err := fn(&failures, &u); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE officers SET failures = ?, locked_until = ? WHERE name = ?`, failures, fmtTime(u), name); err != nil {
			return fmt.Errorf("officer %s lock: %w", name, err)
		}
		return nil
	})
}
