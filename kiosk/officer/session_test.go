package officer_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/officer"
)

func TestSessions(t *testing.T) {
	ctx := context.Background()
	svc, db, clk := newService(t)
	svc.Add(ctx, "A", "482915")
	svc.Add(ctx, "B", "731946")
	tok, sess, err := svc.SignIn(ctx, "3", "quay-3", "A", "482915")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := base64.RawURLEncoding.DecodeString(tok); err != nil || len(b) != 32 {
		t.Fatalf("token %q: %d bytes, %v", tok, len(b), err)
	}
	h := sha256.Sum256([]byte(tok))
	if got, err := db.Session(ctx, h[:]); err != nil || got != sess {
		t.Fatalf("stored session %+v %v, want %+v under the token's SHA-256", got, err, sess)
	}
	if sess.Counter != "3" || sess.Officer != "A" || sess.Device != "quay-3" || !sess.Expires.Equal(t0.Add(officer.SessionTTL)) {
		t.Fatalf("session %+v", sess)
	}
	st, _ := db.CounterState(ctx, "3")
	if st.Officer != "A" || st.Since != "2026-11-22T01:30:00Z" {
		t.Fatalf("counter state after sign-in %+v", st)
	}
	for _, c := range []struct {
		name, token, counter string
		ok                   bool
	}{
		{"right counter", tok, "3", true},
		{"other counter", tok, "4", false},
		{"unknown token", strings.Repeat("x", 43), "3", false},
		{"short token", "abc", "3", false},
		{"empty", "", "3", false},
	} {
		got, err := svc.Check(ctx, c.token, c.counter)
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, officer.ErrNoSession)) || (c.ok && got != sess) {
			t.Errorf("%s: %+v %v", c.name, got, err)
		}
	}
	clk.now = t0.Add(officer.SessionTTL)
	if _, err := svc.Check(ctx, tok, "3"); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("expired session: %v", err)
	}
	clk.now = t0
	// Disabling the officer ends the session's use.
	svc.SetActive(ctx, "A", false)
	if _, err := svc.Check(ctx, tok, "3"); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("disabled officer: %v", err)
	}
	svc.SetActive(ctx, "A", true)
	// A at counter 4 frees counter 3 and ends the first session.
	tok2, _, err := svc.SignIn(ctx, "4", "quay-4", "A", "482915")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Check(ctx, tok, "3"); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("first session after signing in elsewhere: %v", err)
	}
	if st, _ := db.CounterState(ctx, "3"); st.Officer != "" {
		t.Fatalf("counter 3 still has %q", st.Officer)
	}
	// B at counter 4 ends A's session there.
	tokB, _, err := svc.SignIn(ctx, "4", "quay-4", "B", "731946")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Check(ctx, tok2, "4"); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("A's session after B signed in: %v", err)
	}
	if err := svc.SignOut(ctx, tok2); err != nil {
		t.Fatalf("signing out an ended session: %v", err)
	}
	if st, _ := db.CounterState(ctx, "4"); st.Officer != "B" {
		t.Fatalf("A's stale sign-out freed B's counter: %+v", st)
	}
	if err := svc.SignOut(ctx, tokB); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Check(ctx, tokB, "4"); !errors.Is(err, officer.ErrNoSession) {
		t.Fatalf("after sign-out: %v", err)
	}
	if st, _ := db.CounterState(ctx, "4"); st.Officer != "" {
		t.Fatalf("counter 4 after sign-out: %+v", st)
	}
}

func TestSetState(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	for _, c := range []struct {
		name       string
		paused     bool
		reason     string
		want       error
		wantReason string
	}{
		{"pause", true, "  Nghỉ trưa ", nil, "Nghỉ trưa"},
		{"pause without reason", true, " ", officer.ErrReason, ""},
		{"pause, long reason", true, strings.Repeat("ạ", officer.MaxReason+1), officer.ErrReason, ""},
		{"pause, longest reason", true, strings.Repeat("ạ", officer.MaxReason), nil, strings.Repeat("ạ", officer.MaxReason)},
		{"pause, control", true, "a\nb", officer.ErrReason, ""},
		{"open clears the reason", false, "ignored", nil, ""},
	} {
		st, err := svc.SetState(ctx, "3", "A", c.paused, c.reason)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
			continue
		}
		if err == nil && (st.Paused != c.paused || st.Reason != c.wantReason || st.Officer != "A" || st.Counter != "3" || st.Since == "") {
			t.Errorf("%s: state %+v", c.name, st)
		}
	}
	svc.SetState(ctx, "10", "B", true, "Hỏng máy in")
	sts, err := svc.States(ctx)
	if err != nil || len(sts) != 2 || sts[0].Counter != "10" || !sts[0].Paused || sts[1].Counter != "3" || sts[1].Paused {
		t.Fatalf("States: %+v %v", sts, err)
	}
}
