// Package audit is the kiosk's two append-only logs: the audit log of what
// staff, technicians and the system did (who, did what, to what), and the
// operational event log (kiosk_start, receipt_failed, device faults...).
// Callers pass codes and ids only, never a citizen's personal data.
package audit

import (
	"context"
	"time"
)

// Entry is one audit log row: Role did Action to Target.
type Entry struct {
	At     time.Time `json:"at"`
	Role   string    `json:"role"` // citizen | staff | technician | system | unknown
	Action string    `json:"action"`
	Target string    `json:"target"`
	Detail string    `json:"detail"`
}

// Event is one operational event.
type Event struct {
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"` // kiosk_start, receipt_failed, ...
	Detail string    `json:"detail"`
}

// Store keeps both logs. Appends are atomic; reads list newest first
// (limit <= 0: 100).
type Store interface {
	AppendAudit(ctx context.Context, e Entry) error
	AppendEvent(ctx context.Context, e Event) error
	AuditLog(ctx context.Context, limit int) ([]Entry, error)
	EventLog(ctx context.Context, limit int) ([]Event, error)
}

// Log appends to a Store with a clock.
type Log struct {
	Store Store
	Now   func() time.Time // nil: time.Now
}

func (l Log) now() time.Time {
	if l.Now == nil {
		return time.Now()
	}
	return l.Now()
}

// Event records an operational event now.
func (l Log) Event(ctx context.Context, kind, detail string) error {
	return l.Store.AppendEvent(ctx, Event{At: l.now(), Kind: kind, Detail: detail})
}

// Action records that role did action to target now.
func (l Log) Action(ctx context.Context, role, action, target, detail string) error {
	return l.Store.AppendAudit(ctx, Entry{At: l.now(), Role: role, Action: action, Target: target, Detail: detail})
}
