package staff_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/sqlite"
	. "github.com/motcua/kiosk/kiosk/staff"
)

// A page that re-reads with its PIN every few seconds writes one unlock row
// per window, not one per read; a changed PIN, another device, a wrong PIN
// and a locked pad are all checked in full.
func TestUnlockRecent(t *testing.T) {
	ctx := context.Background()
	db := open(t, sqlite.Memory)
	c := &clock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	s := New(db, c.now, bcrypt.MinCost)
	if err := s.SetPIN(ctx, Staff, "482915"); err != nil {
		t.Fatal(err)
	}
	unlocks := func() int {
		var n int
		db.QueryRow(`SELECT count(*) FROM audit_log WHERE action='unlock'`).Scan(&n)
		return n
	}
	const within = 10 * time.Minute
	steps := []struct {
		name    string
		advance time.Duration
		who     string
		pin     string
		set     string // a new staff PIN set before the step
		err     error
		unlocks int // audit rows "unlock" after the step
	}{
		{"first read: a full check", 0, "desk", "482915", "", nil, 1},
		{"again 5 s later: remembered", 5 * time.Second, "desk", "482915", "", nil, 1},
		{"again: remembered", 5 * time.Second, "desk", "482915", "", nil, 1},
		{"another device: a full check", 0, "tablet", "482915", "", nil, 2},
		{"a wrong PIN is never remembered", 0, "desk", "111111", "", ErrWrongPIN, 2},
		{"the window ends: a full check", within, "desk", "482915", "", nil, 3},
		{"the PIN changed: the old one is refused", time.Second, "desk", "482915", "730194", ErrWrongPIN, 3},
		{"the new one opens", 0, "desk", "730194", "", nil, 4},
	}
	for _, st := range steps {
		c.t = c.t.Add(st.advance)
		if st.set != "" {
			if err := s.SetPIN(ctx, Staff, st.set); err != nil {
				t.Fatal(err)
			}
		}
		role, err := s.UnlockRecent(ctx, st.who, st.pin, within)
		if !errors.Is(err, st.err) || (err == nil && role != Staff) {
			t.Fatalf("%s: role %q err %v, want err %v", st.name, role, err, st.err)
		}
		if got := unlocks(); got != st.unlocks {
			t.Fatalf("%s: %d unlock rows, want %d", st.name, got, st.unlocks)
		}
	}
	// Wrong PINs lock the pad; a remembered PIN does not get past the lock.
	for i := 0; i < MaxFailures; i++ {
		s.UnlockRecent(ctx, "other", "111111", within)
	}
	if _, err := s.UnlockRecent(ctx, "desk", "730194", within); !errors.Is(err, ErrLocked) {
		t.Fatalf("remembered PIN on a locked pad: %v, want locked", err)
	}
}
