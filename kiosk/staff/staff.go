// Package staff guards the staff and technician modes: PINs stored only as
// bcrypt hashes, a PIN pad that locks for five minutes after five wrong PINs
// (persisted, so a restart does not reset it), what each role may do, and
// the audit log. No citizen's personal data ever reaches the audit log.
package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/store"
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

// Service checks PINs against the store.
type Service struct {
	db   *store.DB
	now  func() time.Time
	cost int
}

// New makes a Service; cost 0 means bcrypt.DefaultCost.
func New(db *store.DB, now func() time.Time, cost int) *Service {
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
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pins(role, hash, updated_at) VALUES(?,?,?)
			ON CONFLICT(role) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
			role, string(h), s.stamp()); err != nil {
			return fmt.Errorf("store PIN: %w", err)
		}
		return Audit(ctx, tx, s.now(), "system", "pin_set", role, "")
	})
}

// HasPIN reports whether role has a PIN (first run sets them).
func (s *Service) HasPIN(ctx context.Context, role string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pins WHERE role = ?`, role).Scan(&n)
	return n > 0, err
}

// Unlock checks pin against every role and returns the role it opens.
// Five wrong PINs in a row lock the pad for LockFor.
func (s *Service) Unlock(ctx context.Context, pin string) (string, error) {
	now := s.now()
	if until, locked, err := s.lockedUntil(ctx, now); err != nil {
		return "", err
	} else if locked {
		return "", &LockedError{Until: until}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT role, hash FROM pins ORDER BY role`)
	if err != nil {
		return "", fmt.Errorf("read PINs: %w", err)
	}
	type rh struct{ role, hash string }
	var hashes []rh
	for rows.Next() {
		var r rh
		if err := rows.Scan(&r.role, &r.hash); err != nil {
			rows.Close()
			return "", err
		}
		hashes = append(hashes, r)
	}
	rows.Close()
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
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if role != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE pin_pad SET failures = 0, locked_until = '' WHERE id = 1`); err != nil {
				return err
			}
			return Audit(ctx, tx, now, role, "unlock", "", "")
		}
		var failures int
		if err := tx.QueryRowContext(ctx, `SELECT failures FROM pin_pad WHERE id = 1`).Scan(&failures); err != nil {
			return err
		}
		failures++
		until := ""
		if failures >= MaxFailures {
			u := now.Add(LockFor)
			until = u.UTC().Format(time.RFC3339Nano)
			failures = 0
			lockErr = &LockedError{Until: u}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pin_pad SET failures = ?, locked_until = ? WHERE id = 1`, failures, until); err != nil {
			return err
		}
		action := "pin_failed"
		if lockErr != nil {
			action = "pad_locked"
		}
		return Audit(ctx, tx, now, "unknown", action, "", "")
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

func (s *Service) lockedUntil(ctx context.Context, now time.Time) (time.Time, bool, error) {
	var until string
	if err := s.db.QueryRowContext(ctx, `SELECT locked_until FROM pin_pad WHERE id = 1`).Scan(&until); err != nil {
		return time.Time{}, false, fmt.Errorf("read PIN pad: %w", err)
	}
	if until == "" {
		return time.Time{}, false, nil
	}
	u, err := time.Parse(time.RFC3339Nano, until)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read PIN pad: bad lock time %q", until)
	}
	return u, now.Before(u), nil
}

func (s *Service) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }
