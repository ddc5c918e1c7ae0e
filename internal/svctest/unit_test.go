//go:build linux

package svctest

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseTimespan(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{in: "30", want: 30 * time.Second},
		{in: "2s", want: 2 * time.Second},
		{in: "500ms", want: 500 * time.Millisecond},
		{in: "1min 30s", want: 90 * time.Second},
		{in: "1.5h", want: 90 * time.Minute},
		{in: "infinity", want: 0},
		{in: "", bad: true},
		{in: "5 parsecs", bad: true},
		{in: "s", bad: true},
	} {
		got, err := ParseTimespan(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("ParseTimespan(%q) = %s, %v; want %s, error %v", c.in, got, err, c.want, c.bad)
		}
	}
}

// The production unit, as the supervisor reads it.
func TestProductionUnit(t *testing.T) {
	u := productionUnit(t)
	want := Unit{Type: "notify", NotifyAccess: "main", Restart: "always", RestartSec: 2 * time.Second,
		WatchdogSec: 30 * time.Second, TimeoutStartSec: 90 * time.Second, TimeoutStopSec: 10 * time.Second,
		TimeoutAbortSec: 10 * time.Second, KillMode: "control-group"}
	got := u
	got.Environment, got.ExecStart, got.SuccessExitStatus, got.RestartPreventExitStatus = nil, "", ExitSet{}, ExitSet{}
	if got.Type != want.Type || got.NotifyAccess != want.NotifyAccess || got.Restart != want.Restart ||
		got.RestartSec != want.RestartSec || got.WatchdogSec != want.WatchdogSec || got.TimeoutStartSec != want.TimeoutStartSec ||
		got.TimeoutStopSec != want.TimeoutStopSec || got.TimeoutAbortSec != want.TimeoutAbortSec || got.KillMode != want.KillMode {
		t.Errorf("unit = %+v\nwant %+v", got, want)
	}
	if !u.SuccessExitStatus.HasCode(75) || len(u.RestartPreventExitStatus.Codes) != 0 {
		t.Errorf("SuccessExitStatus=%v RestartPreventExitStatus=%v, want 75 and none", u.SuccessExitStatus, u.RestartPreventExitStatus)
	}
	if len(u.Environment) != 1 || u.Environment[0] != "WEBKIT_DISABLE_DMABUF_RENDERER=1" {
		t.Errorf("Environment = %q", u.Environment)
	}
}

func TestParseUnitDefaultsAndLists(t *testing.T) {
	u, err := ParseUnit(strings.NewReader(`[Unit]
Type=ignored
[Service]
; a comment
Type=notify
SuccessExitStatus=75 \
  SIGUSR1
RestartPreventExitStatus=3
RestartPreventExitStatus=
RestartPreventExitStatus=TERM 9
TimeoutStopSec=5s
`))
	if err != nil {
		t.Fatal(err)
	}
	if u.NotifyAccess != "main" || u.Restart != "no" || u.RestartSec != 100*time.Millisecond || u.TimeoutAbortSec != 5*time.Second || u.TimeoutStartSec != 90*time.Second {
		t.Errorf("defaults: %+v", u)
	}
	if !u.SuccessExitStatus.HasCode(75) || !u.SuccessExitStatus.HasSignal(syscall.SIGUSR1) {
		t.Errorf("SuccessExitStatus = %+v", u.SuccessExitStatus)
	}
	p := u.RestartPreventExitStatus
	if p.HasCode(3) || !p.HasCode(9) || !p.HasSignal(syscall.SIGTERM) {
		t.Errorf("RestartPreventExitStatus (reset, then TERM 9) = %+v", p)
	}
	for _, bad := range []string{"[Service]\nRestart=sometimes", "[Service]\nWatchdogSec=soon", "[Service]\nSuccessExitStatus=SIGNOPE", "[Service]\nnot a setting"} {
		if _, err := ParseUnit(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseUnit(%q) accepted it", bad)
		}
	}
}

// Restart= as the table in systemd.service(5) has it.
func TestShouldRestart(t *testing.T) {
	type end struct {
		code     int
		sig      syscall.Signal
		killedBy string
	}
	ends := map[string]end{
		"exit 0": {code: 0}, "exit 75 (success)": {code: 75}, "exit 1": {code: 1}, "SIGTERM": {code: -1, sig: syscall.SIGTERM},
		"SIGSEGV": {code: -1, sig: syscall.SIGSEGV}, "SIGKILL": {code: -1, sig: syscall.SIGKILL},
		"watchdog": {code: -1, sig: syscall.SIGABRT, killedBy: ResultWatchdog}, "timeout": {code: -1, sig: syscall.SIGTERM, killedBy: ResultTimeout},
	}
	// Which ends each Restart= value restarts after.
	table := map[string][]string{
		"no":          nil,
		"always":      {"exit 0", "exit 75 (success)", "exit 1", "SIGTERM", "SIGSEGV", "SIGKILL", "watchdog", "timeout"},
		"on-success":  {"exit 0", "exit 75 (success)", "SIGTERM"},
		"on-failure":  {"exit 1", "SIGSEGV", "SIGKILL", "watchdog", "timeout"},
		"on-abnormal": {"SIGSEGV", "SIGKILL", "watchdog", "timeout"},
		"on-abort":    {"SIGSEGV", "SIGKILL"},
		"on-watchdog": {"watchdog"},
	}
	for restart, yes := range table {
		u := Unit{Restart: restart}
		_ = u.SuccessExitStatus.add("75")
		for name, e := range ends {
			want := false
			for _, y := range yes {
				want = want || y == name
			}
			if got := u.shouldRestart(e.code, e.sig, u.result(e.code, e.sig, e.killedBy)); got != want {
				t.Errorf("Restart=%s after %s: restart %v, want %v", restart, name, got, want)
			}
		}
	}
	u := Unit{Restart: "always"}
	_ = u.RestartPreventExitStatus.add("75 SIGKILL")
	if u.shouldRestart(75, 0, ResultExitCode) || u.shouldRestart(-1, syscall.SIGKILL, ResultSignal) || !u.shouldRestart(1, 0, ResultExitCode) {
		t.Error("RestartPreventExitStatus=75 SIGKILL is not applied")
	}
}
