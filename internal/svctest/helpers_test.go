//go:build linux

package svctest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// productionUnit is build/linux/motcua-kiosk.service.
func productionUnit(t *testing.T) Unit {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	u, err := LoadUnit(filepath.Join(filepath.Dir(here), "..", "..", "build", "linux", "motcua-kiosk.service"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// fastUnit is the production unit with short timers so that a test takes
// seconds, not minutes: WatchdogSec=2s, RestartSec=300ms, TimeoutStopSec
// (and so TimeoutAbortSec) 2s. Everything else is the unit's.
func fastUnit(t *testing.T) Unit {
	u := productionUnit(t)
	orig := u
	u.WatchdogSec, u.RestartSec = 2*time.Second, 300*time.Millisecond
	u.TimeoutStopSec, u.TimeoutAbortSec = 2*time.Second, 2*time.Second
	t.Logf("unit overridden for the test: WatchdogSec=%s RestartSec=%s TimeoutStopSec=TimeoutAbortSec=%s (the unit says %s, %s, %s)",
		u.WatchdogSec, u.RestartSec, u.TimeoutStopSec, orig.WatchdogSec, orig.RestartSec, orig.TimeoutStopSec)
	return u
}

// stepTimeout is the longest the supervisor may take, by the unit's own
// timers, to produce the next event of a scenario: a start (TimeoutStartSec),
// a watchdog period, the abort grace, the restart delay and a stop.
func stepTimeout(u Unit) time.Duration {
	return u.TimeoutStartSec + u.WatchdogSec + u.TimeoutAbortSec + u.RestartSec + u.TimeoutStopSec
}

// supervise starts cmd under u and stops it when the test ends.
func supervise(t *testing.T, u Unit, env []string, cmd ...string) *Supervisor {
	t.Helper()
	s := &Supervisor{Unit: u, Command: cmd, Env: env, Dir: t.TempDir(), Stderr: os.Stderr, Logf: t.Logf}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// expect waits, at most d, for the first event from index from on that
// match accepts; it fails the test (showing every event) when none comes.
func expect(t *testing.T, s *Supervisor, from int, d time.Duration, what string, match func(Event) bool) (Event, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	e, i, err := s.Await(ctx, from, match)
	if err != nil {
		for _, e := range s.Events() {
			t.Log(e)
		}
		t.Fatalf("%s: none within %s: %v", what, d, err)
	}
	return e, i
}

func is(k Kind, pid int) func(Event) bool {
	return func(e Event) bool { return e.Kind == k && (pid == 0 || e.PID == pid) }
}

func isSignal(sig syscall.Signal) func(Event) bool {
	return func(e Event) bool { return e.Kind == Signaled && e.Signal == sig }
}
