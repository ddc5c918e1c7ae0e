//go:build linux

package svctest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Unit is the [Service] section of a unit file, the settings the
// Supervisor follows, with systemd's defaults filled in.
type Unit struct {
	Type            string        // simple (default), exec, notify
	NotifyAccess    string        // none (default; main for Type=notify), main, exec, all
	Restart         string        // no (default), always, on-success, on-failure, on-abnormal, on-abort, on-watchdog
	RestartSec      time.Duration // default 100ms
	WatchdogSec     time.Duration // 0: off
	TimeoutStartSec time.Duration // default 90s; 0: none
	TimeoutStopSec  time.Duration // default 90s
	TimeoutAbortSec time.Duration // default TimeoutStopSec
	KillMode        string        // control-group (default), mixed, process, none
	Environment     []string      // KEY=VALUE, in order
	ExecStart       string

	SuccessExitStatus        ExitSet
	RestartPreventExitStatus ExitSet
}

// ExitSet is a list of exit codes and signals (SuccessExitStatus= and the like).
type ExitSet struct {
	Codes   map[int]bool
	Signals map[syscall.Signal]bool
}

// HasCode reports whether code is in the set.
func (e ExitSet) HasCode(code int) bool { return e.Codes[code] }

// HasSignal reports whether sig is in the set.
func (e ExitSet) HasSignal(sig syscall.Signal) bool { return e.Signals[sig] }

// LoadUnit reads the [Service] section of a unit file.
func LoadUnit(path string) (Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return Unit{}, fmt.Errorf("load unit: %w", err)
	}
	defer f.Close()
	u, err := ParseUnit(f)
	if err != nil {
		return Unit{}, fmt.Errorf("load unit %s: %w", path, err)
	}
	return u, nil
}

// ParseUnit parses the [Service] section of a unit file; other sections
// and settings the Supervisor does not model are skipped.
func ParseUnit(r io.Reader) (Unit, error) {
	u := Unit{Type: "simple", Restart: "no", RestartSec: 100 * time.Millisecond,
		TimeoutStartSec: 90 * time.Second, TimeoutStopSec: 90 * time.Second, KillMode: "control-group"}
	abort, access := false, false
	lines, err := unitLines(r)
	if err != nil {
		return Unit{}, err
	}
	section := ""
	for _, l := range lines {
		if strings.HasPrefix(l.text, "[") {
			section = strings.Trim(l.text, "[]")
			continue
		}
		if section != "Service" {
			continue
		}
		key, val, ok := strings.Cut(l.text, "=")
		if !ok {
			return Unit{}, fmt.Errorf("line %d: %q is not key=value", l.n, l.text)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if err := u.set(key, val, &abort, &access); err != nil {
			return Unit{}, fmt.Errorf("line %d: %s=: %w", l.n, key, err)
		}
	}
	if !abort {
		u.TimeoutAbortSec = u.TimeoutStopSec
	}
	if !access {
		u.NotifyAccess = "none"
		if u.Type == "notify" {
			u.NotifyAccess = "main"
		}
	}
	return u, nil
}

func (u *Unit) set(key, val string, abort, access *bool) error {
	var err error
	switch key {
	case "Type":
		err = oneOf(val, "simple", "exec", "notify")
		u.Type = val
	case "NotifyAccess":
		err = oneOf(val, "none", "main", "exec", "all")
		u.NotifyAccess, *access = val, true
	case "Restart":
		err = oneOf(val, "no", "always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog")
		u.Restart = val
	case "KillMode":
		err = oneOf(val, "control-group", "mixed", "process", "none")
		u.KillMode = val
	case "RestartSec":
		u.RestartSec, err = ParseTimespan(val)
	case "WatchdogSec":
		u.WatchdogSec, err = ParseTimespan(val)
	case "TimeoutStartSec":
		u.TimeoutStartSec, err = ParseTimespan(val)
	case "TimeoutStopSec":
		u.TimeoutStopSec, err = ParseTimespan(val)
	case "TimeoutAbortSec":
		u.TimeoutAbortSec, err = ParseTimespan(val)
		*abort = true
	case "TimeoutSec":
		var d time.Duration
		d, err = ParseTimespan(val)
		u.TimeoutStartSec, u.TimeoutStopSec = d, d
	case "ExecStart":
		u.ExecStart = val
	case "Environment":
		u.Environment = append(u.Environment, strings.Fields(val)...)
	case "SuccessExitStatus":
		err = u.SuccessExitStatus.add(val)
	case "RestartPreventExitStatus":
		err = u.RestartPreventExitStatus.add(val)
	}
	return err
}

func oneOf(v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(allowed, ", "))
}

// add takes a space-separated list of exit codes and signal names; an
// empty value resets the set, as in systemd.
func (e *ExitSet) add(val string) error {
	if val == "" {
		*e = ExitSet{}
		return nil
	}
	for _, f := range strings.Fields(val) {
		if n, err := strconv.Atoi(f); err == nil {
			if n < 0 || n > 255 {
				return fmt.Errorf("exit status %d out of range", n)
			}
			if e.Codes == nil {
				e.Codes = map[int]bool{}
			}
			e.Codes[n] = true
			continue
		}
		sig, ok := signalByName(f)
		if !ok {
			return fmt.Errorf("%q is neither an exit status nor a signal", f)
		}
		if e.Signals == nil {
			e.Signals = map[syscall.Signal]bool{}
		}
		e.Signals[sig] = true
	}
	return nil
}

func signalByName(name string) (syscall.Signal, bool) {
	name = strings.ToUpper(name)
	if !strings.HasPrefix(name, "SIG") {
		name = "SIG" + name
	}
	s := unix.SignalNum(name)
	return s, s != 0
}

type unitLine struct {
	n    int
	text string
}

// unitLines joins continued lines (trailing backslash) and drops comments
// and blank lines.
func unitLines(r io.Reader) ([]unitLine, error) {
	var out []unitLine
	sc := bufio.NewScanner(r)
	n, cont := 0, ""
	start := 0
	for sc.Scan() {
		n++
		t := strings.TrimSpace(sc.Text())
		if cont == "" && (t == "" || t[0] == '#' || t[0] == ';') {
			continue
		}
		if cont == "" {
			start = n
		}
		if strings.HasSuffix(t, `\`) {
			cont += strings.TrimSuffix(t, `\`) + " "
			continue
		}
		out = append(out, unitLine{start, cont + t})
		cont = ""
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read unit: %w", err)
	}
	if cont != "" {
		out = append(out, unitLine{start, strings.TrimSpace(cont)})
	}
	return out, nil
}
