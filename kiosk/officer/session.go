package officer

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/staff"
)

// SignIn checks an officer's PIN and signs them in at counter from device.
// The returned token is not stored (only its SHA-256); it ends any earlier
// session at that counter or of that officer. Five wrong PINs in a row lock
// the officer's PIN for staff.LockFor (*LockedError); a right PIN resets
// the count.
func (s *Service) SignIn(ctx context.Context, counter, dev, name, pin string) (string, Session, error) {
	counter = strings.TrimSpace(counter)
	if counter == "" {
		return "", Session{}, errors.New("sign in: no counter")
	}
	name, err := CleanName(name)
	if err != nil {
		return "", Session{}, fmt.Errorf("sign in: %w", ErrNoOfficer)
	}
	o, hash, err := s.db.OfficerPIN(ctx, name)
	if err != nil {
		return "", Session{}, fmt.Errorf("sign in %s: %w", name, err)
	}
	if !o.Active {
		return "", Session{}, fmt.Errorf("sign in %s: %w", name, ErrInactive)
	}
	right := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) == nil
	now := s.now().UTC()
	if err := s.countAttempt(ctx, name, right, now); err != nil {
		return "", Session{}, fmt.Errorf("sign in %s: %w", name, err)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", Session{}, fmt.Errorf("sign in %s: random: %w", name, err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	sess := Session{Counter: counter, Officer: o.Name, Device: dev, Expires: now.Add(SessionTTL)}
	if err := s.db.PutSession(ctx, device.Hash(token), sess); err != nil {
		return "", Session{}, fmt.Errorf("sign in %s: store session: %w", name, err)
	}
	if err := s.seat(ctx, counter, o.Name, now); err != nil {
		return "", Session{}, fmt.Errorf("sign in %s: %w", name, err)
	}
	return token, sess, nil
}

// countAttempt records a PIN attempt under the officer's lock: it returns
// a *LockedError while locked (and when this attempt locks), ErrWrongPIN
// for a wrong PIN, nil for a right one.
func (s *Service) countAttempt(ctx context.Context, name string, right bool, now time.Time) error {
	var res error
	err := s.db.UpdateOfficerLock(ctx, name, func(failures *int, until *time.Time) error {
		res = nil
		switch {
		case now.Before(*until):
			res = &LockedError{Until: *until}
		case right:
			*failures, *until = 0, time.Time{}
		default:
			*failures++
			*until = time.Time{}
			res = ErrWrongPIN
			if *failures >= staff.MaxFailures {
				*failures, *until = 0, now.Add(staff.LockFor)
				res = &LockedError{Until: *until}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record PIN attempt: %w", err)
	}
	return res
}

// seat makes name the officer of counter, and of no other counter.
func (s *Service) seat(ctx context.Context, counter, name string, now time.Time) error {
	all, err := s.db.CounterStates(ctx)
	if err != nil {
		return fmt.Errorf("counter states: %w", err)
	}
	for _, st := range all {
		if st.Officer == name && st.Counter != counter {
			st.Officer, st.Since = "", now.Format(time.RFC3339)
			if err := s.db.SetCounterState(ctx, st); err != nil {
				return fmt.Errorf("leave counter %s: %w", st.Counter, err)
			}
		}
	}
	st, err := s.db.CounterState(ctx, counter)
	if err != nil {
		return fmt.Errorf("counter %s: %w", counter, err)
	}
	st.Counter, st.Officer, st.Since = counter, name, now.Format(time.RFC3339)
	if err := s.db.SetCounterState(ctx, st); err != nil {
		return fmt.Errorf("counter %s: %w", counter, err)
	}
	return nil
}

// session reads the session a token names (ErrNoSession).
func (s *Service) session(ctx context.Context, token string) ([]byte, Session, error) {
	token = strings.TrimSpace(token)
	if len(token) < 16 || len(token) > 128 {
		return nil, Session{}, ErrNoSession
	}
	h := device.Hash(token)
	sess, err := s.db.Session(ctx, h)
	if err != nil {
		return nil, Session{}, fmt.Errorf("read session: %w", err)
	}
	return h, sess, nil
}

// Check returns the session a token names if it is live, at counter, of an
// officer still active (ErrNoSession otherwise): an officer cannot act for
// a counter they are not signed in to.
func (s *Service) Check(ctx context.Context, token, counter string) (Session, error) {
	_, sess, err := s.session(ctx, token)
	if err != nil {
		return Session{}, err
	}
	if !s.now().Before(sess.Expires) {
		return Session{}, fmt.Errorf("%w: expired %s", ErrNoSession, sess.Expires.Format(time.RFC3339))
	}
	if sess.Counter != counter {
		return Session{}, fmt.Errorf("%w: signed in at counter %q, not %q", ErrNoSession, sess.Counter, counter)
	}
	o, _, err := s.db.OfficerPIN(ctx, sess.Officer)
	if errors.Is(err, ErrNoOfficer) || (err == nil && !o.Active) {
		return Session{}, fmt.Errorf("%w: officer %s disabled", ErrNoSession, sess.Officer)
	}
	if err != nil {
		return Session{}, fmt.Errorf("check officer %s: %w", sess.Officer, err)
	}
	return sess, nil
}

// SignOut ends a session and frees its counter; an unknown or ended
// session is not an error.
func (s *Service) SignOut(ctx context.Context, token string) error {
	h, sess, err := s.session(ctx, token)
	if errors.Is(err, ErrNoSession) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sign out: %w", err)
	}
	if err := s.db.DeleteSession(ctx, h); err != nil {
		return fmt.Errorf("sign out %s: %w", sess.Officer, err)
	}
	st, err := s.db.CounterState(ctx, sess.Counter)
	if err != nil {
		return fmt.Errorf("sign out %s: counter %s: %w", sess.Officer, sess.Counter, err)
	}
	if st.Officer != sess.Officer {
		return nil
	}
	st.Officer, st.Since = "", s.now().UTC().Format(time.RFC3339)
	if err := s.db.SetCounterState(ctx, st); err != nil {
		return fmt.Errorf("sign out %s: counter %s: %w", sess.Officer, sess.Counter, err)
	}
	return nil
}
