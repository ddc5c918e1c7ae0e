//go:build linux

package svctest

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// run is how one main process ended.
type run struct {
	pid     int
	code    int // -1: killed by sig
	sig     syscall.Signal
	result  string
	stopped bool // by Stop
}

// runOnce starts the main process and supervises it until it exits.
func (s *Supervisor) runOnce(ctx context.Context, msgs <-chan message) (run, error) {
	u := s.Unit
	cmd := s.command()
	if err := cmd.Start(); err != nil {
		return run{}, fmt.Errorf("svctest: start %s: %w", s.Command[0], err)
	}
	pid := cmd.Process.Pid
	s.log.add(Event{Kind: Started, PID: pid, Detail: strings.Join(s.Command, " ")})
	exited := make(chan *exec.Cmd, 1)
	go func() { _ = cmd.Wait(); exited <- cmd }()

	var startT, killT <-chan time.Time
	wd := time.NewTimer(time.Hour)
	wd.Stop()
	defer wd.Stop()
	ready := u.Type != "notify"
	killedBy := ""
	r := run{pid: pid}
	// The watchdog runs once start-up is complete, and stops when the
	// process is being stopped or killed.
	armWatchdog := func() {
		if ready && u.WatchdogSec > 0 && killedBy == "" && !r.stopped {
			wd.Reset(u.WatchdogSec)
		}
	}
	if !ready && u.TimeoutStartSec > 0 {
		startT = time.After(u.TimeoutStartSec)
	}
	armWatchdog()
	done := ctx.Done()
	watchdogFired := func(why string) {
		if killedBy != "" || r.stopped {
			return
		}
		killedBy = ResultWatchdog
		wd.Stop()
		s.log.add(Event{Kind: WatchdogTimeout, PID: pid, Detail: why})
		s.signal(pid, syscall.SIGABRT, false)
		killT = time.After(u.TimeoutAbortSec)
	}
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				msgs = nil
				continue
			}
			if !s.accepts(m.pid, pid) {
				s.log.add(Event{Kind: Ignored, PID: m.pid, Detail: fmt.Sprintf("NotifyAccess=%s, main pid %d: %q", u.NotifyAccess, pid, m.text)})
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(m.text), "\n") {
				switch line {
				case "READY=1":
					if ready {
						s.log.add(Event{Kind: Status, PID: pid, Detail: line})
						continue
					}
					ready, startT = true, nil
					s.log.add(Event{Kind: Ready, PID: pid})
					armWatchdog()
				case "WATCHDOG=1":
					s.log.add(Event{Kind: Keepalive, PID: pid})
					armWatchdog()
				case "WATCHDOG=trigger":
					watchdogFired("WATCHDOG=trigger")
				default:
					s.log.add(Event{Kind: Status, PID: pid, Detail: line})
				}
			}
		case <-startT:
			startT, killedBy = nil, ResultTimeout
			wd.Stop()
			s.log.add(Event{Kind: StartTimeout, PID: pid, Detail: "no READY=1 within TimeoutStartSec=" + u.TimeoutStartSec.String()})
			s.signal(pid, syscall.SIGTERM, false)
			killT = time.After(u.TimeoutStopSec)
		case <-wd.C:
			watchdogFired("no WATCHDOG=1 within WatchdogSec=" + u.WatchdogSec.String())
		case <-killT:
			killT = nil
			s.signal(pid, syscall.SIGKILL, true)
		case <-done:
			done, r.stopped = nil, true
			startT = nil
			wd.Stop()
			s.signal(pid, syscall.SIGTERM, false)
			killT = time.After(u.TimeoutStopSec)
		case c := <-exited:
			ws, _ := c.ProcessState.Sys().(syscall.WaitStatus)
			r.code, r.sig = ws.ExitStatus(), 0
			if ws.Signaled() {
				r.code, r.sig = -1, ws.Signal()
			}
			r.result = u.result(r.code, r.sig, killedBy)
			detail := ""
			if ws.CoreDump() {
				detail = "core dumped"
			}
			s.log.add(Event{Kind: Exited, PID: pid, Code: r.code, Signal: r.sig, Result: r.result, Detail: detail})
			s.reapGroup(pid)
			return r, nil
		}
	}
}

// accepts applies NotifyAccess= to a message from pid.
func (s *Supervisor) accepts(from, mainPID int) bool {
	switch s.Unit.NotifyAccess {
	case "all":
		return true
	case "main", "exec":
		return from == mainPID
	}
	return false
}

// signal sends sig as KillMode= says: control-group to the whole process
// group, process (and mixed, but for the final SIGKILL) to the main process
// only; SIGCONT follows so that a stopped process gets it (systemd.kill(5)).
func (s *Supervisor) signal(pid int, sig syscall.Signal, final bool) {
	target := pid
	switch s.Unit.KillMode {
	case "none":
		if sig != syscall.SIGABRT {
			return
		}
	case "control-group":
		target = -pid
	case "mixed":
		if final {
			target = -pid
		}
	}
	err := syscall.Kill(target, sig)
	ev := Event{Kind: Signaled, PID: target, Signal: sig}
	if err != nil {
		ev.Detail = err.Error()
	}
	s.log.add(ev)
	if sig != syscall.SIGKILL {
		_ = syscall.Kill(target, syscall.SIGCONT)
	}
}

// reapGroup ends what is left of the process group once the main process
// is gone, as systemd stops the rest of a unit's cgroup: SIGTERM and
// SIGCONT, then SIGKILL for whatever still runs after TimeoutStopSec.
func (s *Supervisor) reapGroup(pgid int) {
	if s.Unit.KillMode == "process" || s.Unit.KillMode == "none" || len(groupMembers(pgid)) == 0 {
		return
	}
	s.signal(pgid, syscall.SIGTERM, false)
	deadline := time.Now().Add(s.Unit.TimeoutStopSec)
	for time.Now().Before(deadline) {
		if len(groupMembers(pgid)) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	err := syscall.Kill(-pgid, syscall.SIGKILL)
	if err != nil && !errors.Is(err, syscall.ESRCH) {
		s.logf("svctest: kill group %d: %v", pgid, err)
	}
	s.log.add(Event{Kind: Signaled, PID: -pgid, Signal: syscall.SIGKILL, Detail: "left over after the main process"})
}
