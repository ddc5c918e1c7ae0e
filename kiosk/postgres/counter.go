package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/officer"
)

// PutSession implements officer.Store.
func (db *DB) PutSession(ctx context.Context, tokenHash []byte, s officer.Session) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM officer_sessions WHERE counter = $1 OR officer = $2`, s.Counter, s.Officer); err != nil {
			return fmt.Errorf("end earlier sessions: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO officer_sessions(token_hash, counter, officer, device, expires) VALUES($1,$2,$3,$4,$5)`,
			tokenHash, s.Counter, s.Officer, s.Device, fmtTime(s.Expires))
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: put session: %w", err)
	}
	return nil
}

// Session implements officer.Store.
func (db *DB) Session(ctx context.Context, tokenHash []byte) (officer.Session, error) {
	var s officer.Session
	var exp string
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `SELECT counter, officer, device, expires FROM officer_sessions WHERE token_hash = $1`, tokenHash).
			Scan(&s.Counter, &s.Officer, &s.Device, &exp)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return s, officer.ErrNoSession
	}
	if err != nil {
		return s, fmt.Errorf("postgres: session: %w", err)
	}
	if s.Expires, err = parseTime(exp); err != nil {
		return s, fmt.Errorf("postgres: session: expires: %w", err)
	}
	return s, nil
}

// DeleteSession implements officer.Store.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	if _, err := db.exec(ctx, `DELETE FROM officer_sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("postgres: delete session: %w", err)
	}
	return nil
}

const counterCols = `SELECT counter, officer, paused, reason, since FROM counter_state`

func scanCounter(row pgx.Row) (officer.CounterState, error) {
	var c officer.CounterState
	err := row.Scan(&c.Counter, &c.Officer, &c.Paused, &c.Reason, &c.Since)
	return c, err
}

// CounterState implements officer.Store.
func (db *DB) CounterState(ctx context.Context, counter string) (c officer.CounterState, err error) {
	err = db.with(ctx, func(q querier) error {
		c, err = scanCounter(q.QueryRow(ctx, counterCols+` WHERE counter = $1`, counter))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return officer.CounterState{Counter: counter}, nil
	}
	if err != nil {
		return c, fmt.Errorf("postgres: counter %s state: %w", counter, err)
	}
	return c, nil
}

// SetCounterState implements officer.Store.
func (db *DB) SetCounterState(ctx context.Context, c officer.CounterState) error {
	_, err := db.exec(ctx, `INSERT INTO counter_state(counter, officer, paused, reason, since) VALUES($1,$2,$3,$4,$5)
		ON CONFLICT(counter) DO UPDATE SET officer = excluded.officer, paused = excluded.paused, reason = excluded.reason, since = excluded.since`,
		c.Counter, c.Officer, c.Paused, c.Reason, c.Since)
	if err != nil {
		return fmt.Errorf("postgres: set counter %s state: %w", c.Counter, err)
	}
	return nil
}

// CounterStates implements officer.Store.
func (db *DB) CounterStates(ctx context.Context) ([]officer.CounterState, error) {
	var out []officer.CounterState
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, scanCounter, counterCols+` ORDER BY counter`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: counter states: %w", err)
	}
	if out == nil {
		out = []officer.CounterState{}
	}
	return out, nil
}
