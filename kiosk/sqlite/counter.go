package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/kiosk/kiosk/officer"
)

// PutSession implements officer.Store.
func (db *DB) PutSession(ctx context.Context, tokenHash []byte, s officer.Session) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM officer_sessions WHERE counter = ? OR officer = ?`, s.Counter, s.Officer); err != nil {
			return fmt.Errorf("end earlier sessions: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO officer_sessions(token_hash, counter, officer, device, expires) VALUES(?,?,?,?,?)`,
			tokenHash, s.Counter, s.Officer, s.Device, fmtTime(s.Expires)); err != nil {
			return fmt.Errorf("put session: %w", err)
		}
		return nil
	})
}

// Session implements officer.Store.
func (db *DB) Session(ctx context.Context, tokenHash []byte) (officer.Session, error) {
	var s officer.Session
	var exp string
	err := db.QueryRowContext(ctx, `SELECT counter, officer, device, expires FROM officer_sessions WHERE token_hash = ?`, tokenHash).
		Scan(&s.Counter, &s.Officer, &s.Device, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return s, officer.ErrNoSession
	}
	if err != nil {
		return s, fmt.Errorf("session: %w", err)
	}
	if s.Expires, err = parseTime(exp); err != nil {
		return s, fmt.Errorf("session: expires: %w", err)
	}
	return s, nil
}

// DeleteSession implements officer.Store.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM officer_sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

const counterCols = `SELECT counter, officer, paused, reason, since FROM counter_state`

func scanCounter(sc interface{ Scan(...any) error }) (officer.CounterState, error) {
	var c officer.CounterState
	err := sc.Scan(&c.Counter, &c.Officer, &c.Paused, &c.Reason, &c.Since)
	return c, err
}

// CounterState implements officer.Store.
func (db *DB) CounterState(ctx context.Context, counter string) (officer.CounterState, error) {
	c, err := scanCounter(db.QueryRowContext(ctx, counterCols+` WHERE counter = ?`, counter))
	if errors.Is(err, sql.ErrNoRows) {
		return officer.CounterState{Counter: counter}, nil
	}
	if err != nil {
		return c, fmt.Errorf("counter %s state: %w", counter, err)
	}
	return c, nil
}

// SetCounterState implements officer.Store.
func (db *DB) SetCounterState(ctx context.Context, c officer.CounterState) error {
	_, err := db.ExecContext(ctx, `INSERT INTO counter_state(counter, officer, paused, reason, since) VALUES(?,?,?,?,?)
		ON CONFLICT(counter) DO UPDATE SET officer = excluded.officer, paused = excluded.paused, reason = excluded.reason, since = excluded.since`,
		c.Counter, c.Officer, c.Paused, c.Reason, c.Since)
	if err != nil {
		return fmt.Errorf("set counter %s state: %w", c.Counter, err)
	}
	return nil
}

// CounterStates implements officer.Store.
func (db *DB) CounterStates(ctx context.Context) ([]officer.CounterState, error) {
	rows, err := db.QueryContext(ctx, counterCols+` ORDER BY counter`)
	if err != nil {
		return nil, fmt.Errorf("counter states: %w", err)
	}
	defer rows.Close()
	out := []officer.CounterState{}
	for rows.Next() {
		c, err := scanCounter(rows)
		if err != nil {
			return nil, fmt.Errorf("counter states: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
