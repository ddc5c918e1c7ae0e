package officer_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

var t0 = time.Date(2026, 11, 22, 1, 30, 0, 0, time.UTC)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func newService(t *testing.T) (*officer.Service, *sqlite.DB, *clock) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{now: t0}
	return officer.New(db, c.Now, bcrypt.MinCost), db, c
}

func TestAdd(t *testing.T) {
	ctx := context.Background()
	svc, db, _ := newService(t)
	for _, c := range []struct {
		name, pin string
		want      error
	}{
		{"  Nguyễn Văn A ", "482915", nil},
		{"Nguye\u0302\u0303n Thị B", "482915", nil}, // combining marks: stored NFC
		{"Nguyễn Văn A", "731946", officer.ErrExists},
		{"", "482915", officer.ErrName},
		{"   ", "482915", officer.ErrName},
		{strings.Repeat("á", 65), "482915", officer.ErrName},
		{"Tab\there", "482915", officer.ErrName},
		{"Lê C", "123456", staff.ErrWeakPIN},
		{"Lê C", "12ab56", staff.ErrWeakPIN},
		{"Lê C", "4829", staff.ErrWeakPIN},
	} {
		_, err := svc.Add(ctx, c.name, c.pin)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("Add(%q, %q): %v, want %v", c.name, c.pin, err, c.want)
		}
	}
	os, err := svc.List(ctx)
	if err != nil || len(os) != 2 || os[0].Name != "Nguyễn Thị B" || os[1].Name != "Nguyễn Văn A" || !os[0].Active {
		t.Fatalf("List: %+v %v", os, err)
	}
	if _, h, _ := db.OfficerPIN(ctx, "Nguyễn Văn A"); !strings.HasPrefix(h, "$2") || strings.Contains(h, "482915") {
		t.Fatalf("stored PIN hash %q", h)
	}
	if err := svc.SetActive(ctx, "nobody", false); !errors.Is(err, officer.ErrNoOfficer) {
		t.Fatalf("SetActive unknown: %v", err)
	}
	if err := svc.SetPIN(ctx, "nobody", "482915"); !errors.Is(err, officer.ErrNoOfficer) {
		t.Fatalf("SetPIN unknown: %v", err)
	}
}

func TestSignInErrors(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	svc.Add(ctx, "A", "482915")
	svc.Add(ctx, "Off", "482915")
	svc.SetActive(ctx, "Off", false)
	for _, c := range []struct {
		counter, name, pin string
		want               error
	}{
		{"3", "nobody", "482915", officer.ErrNoOfficer},
		{"3", "", "482915", officer.ErrNoOfficer},
		{"3", "Off", "482915", officer.ErrInactive},
		{"3", "A", "000001", officer.ErrWrongPIN},
		{"3", "A", "", officer.ErrWrongPIN},
	} {
		if _, _, err := svc.SignIn(ctx, c.counter, "quay-3", c.name, c.pin); !errors.Is(err, c.want) {
			t.Errorf("SignIn(%q, %q): %v, want %v", c.name, c.pin, err, c.want)
		}
	}
	if _, _, err := svc.SignIn(ctx, " ", "quay-3", "A", "482915"); err == nil {
		t.Error("signed in at no counter")
	}
}

func TestLockout(t *testing.T) {
	ctx := context.Background()
	svc, _, clk := newService(t)
	svc.Add(ctx, "A", "482915")
	svc.Add(ctx, "B", "731946")
	wrong := func(name string, n int) error {
		var err error
		for i := 0; i < n; i++ {
			_, _, err = svc.SignIn(ctx, "3", "quay-3", name, "000001")
		}
		return err
	}
	// A right PIN resets the count.
	wrong("A", staff.MaxFailures-1)
	if _, _, err := svc.SignIn(ctx, "3", "quay-3", "A", "482915"); err != nil {
		t.Fatal(err)
	}
	if err := wrong("A", staff.MaxFailures-1); !errors.Is(err, officer.ErrWrongPIN) {
		t.Fatalf("locked after a reset: %v", err)
	}
	err := wrong("A", 1)
	var le *officer.LockedError
	if !errors.As(err, &le) || !le.Until.Equal(t0.Add(staff.LockFor)) || !errors.Is(err, officer.ErrLocked) {
		t.Fatalf("5th wrong PIN: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "3", "quay-3", "A", "482915"); !errors.As(err, &le) {
		t.Fatalf("right PIN while locked: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "4", "quay-4", "B", "731946"); err != nil {
		t.Fatalf("B is locked too: %v", err)
	}
	clk.now = t0.Add(staff.LockFor)
	if _, _, err := svc.SignIn(ctx, "3", "quay-3", "A", "482915"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// SetPIN lifts a lock.
	wrong("A", staff.MaxFailures)
	if err := svc.SetPIN(ctx, "A", "951753"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.SignIn(ctx, "3", "quay-3", "A", "951753"); err != nil {
		t.Fatalf("new PIN after a lock: %v", err)
	}
}
