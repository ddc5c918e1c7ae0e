package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/officer"
)

var _ officer.Store = (*DB)(nil)

// AddOfficer implements officer.Store.
func (db *DB) AddOfficer(ctx context.Context, name, pinHash string, at time.Time) (officer.Officer, error) {
	o := officer.Officer{Name: name, Active: true, CreatedAt: at.UTC()}
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `INSERT INTO officers(name, pin_hash, created_at) VALUES($1,$2,$3) RETURNING id`,
			name, pinHash, fmtTime(at)).Scan(&o.ID)
	})
	if isUnique(err, "") {
		return o, fmt.Errorf("%w: %s", officer.ErrExists, name)
	}
	if err != nil {
		return o, fmt.Errorf("postgres: add officer %s: %w", name, err)
	}
	return o, nil
}

func scanOfficer(row pgx.Row, extra ...any) (officer.Officer, error) {
	var o officer.Officer
	var created string
	if err := row.Scan(append([]any{&o.ID, &o.Name, &o.Active, &created}, extra...)...); err != nil {
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
	var out []officer.Officer
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, func(r pgx.Row) (officer.Officer, error) { return scanOfficer(r) },
			`SELECT id, name, active, created_at FROM officers ORDER BY name`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: list officers: %w", err)
	}
	if out == nil {
		out = []officer.Officer{}
	}
	return out, nil
}

// OfficerPIN implements officer.Store.
func (db *DB) OfficerPIN(ctx context.Context, name string) (o officer.Officer, hash string, err error) {
	err = db.with(ctx, func(q querier) error {
		o, err = scanOfficer(q.QueryRow(ctx, `SELECT id, name, active, created_at, pin_hash FROM officers WHERE name = $1`, name), &hash)
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return o, "", fmt.Errorf("%w: %s", officer.ErrNoOfficer, name)
	}
	if err != nil {
		return o, "", fmt.Errorf("postgres: officer %s: %w", name, err)
	}
	return o, hash, nil
}

func (db *DB) updateOfficer(ctx context.Context, name, set string, arg any) error {
	tag, err := db.exec(ctx, `UPDATE officers SET `+set+` = $1 WHERE name = $2`, arg, name)
	if err != nil {
		return fmt.Errorf("postgres: update officer %s: %w", name, err)
	}
	if tag.RowsAffected() == 0 {
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

// UpdateOfficerLock implements officer.Store: the officer's row is locked
// (FOR UPDATE) for the transaction, so wrong PINs counted by two
// instances add up.
func (db *DB) UpdateOfficerLock(ctx context.Context, name string, fn func(failures *int, lockedUntil *time.Time) error) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		var failures int
		var until string
		err := tx.QueryRow(ctx, `SELECT failures, locked_until FROM officers WHERE name = $1 FOR UPDATE`, name).Scan(&failures, &until)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: %s", officer.ErrNoOfficer, name)
		}
		if err != nil {
			return fmt.Errorf("postgres: officer %s lock: %w", name, err)
		}
		u, err := parseTime(until)
		if err != nil {
			return fmt.Errorf("postgres: officer %s: locked_until: %w", name, err)
		}
		if err := fn(&failures, &u); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE officers SET failures = $1, locked_until = $2 WHERE name = $3`, failures, fmtTime(u), name); err != nil {
			return fmt.Errorf("postgres: officer %s lock: %w", name, err)
		}
		return nil
	})
}
