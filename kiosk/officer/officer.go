// Package officer holds the counter officers of a centre: each signs in at
// a counter with their own PIN (stored only as a bcrypt hash, with a
// lockout after wrong PINs), every counter action is audited with the
// officer's name, and each counter has a state (open, or paused with a
// reason). Sessions live in the store, so every centre instance on one
// PostgreSQL honours them. No citizen data here.
package officer

import (
	"context"
	"errors"
	"time"
)

// SessionTTL is how long a sign-in lasts (a working day); signing out or
// signing in again ends it sooner.
const SessionTTL = 12 * time.Hour

// Errors a caller tells apart.
var (
	ErrNoOfficer = errors.New("officer: no such officer")
	ErrExists    = errors.New("officer: an officer with that name exists")
	ErrInactive  = errors.New("officer: officer disabled")
	ErrWrongPIN  = errors.New("officer: wrong PIN")
	ErrLocked    = errors.New("officer: PIN locked after wrong PINs") // see LockedError
	ErrNoSession = errors.New("officer: not signed in (or the sign-in expired)")
	ErrName      = errors.New("officer: name must be 1-64 characters, no control characters")
	ErrReason    = errors.New("officer: a pause needs a reason")
)

// LockedError says until when an officer's PIN is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return "officer: PIN locked until " + e.Until.Format(time.RFC3339)
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Officer is one counter officer.
type Officer struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"` // shown on the sign-in page and in reports
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"createdAt"`
}

// Session is one officer signed in at one counter from one counter device.
type Session struct {
	Counter string    `json:"counter"`
	Officer string    `json:"officer"`
	Device  string    `json:"device"` // the counter device's name
	Expires time.Time `json:"expires"`
}

// CounterState is a counter's state as the hall and the reports see it.
type CounterState struct {
	Counter string `json:"counter"`
	Officer string `json:"officer"` // signed in now, or ""
	Paused  bool   `json:"paused"`
	Reason  string `json:"reason"` // why paused
	Since   string `json:"since"`  // RFC 3339 UTC of the last change
}

// EventCounter is pushed when a counter's state changes (data: CounterState).
const EventCounter = "counter:state"

// Store persists officers, their PIN lockout, sessions (by the SHA-256 of
// the session token; the token itself is never stored) and counter states.
type Store interface {
	// AddOfficer stores a new active officer (ErrExists).
	AddOfficer(ctx context.Context, name, pinHash string, at time.Time) (Officer, error)
	// Officers lists every officer by name.
	Officers(ctx context.Context) ([]Officer, error)
	// OfficerPIN returns the officer and their PIN hash (ErrNoOfficer).
	OfficerPIN(ctx context.Context, name string) (Officer, string, error)
	// SetOfficerPIN replaces the hash (ErrNoOfficer).
	SetOfficerPIN(ctx context.Context, name, pinHash string) error
	// SetOfficerActive enables or disables an officer (ErrNoOfficer).
	SetOfficerActive(ctx context.Context, name string, active bool) error
	// UpdateOfficerLock reads the officer's wrong-PIN count and lock time,
	// calls fn to change them, and stores them, in one transaction.
	UpdateOfficerLock(ctx context.Context, name string, fn func(failures *int, lockedUntil *time.Time) error) error
	// PutSession stores a session under its token hash, deleting (in the
	// same transaction) any other session at s.Counter or of s.Officer:
	// one officer per counter, one counter per officer.
	PutSession(ctx context.Context, tokenHash []byte, s Session) error
	// Session reads a session (ErrNoSession; expiry is the caller's check).
	Session(ctx context.Context, tokenHash []byte) (Session, error)
	// DeleteSession removes a session (no error when absent).
	DeleteSession(ctx context.Context, tokenHash []byte) error
	// CounterState reads a counter's state; the zero state (with Counter
	// set) when none was stored.
	CounterState(ctx context.Context, counter string) (CounterState, error)
	// SetCounterState stores st under st.Counter.
	SetCounterState(ctx context.Context, st CounterState) error
	// CounterStates lists every stored counter state, by counter.
	CounterStates(ctx context.Context) ([]CounterState, error)
}
