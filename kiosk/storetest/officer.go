package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/rating"
)

// runOfficers runs the officer and visit-rating cases (skipped when the
// store does not offer them).
func runOfficers(t *testing.T, open func(t *testing.T) Stores) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, officer.Store)
	}{
		{"Officers", testOfficers},
		{"OfficerLockAtomic", testOfficerLock},
		{"OfficerSessions", testOfficerSessions},
		{"CounterStates", testCounterStates},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := open(t)
			if st.Officer == nil {
				t.Skip("store has no officers")
			}
			c.fn(t, st.Officer)
		})
	}
	t.Run("Visits", func(t *testing.T) {
		st := open(t)
		if st.Visits == nil {
			t.Skip("store has no visit ratings")
		}
		testVisits(t, st.Visits)
	})
}

func testOfficers(t *testing.T, s officer.Store) {
	ctx := context.Background()
	if os, err := s.Officers(ctx); err != nil || len(os) != 0 {
		t.Fatalf("fresh officers %v %v", os, err)
	}
	for _, n := range []string{"Trần Thị B", "Nguyễn Văn A"} {
		o, err := s.AddOfficer(ctx, n, "$2a$"+n, t0)
		if err != nil || o.ID == 0 || o.Name != n || !o.Active || !o.CreatedAt.Equal(t0) {
			t.Fatalf("add %s: %+v %v", n, o, err)
		}
	}
	if _, err := s.AddOfficer(ctx, "Nguyễn Văn A", "$2a$x", t0); !errors.Is(err, officer.ErrExists) {
		t.Fatalf("duplicate: %v, want ErrExists", err)
	}
	os, err := s.Officers(ctx)
	if err != nil || len(os) != 2 || os[0].Name != "Nguyễn Văn A" || os[1].Name != "Trần Thị B" {
		t.Fatalf("officers by name: %+v %v", os, err)
	}
	if err := s.SetOfficerPIN(ctx, "Nguyễn Văn A", "$2a$new"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOfficerActive(ctx, "Trần Thị B", false); err != nil {
		t.Fatal(err)
	}
	if o, h, err := s.OfficerPIN(ctx, "Nguyễn Văn A"); err != nil || h != "$2a$new" || !o.Active || o.ID != os[0].ID {
		t.Fatalf("after SetOfficerPIN: %+v %q %v", o, h, err)
	}
	if o, h, err := s.OfficerPIN(ctx, "Trần Thị B"); err != nil || h != "$2a$Trần Thị B" || o.Active {
		t.Fatalf("after disable: %+v %q %v", o, h, err)
	}
	for name, err := range map[string]error{
		"OfficerPIN":       func() error { _, _, err := s.OfficerPIN(ctx, "nobody"); return err }(),
		"SetOfficerPIN":    s.SetOfficerPIN(ctx, "nobody", "$2a$x"),
		"SetOfficerActive": s.SetOfficerActive(ctx, "nobody", true),
		"UpdateOfficerLock": s.UpdateOfficerLock(ctx, "nobody", func(*int, *time.Time) error {
			return nil
		}),
	} {
		if !errors.Is(err, officer.ErrNoOfficer) {
			t.Errorf("%s of an unknown officer: %v, want ErrNoOfficer", name, err)
		}
	}
}

func readLock(t *testing.T, s officer.Store, name string) (int, time.Time) {
	t.Helper()
	var f int
	var u time.Time
	if err := s.UpdateOfficerLock(context.Background(), name, func(fp *int, up *time.Time) error {
		f, u = *fp, *up
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return f, u
}

func testOfficerLock(t *testing.T, s officer.Store) {
	ctx := context.Background()
	if _, err := s.AddOfficer(ctx, "A", "$2a$a", t0); err != nil {
		t.Fatal(err)
	}
	if f, u := readLock(t, s, "A"); f != 0 || !u.IsZero() {
		t.Fatalf("fresh lock %d %v", f, u)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.UpdateOfficerLock(ctx, "A", func(f *int, _ *time.Time) error { *f++; return nil })
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if f, _ := readLock(t, s, "A"); f != n {
		t.Fatalf("%d failures after %d concurrent increments", f, n)
	}
	until := t0.Add(5 * time.Minute)
	s.UpdateOfficerLock(ctx, "A", func(f *int, u *time.Time) error { *f, *u = 0, until; return nil })
	boom := errors.New("boom")
	if err := s.UpdateOfficerLock(ctx, "A", func(f *int, u *time.Time) error { *f, *u = 3, time.Time{}; return boom }); !errors.Is(err, boom) {
		t.Fatalf("fn's error: %v", err)
	}
	if f, u := readLock(t, s, "A"); f != 0 || !u.Equal(until) {
		t.Fatalf("a failed update changed the lock: %d %v", f, u)
	}
}

func hash(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func testOfficerSessions(t *testing.T, s officer.Store) {
	ctx := context.Background()
	exp := t0.Add(officer.SessionTTL)
	a := officer.Session{Counter: "3", Officer: "A", Device: "quay-3", Expires: exp}
	if err := s.PutSession(ctx, hash(1), a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, hash(1))
	if err != nil || got.Counter != "3" || got.Officer != "A" || got.Device != "quay-3" || !got.Expires.Equal(exp) {
		t.Fatalf("session %+v %v", got, err)
	}
	if _, err := s.Session(ctx, hash(9)); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("unknown session: %v", err)
	}
	// Another officer at counter 3 ends A's session; A at counter 4 ends B's.
	s.PutSession(ctx, hash(2), officer.Session{Counter: "3", Officer: "B", Expires: exp})
	s.PutSession(ctx, hash(3), officer.Session{Counter: "5", Officer: "C", Expires: exp})
	if _, err := s.Session(ctx, hash(1)); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("A's session after B signed in at counter 3: %v", err)
	}
	s.PutSession(ctx, hash(4), officer.Session{Counter: "4", Officer: "B", Expires: exp})
	if _, err := s.Session(ctx, hash(2)); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("B's session at 3 after B signed in at 4: %v", err)
	}
	if got, err := s.Session(ctx, hash(3)); err != nil || got.Officer != "C" {
		t.Fatalf("C's session was ended: %+v %v", got, err)
	}
	if err := s.DeleteSession(ctx, hash(4)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, hash(4)); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("deleted session: %v", err)
	}
	if err := s.DeleteSession(ctx, hash(4)); err != nil {
		t.Fatalf("deleting an absent session: %v", err)
	}
}

func testCounterStates(t *testing.T, s officer.Store) {
	ctx := context.Background()
	if c, err := s.CounterState(ctx, "3"); err != nil || c != (officer.CounterState{Counter: "3"}) {
		t.Fatalf("fresh state %+v %v", c, err)
	}
	since := t0.Format(time.RFC3339)
	want := []officer.CounterState{
		{Counter: "10", Officer: "B", Since: since},
		{Counter: "3", Officer: "A", Paused: true, Reason: "Nghỉ trưa", Since: since},
	}
	for _, c := range []officer.CounterState{want[1], want[0], {Counter: "3", Officer: "A"}, want[1]} {
		if err := s.SetCounterState(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if c, err := s.CounterState(ctx, "3"); err != nil || c != want[1] {
		t.Fatalf("state %+v %v", c, err)
	}
	if got, err := s.CounterStates(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("states %+v %v, want %+v", got, err, want)
	}
}

func testVisits(t *testing.T, s rating.VisitStore) {
	ctx := context.Background()
	if vs, err := s.Visits(ctx, "2026-11-01", "2026-11-30"); err != nil || len(vs) != 0 {
		t.Fatalf("fresh visits %v %v", vs, err)
	}
	days := []string{"2026-11-21", "2026-11-22", "2026-11-22", "2026-11-23", "2026-11-24"}
	var all []rating.Visit
	for i, d := range days {
		v := rating.Visit{TicketID: int64(100 - i), Code: fmt.Sprintf("B-%04d", i+1), Day: d,
			At: t0.Add(time.Duration(i)*time.Hour + 500*time.Millisecond*time.Duration(i%2)), Service: "B",
			Counter: "3", Officer: "Nguyễn Văn A", Stars: 5 - i}
		if v.Stars <= 3 {
			v.Reasons, v.Comment = []string{"wait", "papers"}, "Chờ hơi lâu"
		}
		if err := s.AddVisit(ctx, v); err != nil {
			t.Fatalf("add %+v: %v", v, err)
		}
		all = append(all, v)
	}
	dup := all[1]
	dup.Stars = 1
	if err := s.AddVisit(ctx, dup); !errors.Is(err, rating.ErrRated) {
		t.Fatalf("second rating of a ticket: %v, want ErrRated", err)
	}
	if err := s.AddVisit(ctx, rating.Visit{TicketID: 7, Day: days[0], At: t0, Stars: 6}); err == nil || errors.Is(err, rating.ErrRated) {
		t.Fatalf("6 stars stored: %v", err)
	}
	got, err := s.Visits(ctx, "2026-11-22", "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d visits for 22..23, want 3: %+v", len(got), got)
	}
	for i, v := range got {
		w := all[i+1]
		if v.TicketID != w.TicketID || v.Code != w.Code || v.Day != w.Day || !v.At.Equal(w.At) || v.Service != w.Service ||
			v.Counter != w.Counter || v.Officer != w.Officer || v.Stars != w.Stars || !reflect.DeepEqual(v.Reasons, w.Reasons) || v.Comment != w.Comment {
			t.Fatalf("visit %d: %+v, want %+v (oldest first)", i, v, w)
		}
	}
}
