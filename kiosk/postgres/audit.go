package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
)

var _ audit.Store = (*DB)(nil)

func appendAudit(ctx context.Context, q querier, e audit.Entry) error {
	_, err := q.Exec(ctx, `INSERT INTO audit_log(at, role, action, target, detail) VALUES($1,$2,$3,$4,$5)`,
		e.At.UTC().Format(time.RFC3339Nano), e.Role, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("postgres: audit %s: %w", e.Action, err)
	}
	return nil
}

// AppendAudit implements audit.Store.
func (db *DB) AppendAudit(ctx context.Context, e audit.Entry) error {
	return db.with(ctx, func(q querier) error { return appendAudit(ctx, q, e) })
}

// AppendEvent implements audit.Store (the kiosk's operational event log,
// not the centre's events.Log: see Events).
func (db *DB) AppendEvent(ctx context.Context, e audit.Event) error {
	_, err := db.exec(ctx, `INSERT INTO events(at, kind, detail) VALUES($1,$2,$3)`,
		e.At.UTC().Format(time.RFC3339Nano), e.Kind, e.Detail)
	if err != nil {
		return fmt.Errorf("postgres: event %s: %w", e.Kind, err)
	}
	return nil
}

func limitOr(n int) int {
	if n <= 0 {
		return 100
	}
	return n
}

// AuditLog implements audit.Store.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]audit.Entry, error) {
	var out []audit.Entry
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT at, role, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1`, limitOr(limit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e audit.Entry
			var at string
			if err := rows.Scan(&at, &e.Role, &e.Action, &e.Target, &e.Detail); err != nil {
				return err
			}
			e.At, _ = time.Parse(time.RFC3339Nano, at)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: audit log: %w", err)
	}
	return out, nil
}

// EventLog implements audit.Store.
func (db *DB) EventLog(ctx context.Context, limit int) ([]audit.Event, error) {
	var out []audit.Event
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT at, kind, detail FROM events ORDER BY id DESC LIMIT $1`, limitOr(limit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e audit.Event
			var at string
			if err := rows.Scan(&at, &e.Kind, &e.Detail); err != nil {
				return err
			}
			e.At, _ = time.Parse(time.RFC3339Nano, at)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: event log: %w", err)
	}
	return out, nil
}
