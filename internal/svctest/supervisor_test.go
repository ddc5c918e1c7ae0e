//go:build linux

package svctest

import (
	"os"
	"syscall"
	"testing"
)

// The supervisor against a fake service (this test binary, re-executed):
// each case follows one path through systemd's state machine and ends with
// the service started again, or not, as Restart= says.
func TestSupervisorScenarios(t *testing.T) {
	cases := []struct {
		name, mode string
		unit       func(*Unit)
		check      func(t *testing.T, s *Supervisor, pid, from int)
		restarted  bool
	}{
		{name: "exit 1 is restarted", mode: "exit1", restarted: true,
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				e, _ := expect(t, s, from, stepTimeout(s.Unit), "exit", is(Exited, pid))
				if e.Code != 1 || e.Result != ResultExitCode {
					t.Errorf("exit: %v, want code 1, result exit-code", e)
				}
			}},
		{name: "exit 75 is a success and restarted (SuccessExitStatus=75, Restart=always)", mode: "exit75", restarted: true,
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				e, _ := expect(t, s, from, stepTimeout(s.Unit), "exit", is(Exited, pid))
				if e.Code != 75 || e.Result != ResultSuccess {
					t.Errorf("exit: %v, want code 75, result success", e)
				}
			}},
		{name: "RestartPreventExitStatus=75 is not restarted", mode: "exit75",
			unit: func(u *Unit) { _ = u.RestartPreventExitStatus.add("75") },
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				expect(t, s, from, stepTimeout(s.Unit), "exit", is(Exited, pid))
			}},
		{name: "a hang gets SIGABRT, then a restart", mode: "hang", restarted: true,
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				k, i := expect(t, s, from, stepTimeout(s.Unit), "keep-alive", is(Keepalive, pid))
				w, i := expect(t, s, i, stepTimeout(s.Unit), "watchdog timeout", is(WatchdogTimeout, pid))
				if gap := w.Time.Sub(k.Time); gap < s.Unit.WatchdogSec {
					t.Errorf("watchdog fired %s after the last keep-alive, before WatchdogSec=%s", gap, s.Unit.WatchdogSec)
				}
				_, i = expect(t, s, i, stepTimeout(s.Unit), "SIGABRT", isSignal(syscall.SIGABRT))
				e, _ := expect(t, s, i, stepTimeout(s.Unit), "exit", is(Exited, pid))
				if e.Result != ResultWatchdog {
					t.Errorf("exit: %v, want result watchdog", e)
				}
			}},
		{name: "a hang that ignores SIGABRT gets SIGKILL after TimeoutAbortSec", mode: "hang-ignore-abrt", restarted: true,
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				a, i := expect(t, s, from, stepTimeout(s.Unit), "SIGABRT", isSignal(syscall.SIGABRT))
				k, i := expect(t, s, i, stepTimeout(s.Unit), "SIGKILL", isSignal(syscall.SIGKILL))
				if gap := k.Time.Sub(a.Time); gap < s.Unit.TimeoutAbortSec {
					t.Errorf("SIGKILL %s after SIGABRT, before TimeoutAbortSec=%s", gap, s.Unit.TimeoutAbortSec)
				}
				e, _ := expect(t, s, i, stepTimeout(s.Unit), "exit", is(Exited, pid))
				if e.Signal != syscall.SIGKILL || e.Result != ResultWatchdog {
					t.Errorf("exit: %v, want SIGKILL, result watchdog", e)
				}
			}},
		{name: "keep-alives from a child are ignored (NotifyAccess=main)", mode: "child-pings", restarted: true,
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				g, i := expect(t, s, from, stepTimeout(s.Unit), "ignored message", is(Ignored, 0))
				if g.PID == pid {
					t.Errorf("ignored a message of the main pid: %v", g)
				}
				expect(t, s, i, stepTimeout(s.Unit), "watchdog timeout", is(WatchdogTimeout, pid))
				for _, e := range s.Events() {
					if e.Kind == Keepalive {
						t.Errorf("a keep-alive was accepted: %v", e)
					}
				}
			}},
		{name: "READY=1 from a child does not complete the start (TimeoutStartSec)", mode: "child-ready", restarted: true,
			unit: func(u *Unit) { u.TimeoutStartSec = 2 * u.WatchdogSec },
			check: func(t *testing.T, s *Supervisor, pid, from int) {
				_, i := expect(t, s, from, stepTimeout(s.Unit), "ignored READY=1", is(Ignored, 0))
				_, i = expect(t, s, i, stepTimeout(s.Unit), "start timeout", is(StartTimeout, pid))
				e, _ := expect(t, s, i, stepTimeout(s.Unit), "exit", is(Exited, pid))
				if e.Result != ResultTimeout {
					t.Errorf("exit: %v, want result timeout", e)
				}
				for _, e := range s.Events() {
					if e.Kind == Ready {
						t.Errorf("start completed by a child: %v", e)
					}
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			u := fastUnit(t)
			if c.unit != nil {
				c.unit(&u)
			}
			s := supervise(t, u, []string{fakeEnv + "=" + c.mode}, os.Args[0], "-test.run=^$")
			st, i := expect(t, s, 0, stepTimeout(u), "start", is(Started, 0))
			if c.mode != "child-ready" {
				_, i = expect(t, s, i, stepTimeout(u), "READY=1", is(Ready, st.PID))
			}
			c.check(t, s, st.PID, i)
			if !c.restarted {
				expect(t, s, i, stepTimeout(u), "no restart", is(Done, st.PID))
				return
			}
			_, i = expect(t, s, i, stepTimeout(u), "restart", is(Restarting, st.PID))
			again, _ := expect(t, s, i, stepTimeout(u), "new main process", is(Started, 0))
			if again.PID == st.PID {
				t.Errorf("restarted as the same pid %d", again.PID)
			}
		})
	}
}

// A service that keeps pinging at half WatchdogSec is never killed.
func TestSupervisorKeepsHealthyService(t *testing.T) {
	t.Parallel()
	u := fastUnit(t)
	s := supervise(t, u, []string{fakeEnv + "=forever"}, os.Args[0], "-test.run=^$")
	st, i := expect(t, s, 0, stepTimeout(u), "start", is(Started, 0))
	_, i = expect(t, s, i, stepTimeout(u), "READY=1", is(Ready, st.PID))
	for range 6 { // 6 keep-alives at WatchdogSec/2: 3 × WatchdogSec
		_, i = expect(t, s, i+1, stepTimeout(u), "keep-alive", is(Keepalive, st.PID))
	}
	for _, e := range s.Events() {
		switch e.Kind {
		case WatchdogTimeout, Signaled, Exited, Ignored:
			t.Errorf("a healthy service: %v", e)
		}
	}
}
