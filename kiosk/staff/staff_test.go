package staff_test

import (
	"context"
	"errors"
	. "github.com/motcua/kiosk/kiosk/staff"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPINStrength(t *testing.T) {
	for pin, ok := range map[string]bool{"482915": true, "12345": false, "123456": false, "654321": false, "000000": false, "12a456": false, "4829150731": true, "1234567890123": false} {
		if err := CheckPINStrength(pin); (err == nil) != ok {
			t.Errorf("%s: err=%v want ok=%v", pin, err, ok)
		}
	}
}

func TestPINStoredAsSlowSaltedHash(t *testing.T) {
	ctx := context.Background()
	db := open(t, sqlite.Memory)
	s := New(db, nil, bcrypt.MinCost)
	if err := s.SetPIN(ctx, Staff, "482915"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPIN(ctx, Technician, "482915"); err != nil {
		t.Fatal(err)
	}
	var h1, h2 string
	db.QueryRow(`SELECT hash FROM pins WHERE role='staff'`).Scan(&h1)
	db.QueryRow(`SELECT hash FROM pins WHERE role='technician'`).Scan(&h2)
	if strings.Contains(h1, "482915") || !strings.HasPrefix(h1, "$2") || h1 == h2 {
		t.Fatalf("hashes not bcrypt or not salted: %q %q", h1, h2)
	}
	if err := s.SetPIN(ctx, "citizen", "482915"); !errors.Is(err, ErrBadRole) {
		t.Fatalf("bad role: %v", err)
	}
}

func TestUnlockRolesAndLockoutSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	c := &clock{time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	s := New(open(t, path), c.now, bcrypt.MinCost)
	if _, err := s.Unlock(ctx, "482915"); !errors.Is(err, ErrNoPIN) {
		t.Fatalf("no PINs yet: %v", err)
	}
	s.SetPIN(ctx, Staff, "482915")
	s.SetPIN(ctx, Technician, "730514")

	if role, err := s.Unlock(ctx, "482915"); err != nil || role != Staff {
		t.Fatalf("staff: %q %v", role, err)
	}
	if role, err := s.Unlock(ctx, "730514"); err != nil || role != Technician {
		t.Fatalf("technician: %q %v", role, err)
	}
	for i := 1; i <= 4; i++ {
		if _, err := s.Unlock(ctx, "111222"); !errors.Is(err, ErrWrongPIN) {
			t.Fatalf("wrong #%d: %v", i, err)
		}
	}
	_, err := s.Unlock(ctx, "111222")
	var le *LockedError
	if !errors.As(err, &le) || !le.Until.Equal(c.t.Add(LockFor)) {
		t.Fatalf("fifth wrong PIN: %v", err)
	}
	// A restart (new Service, new connection) keeps the lock, even for the right PIN.
	db2 := open(t, path)
	s2 := New(db2, c.now, bcrypt.MinCost)
	c.t = c.t.Add(4 * time.Minute)
	if _, err := s2.Unlock(ctx, "482915"); !errors.Is(err, ErrLocked) {
		t.Fatalf("after restart, within 5 min: %v", err)
	}
	c.t = c.t.Add(61 * time.Second)
	if role, err := s2.Unlock(ctx, "482915"); err != nil || role != Staff {
		t.Fatalf("after the lock: %q %v", role, err)
	}
	// The audit log has the story, and no PIN in it.
	rows, _ := db2.Query(`SELECT role, action FROM audit_log ORDER BY id`)
	var got []string
	for rows.Next() {
		var r, a string
		rows.Scan(&r, &a)
		got = append(got, r+":"+a)
	}
	rows.Close()
	want := "system:pin_set system:pin_set staff:unlock technician:unlock unknown:pin_failed unknown:pin_failed unknown:pin_failed unknown:pin_failed unknown:pad_locked staff:unlock"
	if strings.Join(got, " ") != want {
		t.Fatalf("audit:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	var n int
	db2.QueryRow(`SELECT count(*) FROM audit_log WHERE detail LIKE '%482915%' OR target LIKE '%482915%'`).Scan(&n)
	if n != 0 {
		t.Fatal("a PIN reached the audit log")
	}
}

func TestRoleSeparation(t *testing.T) {
	cases := []struct {
		role, action string
		ok           bool
	}{
		{Staff, "reprint", true}, {Staff, "payment_confirm", true}, {Staff, "config_edit", false}, {Staff, "catalog_import", false},
		{Technician, "config_edit", true}, {Technician, "devices", true}, {Technician, "payment_confirm", false}, {Technician, "reprint", false},
		{"citizen", "reprint", false}, {"", "session_end", false},
	}
	for _, c := range cases {
		if err := Authorize(c.role, c.action); (err == nil) != c.ok {
			t.Errorf("%s %s: %v", c.role, c.action, err)
		}
	}
}
