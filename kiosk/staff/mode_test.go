package staff_test

import (
	"errors"
	. "github.com/motcua/kiosk/kiosk/staff"
	"testing"
	"time"
)

func TestModeTimesOutAndSeparatesRoles(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	m := &Mode{Timeout: 2 * time.Minute}
	if _, err := m.Require("reprint", t0); !errors.Is(err, ErrForbidden) {
		t.Fatalf("closed mode allowed reprint: %v", err)
	}
	m.Open(Staff, t0)
	if _, err := m.Require("reprint", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Require("config_edit", t0.Add(time.Minute)); !errors.Is(err, ErrForbidden) {
		t.Fatalf("staff edited config: %v", err)
	}
	// Activity at +1 min extends to +3 min.
	if r := m.Role(t0.Add(2*time.Minute + 59*time.Second)); r != Staff {
		t.Fatalf("mode closed early: %q", r)
	}
	if r := m.Role(t0.Add(3 * time.Minute)); r != "" {
		t.Fatalf("mode still open after timeout: %q", r)
	}
	if m.Touch(t0.Add(3 * time.Minute)) {
		t.Fatal("touch reopened a closed mode")
	}
}
