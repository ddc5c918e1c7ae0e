package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
)

var _ audit.Store = (*DB)(nil)

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func appendAudit(ctx context.Context, x execer, e audit.Entry) error {
	_, err := x.ExecContext(ctx, `INSERT INTO audit_log(at, role, action, target, detail) VALUES(?,?,?,?,?)`,
		e.At.UTC().Format(time.RFC3339Nano), e.Role, e.Action, e.Target, e.Detail)
	return err
}

// AppendAudit implements audit.Store.
func (db *DB) AppendAudit(ctx context.Context, e audit.Entry) error { return appendAudit(ctx, db, e) }

// AppendEvent implements audit.Store.
func (db *DB) AppendEvent(ctx context.Context, e audit.Event) error {
	_, err := db.ExecContext(ctx, `INSERT INTO events(at, kind, detail) VALUES(?,?,?)`,
		e.At.UTC().Format(time.RFC3339Nano), e.Kind, e.Detail)
	return err
}

func limitOr(n int) int {
	if n <= 0 {
		return 100
	}
	return n
}

// AuditLog implements audit.Store.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]audit.Entry, error) {
	rows, err := db.QueryContext(ctx, `SELECT at, role, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?`, limitOr(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var at string
		if err := rows.Scan(&at, &e.Role, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// EventLog implements audit.Store.
func (db *DB) EventLog(ctx context.Context, limit int) ([]audit.Event, error) {
	rows, err := db.QueryContext(ctx, `SELECT at, kind, detail FROM events ORDER BY id DESC LIMIT ?`, limitOr(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		var e audit.Event
		var at string
		if err := rows.Scan(&at, &e.Kind, &e.Detail); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}
