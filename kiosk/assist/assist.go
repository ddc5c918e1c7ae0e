// Package assist records "Cần cán bộ hỗ trợ" requests from citizens so that
// staff mode can list and close them. A request says where in the kiosk the
// citizen needed help, never who they are.
package assist

import (
	"context"
	"fmt"
	"time"
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

// Store keeps requests.
type Store interface {
	// RaiseAssist stores r (setting ID) unless a request from the same
	// session and screen is still open: then it returns that one. Atomic.
	RaiseAssist(ctx context.Context, r Request) (Request, error)
	// OpenAssists lists unresolved requests, oldest first.
	OpenAssists(ctx context.Context) ([]Request, error)
	// ResolveAssist closes request id if it is open; ok is false otherwise.
	ResolveAssist(ctx context.Context, id int64, at time.Time, by string) (ok bool, err error)
}

// Book stores requests.
type Book struct {
	db  Store
	now func() time.Time
}

// New makes a Book.
func New(db Store, now func() time.Time) *Book { return &Book{db: db, now: now} }

// Raise records a request; a second request from the same session and
// screen while one is open is the same request.
func (b *Book) Raise(ctx context.Context, sessionID int64, screen, procedure string) (Request, error) {
	r, err := b.db.RaiseAssist(ctx, Request{At: b.now().UTC().Format(time.RFC3339), SessionID: sessionID, Screen: screen, Procedure: procedure})
	if err != nil {
		return Request{}, fmt.Errorf("raise assistance request: %w", err)
	}
	r.Procedure = procedure // as asked now, even when the open request is reused
	return r, nil
}

// Open lists unresolved requests, oldest first.
func (b *Book) Open(ctx context.Context) ([]Request, error) {
	out, err := b.db.OpenAssists(ctx)
	if err != nil {
		return nil, fmt.Errorf("list assistance requests: %w", err)
	}
	return out, nil
}

// Resolve closes a request.
func (b *Book) Resolve(ctx context.Context, id int64, role string) error {
	ok, err := b.db.ResolveAssist(ctx, id, b.now(), role)
	if err != nil {
		return fmt.Errorf("resolve assistance request %d: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("assistance request %d: not open", id)
	}
	return nil
}
