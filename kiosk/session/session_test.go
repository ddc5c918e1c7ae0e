package session

import (
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
)

type secret struct{ name string }

func (s *secret) Wipe() { s.name = "" }

func TestIdleWarningThenWipe(t *testing.T) {
	rec := &events.Recorder{}
	m := New(60*time.Second, 10*time.Second, "vi", rec)
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var ended []string
	m.OnEnd(func(_ int64, reason string) { ended = append(ended, reason) })

	if s := m.Touch(t0); s.State != Active || s.SessionID != 1 {
		t.Fatalf("first touch: %+v", s)
	}
	card := &secret{name: "NGUYEN VAN A"}
	if !m.Put("identity", card) {
		t.Fatal("Put refused in an active session")
	}
	m.SetLanguage("en")

	steps := []struct {
		at    time.Duration
		touch bool
		want  string
		left  int
	}{
		{30 * time.Second, false, Active, 0},
		{59 * time.Second, false, Active, 0},
		{60 * time.Second, false, Warning, 10},
		{63 * time.Second, false, Warning, 7},
		{64 * time.Second, true, Active, 0}, // "Tôi vẫn ở đây"
		{123 * time.Second, false, Active, 0},
		{124 * time.Second, false, Warning, 10},
		{133 * time.Second, false, Warning, 1},
		{134 * time.Second, false, Attract, 0},
	}
	for _, st := range steps {
		now := t0.Add(st.at)
		if st.touch {
			m.Touch(now)
		}
		m.Tick(now)
		got := m.Current(now)
		if got.State != st.want || got.SecondsLeft != st.left {
			t.Fatalf("at %v: got %+v, want %s left %d", st.at, got, st.want, st.left)
		}
	}
	if card.name != "" {
		t.Fatal("personal data not wiped at timeout")
	}
	if _, ok := m.Get("identity"); ok {
		t.Fatal("identity still held after the session ended")
	}
	if len(ended) != 1 || ended[0] != "timeout" {
		t.Fatalf("end hooks: %v", ended)
	}
	if got := m.Current(t0).Language; got != "vi" {
		t.Fatalf("language not reset: %s", got)
	}
	// The next touch is a new session with nothing in it.
	if s := m.Touch(t0.Add(200 * time.Second)); s.SessionID != 2 {
		t.Fatalf("new session id: %+v", s)
	}
	var states []string
	for _, e := range rec.Events() {
		states = append(states, e.Data.(State).State)
	}
	want := []string{Active, Warning, Active, Warning, Attract, Active}
	if len(states) != len(want) {
		t.Fatalf("events %v, want %v", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Fatalf("events %v, want %v", states, want)
		}
	}
}

func TestPutWithoutSessionWipes(t *testing.T) {
	m := New(time.Minute, 10*time.Second, "vi", nil)
	c := &secret{name: "X"}
	if m.Put("identity", c) {
		t.Fatal("Put accepted with no session")
	}
	if c.name != "" {
		t.Fatal("refused data not wiped")
	}
}

func TestEndAndReplace(t *testing.T) {
	m := New(time.Minute, 10*time.Second, "vi", nil)
	now := time.Now()
	m.Touch(now)
	a, b := &secret{"A"}, &secret{"B"}
	m.Put("identity", a)
	m.Put("identity", b)
	if a.name != "" {
		t.Fatal("replaced identity not wiped")
	}
	m.Drop("identity")
	if b.name != "" {
		t.Fatal("dropped identity not wiped")
	}
	m.Put("identity", a)
	m.End(now, "done")
	if s := m.Current(now); s.State != Attract {
		t.Fatalf("after End: %+v", s)
	}
	m.End(now, "again") // no-op, no panic
}
