package officer

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/unicode/norm"

	"github.com/motcua/kiosk/kiosk/staff"
)

// Service signs officers in and out and keeps the counters' states.
type Service struct {
	db   Store
	now  func() time.Time
	cost int
}

// New makes a Service; now nil means time.Now, cost 0 bcrypt.DefaultCost.
func New(db Store, now func() time.Time, cost int) *Service {
	if now == nil {
		now = time.Now
	}
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	return &Service{db: db, now: now, cost: cost}
}

// CleanName trims and NFC-normalises an officer's name (so "Nguyễn" typed
// with composed or combining marks is one name) and checks it (ErrName).
func CleanName(name string) (string, error) {
	name = norm.NFC.String(strings.TrimSpace(name))
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 64 || !utf8.ValidString(name) {
		return "", ErrName
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", ErrName
		}
	}
	return name, nil
}

func (s *Service) hash(pin string) (string, error) {
	if err := staff.CheckPINStrength(pin); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), s.cost)
	if err != nil {
		return "", fmt.Errorf("hash PIN: %w", err)
	}
	return string(h), nil
}

// Add stores a new active officer with their PIN (ErrName, staff.ErrWeakPIN,
// ErrExists).
func (s *Service) Add(ctx context.Context, name, pin string) (Officer, error) {
	name, err := CleanName(name)
	if err != nil {
		return Officer{}, fmt.Errorf("add officer: %w", err)
	}
	h, err := s.hash(pin)
	if err != nil {
		return Officer{}, fmt.Errorf("add officer %s: %w", name, err)
	}
	o, err := s.db.AddOfficer(ctx, name, h, s.now().UTC())
	if err != nil {
		return Officer{}, fmt.Errorf("add officer %s: %w", name, err)
	}
	return o, nil
}

// SetPIN replaces an officer's PIN and lifts any lockout.
func (s *Service) SetPIN(ctx context.Context, name, pin string) error {
	name, err := CleanName(name)
	if err != nil {
		return fmt.Errorf("set officer PIN: %w", err)
	}
	h, err := s.hash(pin)
	if err != nil {
		return fmt.Errorf("set PIN of %s: %w", name, err)
	}
	if err := s.db.SetOfficerPIN(ctx, name, h); err != nil {
		return fmt.Errorf("set PIN of %s: %w", name, err)
	}
	err = s.db.UpdateOfficerLock(ctx, name, func(f *int, until *time.Time) error {
		*f, *until = 0, time.Time{}
		return nil
	})
	if err != nil {
		return fmt.Errorf("unlock %s: %w", name, err)
	}
	return nil
}

// SetActive enables or disables an officer; a disabled officer cannot sign
// in, and their open session stops working at its next check.
func (s *Service) SetActive(ctx context.Context, name string, active bool) error {
	name, err := CleanName(name)
	if err != nil {
		return fmt.Errorf("set officer active: %w", err)
	}
	if err := s.db.SetOfficerActive(ctx, name, active); err != nil {
		return fmt.Errorf("set %s active=%t: %w", name, active, err)
	}
	return nil
}

// List lists every officer by name.
func (s *Service) List(ctx context.Context) ([]Officer, error) {
	list, err := s.db.Officers(ctx)
	if err != nil {
		return nil, fmt.Errorf("list officers: %w", err)
	}
	return list, nil
}
