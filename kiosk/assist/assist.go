// Package assist records "Cần cán bộ hỗ trợ" requests from citizens so that
// staff mode can list and close them. A request says where in the kiosk the
// citizen needed help, never who they are.
package assist

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/store"
)

// Request is one call for help.
type Request struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	SessionID  int64  `json:"sessionId"`
	Screen     string `json:"screen"`
	Procedure  string `json:"procedure"`
	ResolvedAt string `json:"resolvedAt"`
	ResolvedBy string `json:"resolvedBy"`
}

// Book stores requests.
type Book struct {
	db  *store.DB
	now func() time.Time
}

// New makes a Book.
func New(db *store.DB, now func() time.Time) *Book { return &Book{db: db, now: now} }

// Raise records a request; a second request from the same session and
// screen while one is open is the same request.
func (b *Book) Raise(ctx context.Context, sessionID int64, screen, procedure string) (Request, error) {
	var r Request
	err := b.db.QueryRowContext(ctx, `SELECT id, at FROM assist_requests WHERE session_id = ? AND screen = ? AND resolved_at = ''`,
		sessionID, screen).Scan(&r.ID, &r.At)
	if err == nil {
		r.SessionID, r.Screen, r.Procedure = sessionID, screen, procedure
		return r, nil
	}
	at := b.now().UTC().Format(time.RFC3339)
	res, err := b.db.ExecContext(ctx, `INSERT INTO assist_requests(at, session_id, screen, procedure) VALUES(?,?,?,?)`, at, sessionID, screen, procedure)
	if err != nil {
		return Request{}, fmt.Errorf("raise assistance request: %w", err)
	}
	id, _ := res.LastInsertId()
	return Request{ID: id, At: at, SessionID: sessionID, Screen: screen, Procedure: procedure}, nil
}

// Open lists unresolved requests, oldest first.
func (b *Book) Open(ctx context.Context) ([]Request, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT id, at, session_id, screen, procedure, resolved_at, resolved_by FROM assist_requests WHERE resolved_at = '' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list assistance requests: %w", err)
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		var r Request
		if err := rows.Scan(&r.ID, &r.At, &r.SessionID, &r.Screen, &r.Procedure, &r.ResolvedAt, &r.ResolvedBy); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Resolve closes a request.
func (b *Book) Resolve(ctx context.Context, id int64, role string) error {
	res, err := b.db.ExecContext(ctx, `UPDATE assist_requests SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at = ''`,
		b.now().UTC().Format(time.RFC3339), role, id)
	if err != nil {
		return fmt.Errorf("resolve assistance request %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("assistance request %d: not open", id)
	}
	return nil
}
