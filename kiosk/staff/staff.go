// Package staff guards the staff and technician modes: PINs stored only as
// bcrypt hashes, a PIN pad that locks for five minutes after five wrong PINs
// (persisted, so a restart does not reset it), what each role may do, and
// the audit log. No citizen's personal data ever reaches the audit log.
package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/audit"
)

// Roles.
const (
	Staff      = "staff"
	Technician = "technician"
)

// Lockout policy.
const (
	MaxFailures = 5
	LockFor     = 5 * time.Minute
)

// Errors a caller must tell apart.
var (
	ErrWrongPIN  = errors.New("wrong PIN")
	ErrLocked    = errors.New("PIN pad locked")
	ErrNoPIN     = errors.New("no PIN set for this role")
	ErrWeakPIN   = errors.New("PIN must be 6 to 12 digits and not one repeated digit or a simple run")
	ErrForbidden = errors.New("this role may not do that")
	ErrBadRole   = errors.New("unknown role")
)

// LockedError says until when the pad is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string { return "PIN pad locked until " + e.Until.Format(time.RFC3339) }

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Pad is the persisted state of the PIN pad.
type Pad struct {
	Failures    int       // wrong PINs in a row since the last unlock or lock
	LockedUntil time.Time // zero when not locked
}

// Store keeps PIN hashes (never PINs) and the PIN pad state, so a restart
// does not reset a lockout. Every write stores its audit entry in the same
// transaction.
type Store interface {
	audit.Store
	// SetPINHash stores role's hash (replacing any) together with e.
	SetPINHash(ctx context.Context, role, hash string, at time.Time, e audit.Entry) error
	// PINHashes returns role → hash for every role with a PIN.
	PINHashes(ctx context.Context) (map[string]string, error)
	// PINPad reads the pad state.
	PINPad(ctx context.Context) (Pad, error)
	// UpdatePINPad reads the pad, calls fn to change it and returns the
	// audit entry to write, and stores both, in one transaction.
	UpdatePINPad(ctx context.Context, fn func(p *Pad) (audit.Entry, error)) error
}

// Service checks PINs against the store.
type Service struct {
	db     Store
	now    func() time.Time
	cost   int
	recent recent // PINs that opened a role lately (UnlockRecent)
}

// New makes a Service; cost 0 means bcrypt.DefaultCost.
func New(db Store, now func() time.Time, cost int) *Service {
	if now == nil {
		now = time.Now
	}
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	return &Service{db: db, now: now, cost: cost}
}

// CheckPINStrength rejects PINs that are short, long, non-numeric or trivial.
func CheckPINStrength(pin string) error {
	if len(pin) < 6 || len(pin) > 12 {
		return ErrWeakPIN
	}
	same, up, down := true, true, true
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return ErrWeakPIN
		}
		if i > 0 {
			same = same && pin[i] == pin[0]
			up = up && pin[i] == pin[i-1]+1
			down = down && pin[i] == pin[i-1]-1
		}
	}
	if same || up || down {
		return ErrWeakPIN
	}
	return nil
}

// SetPIN stores a new PIN hash for role.
func (s *Service) SetPIN(ctx context.Context, role, pin string) error {
	if role != Staff && role != Technician {
		return fmt.Errorf("set PIN for %q: %w", role, ErrBadRole)
	}
	if err := CheckPINStrength(pin); err != nil {
		return err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), s.cost)
	if err != nil {
		return fmt.Errorf("hash PIN: %w", err)
	}
	now := s.now()
	if err := s.db.SetPINHash(ctx, role, string(h), now, audit.Entry{At: now, Role: "system", Action: "pin_set", Target: role}); err != nil {
		return fmt.Errorf("store PIN: %w", err)
	}
	return nil
}

// HasPIN reports whether role has a PIN (first run sets them).
func (s *Service) HasPIN(ctx context.Context, role string) (bool, error) {
	hs, err := s.db.PINHashes(ctx)
	if err != nil {
		return false, fmt.Errorf("read PINs: %w", err)
	}
	_, ok := hs[role]
	return ok, nil
}

// Unlock checks pin against every role and returns the role it opens.
// Five wrong PINs in a row lock the pad for LockFor.
func (s *Service) Unlock(ctx context.Context, pin string) (string, error) {
	now := s.now()
	hs, err := s.hashesIfOpen(ctx, now)
	if err != nil {
		return "", err
	}
	type rh struct{ role, hash string }
	var hashes []rh
	for _, r := range []string{Staff, Technician} {
		if h, ok := hs[r]; ok {
			hashes = append(hashes, rh{r, h})
		}
	}
	if len(hashes) == 0 {
		return "", ErrNoPIN
	}
	role := ""
	for _, r := range hashes {
		if bcrypt.CompareHashAndPassword([]byte(r.hash), []byte(pin)) == nil {
			role = r.role
		}
	}
	var lockErr error
	err = s.db.UpdatePINPad(ctx, func(p *Pad) (audit.Entry, error) {
		lockErr = nil
		if role != "" {
			*p = Pad{}
			return audit.Entry{At: now, Role: role, Action: "unlock"}, nil
		}
		p.Failures++
		p.LockedUntil = time.Time{}
		if p.Failures >= MaxFailures {
			p.LockedUntil = now.Add(LockFor)
			p.Failures = 0
			lockErr = &LockedError{Until: p.LockedUntil}
		}
		action := "pin_failed"
		if lockErr != nil {
			action = "pad_locked"
		}
		return audit.Entry{At: now, Role: "unknown", Action: action}, nil
	})
	if err != nil {
		return "", fmt.Errorf("record PIN attempt: %w", err)
	}
	if lockErr != nil {
		return "", lockErr
	}
	if role == "" {
		return "", ErrWrongPIN
	}
	return role, nil
}

// hashesIfOpen is every role's PIN hash, or a *LockedError while the pad
// is locked.
func (s *Service) hashesIfOpen(ctx context.Context, now time.Time) (map[string]string, error) {
	if until, locked, err := s.lockedUntil(ctx, now); err != nil {
		return nil, err
	} else if locked {
		return nil, &LockedError{Until: until}
	}
	hs, err := s.db.PINHashes(ctx)
	if err != nil {
		return nil, fmt.Errorf("read PINs: %w", err)
	}
	return hs, nil
}

func (s *Service) lockedUntil(ctx context.Context, now time.Time) (time.Time, bool, error) {
	p, err := s.db.PINPad(ctx)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read PIN pad: %w", err)
	}
	if p.LockedUntil.IsZero() {
		return time.Time{}, false, nil
	}
	return p.LockedUntil, now.Before(p.LockedUntil), nil
}
