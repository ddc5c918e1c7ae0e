//go:build linux

package svctest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sdnotify"
)

// The real kiosk (make build) under the production unit: READY=1 comes from
// the page's first Alive ping, keep-alives follow while the page runs, and
// when its WebKit web process is stopped (the page hangs, the Go process
// does not) the keep-alives stop, the watchdog fires and the kiosk is
// started again. make check-watchdog runs it under xvfb-run.
func TestKioskWatchdogRestartsHungPage(t *testing.T) {
	bin := os.Getenv("MOTCUA_KIOSK_BIN")
	if bin == "" {
		if os.Getenv("MOTCUA_REQUIRE_KIOSK") == "1" {
			t.Fatal("MOTCUA_REQUIRE_KIOSK=1 but MOTCUA_KIOSK_BIN is not set (make check-watchdog sets both)")
		}
		t.Skip("MOTCUA_KIOSK_BIN is not set: the kiosk watchdog test needs a built kiosk (make check-watchdog)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("MOTCUA_KIOSK_BIN: %v (make build)", err)
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make check-watchdog)")
	}
	u := productionUnit(t)
	// A shorter WatchdogSec, so that the hang is seen in about 25 s rather
	// than 45 s; RestartSec and every other setting are the unit's.
	u.WatchdogSec = 10 * time.Second
	t.Logf("unit: Type=%s NotifyAccess=%s Restart=%s RestartSec=%s TimeoutStartSec=%s TimeoutAbortSec=%s; WatchdogSec overridden to %s (the unit says 30s)",
		u.Type, u.NotifyAccess, u.Restart, u.RestartSec, u.TimeoutStartSec, u.TimeoutAbortSec, u.WatchdogSec)

	data := t.TempDir()
	var out bytes.Buffer
	s := &Supervisor{Unit: u, Command: []string{bin}, Dir: t.TempDir(), Stdout: &out, Stderr: &out, Logf: t.Logf,
		Env: []string{"KIOSK_DATA_DIR=" + data, "KIOSK_CONFIG=" + filepath.Join(data, "none.toml")}}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("kiosk output:\n%s", tail(out.String(), 60))
		}
	})

	st, i := expect(t, s, 0, u.TimeoutStartSec, "kiosk started", is(Started, 0))
	ready, i := expect(t, s, i, u.TimeoutStartSec, "READY=1 from the kiosk", is(Ready, st.PID))
	t.Logf("READY=1 %s after start", ready.Time.Sub(st.Time).Round(time.Millisecond))
	// Keep-alives at WatchdogSec/2 while the page pings: three of them.
	for range 3 {
		_, i = expect(t, s, i+1, u.WatchdogSec, "keep-alive while the page runs", is(Keepalive, st.PID))
	}
	noneOf(t, s, WatchdogTimeout, Exited)

	web := webProcess(t, st.PID, u.WatchdogSec)
	t.Cleanup(func() { endStopped(t, web) })
	if err := syscall.Kill(web, syscall.SIGSTOP); err != nil {
		t.Fatalf("SIGSTOP web process %d: %v", web, err)
	}
	stopped := time.Now()
	t.Logf("SIGSTOP WebKitWebProcess pid %d (the kiosk is pid %d)", web, st.PID)

	// The page's last ping goes stale after sdnotify.DefaultStale; the last
	// keep-alive is at most one tick (WatchdogSec/2) later; the watchdog fires
	// WatchdogSec after it. One more WatchdogSec of margin.
	hangBudget := sdnotify.DefaultStale + u.WatchdogSec/2 + 2*u.WatchdogSec
	wd, i := expect(t, s, i, hangBudget, "watchdog timeout after the page hung", is(WatchdogTimeout, st.PID))
	last := lastBefore(s.Events(), Keepalive, st.PID, wd.Time)
	_, i = expect(t, s, i, u.TimeoutAbortSec, "SIGABRT", isSignal(syscall.SIGABRT))
	ex, i := expect(t, s, i, u.TimeoutAbortSec+u.WatchdogSec, "the hung kiosk exits", is(Exited, st.PID))
	if ex.Result != ResultWatchdog {
		t.Errorf("exit: %v, want result watchdog", ex)
	}
	if !gone(web, u.TimeoutStopSec) {
		t.Errorf("the stopped web process %d outlived the hung kiosk by TimeoutStopSec=%s", web, u.TimeoutStopSec)
	}
	again, i := expect(t, s, i, u.RestartSec+u.TimeoutStartSec, "kiosk started again", is(Started, 0))
	if again.PID == st.PID {
		t.Fatalf("restarted as the same pid %d", again.PID)
	}
	ready2, _ := expect(t, s, i, u.TimeoutStartSec, "READY=1 from the new kiosk", is(Ready, again.PID))

	t.Logf("figures: SIGSTOP → last keep-alive %s, → watchdog timeout %s (WatchdogSec=%s after the last keep-alive: %s), → exit %s, → new pid %d %s, → READY=1 again %s",
		last.Sub(stopped).Round(time.Millisecond), wd.Time.Sub(stopped).Round(time.Millisecond), u.WatchdogSec,
		wd.Time.Sub(last).Round(time.Millisecond), ex.Time.Sub(stopped).Round(time.Millisecond),
		again.PID, again.Time.Sub(stopped).Round(time.Millisecond), ready2.Time.Sub(stopped).Round(time.Millisecond))
}

// webProcess waits, at most d, for the kiosk's WebKitWebProcess child.
func webProcess(t *testing.T, kiosk int, d time.Duration) int {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		for _, p := range Descendants(kiosk) {
			if p.Comm == WebProcessComm {
				return p.PID
			}
		}
	}
	t.Fatalf("no %s under kiosk pid %d within %s: %v", WebProcessComm, kiosk, d, Descendants(kiosk))
	return 0
}

// gone waits, at most d, for pid to end (a zombie counts as ended).
func gone(pid int, d time.Duration) bool {
	for end := time.Now().Add(d); ; time.Sleep(50 * time.Millisecond) {
		if p, ok := Stat(pid); !ok || !p.Live() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// endStopped lets the stopped web process go (SIGCONT) and kills it, if it
// is still there (the watchdog's SIGABRT to the process group ends it).
func endStopped(t *testing.T, pid int) {
	if p, ok := Stat(pid); ok && p.Comm == WebProcessComm && p.State != 'Z' {
		t.Logf("web process %d still there (state %c): SIGCONT, SIGKILL", pid, p.State)
		_ = syscall.Kill(pid, syscall.SIGCONT)
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

func noneOf(t *testing.T, s *Supervisor, kinds ...Kind) {
	t.Helper()
	for _, e := range s.Events() {
		for _, k := range kinds {
			if e.Kind == k {
				t.Fatalf("unexpected: %v", e)
			}
		}
	}
}

func lastBefore(events []Event, k Kind, pid int, before time.Time) time.Time {
	var at time.Time
	for _, e := range events {
		if e.Kind == k && e.PID == pid && !e.Time.After(before) {
			at = e.Time
		}
	}
	return at
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
