//go:build linux

package svctest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Supervisor runs one command as the main process of a service with the
// settings of Unit, restarting it as Restart= says, until Stop.
type Supervisor struct {
	Unit    Unit
	Command []string // argv of the main process (the unit's ExecStart is not used)
	Env     []string // added to the environment after the unit's Environment=
	Dir     string   // where the notify socket goes (a test's t.TempDir())
	Stdout  io.Writer
	Stderr  io.Writer
	Logf    func(format string, args ...any) // nil: no log

	log    *eventLog
	sock   *notifySocket
	cancel context.CancelFunc
	done   chan struct{}
}

// Start opens the notify socket and starts the first main process; the
// supervision runs in the background until Stop.
func (s *Supervisor) Start() error {
	if len(s.Command) == 0 || s.Dir == "" {
		return errors.New("svctest: supervisor needs a Command and a Dir")
	}
	sock, err := listenNotify(s.Dir)
	if err != nil {
		return err
	}
	s.sock = sock
	s.log = newEventLog(s.Logf)
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.done = cancel, make(chan struct{})
	msgs := make(chan message, 64)
	go sock.read(msgs, s.done, s.logf)
	go s.run(ctx, msgs)
	return nil
}

// Stop stops the main process as systemctl stop would (KillMode's signals,
// SIGKILL after TimeoutStopSec), without a restart, and waits for it.
func (s *Supervisor) Stop() error {
	if s.cancel == nil {
		return nil
	}
	s.cancel()
	s.cancel = nil
	<-s.done
	if err := s.sock.close(); err != nil {
		return fmt.Errorf("svctest: stop: %w", err)
	}
	return nil
}

// Events is what happened so far, oldest first.
func (s *Supervisor) Events() []Event { return s.log.list() }

// Await waits for the first event at index from or later that match
// accepts and returns it with its index.
func (s *Supervisor) Await(ctx context.Context, from int, match func(Event) bool) (Event, int, error) {
	return s.log.await(ctx, from, match)
}

func (s *Supervisor) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

func (s *Supervisor) run(ctx context.Context, msgs <-chan message) {
	defer close(s.done)
	for {
		r, err := s.runOnce(ctx, msgs)
		switch {
		case err != nil:
			s.log.add(Event{Kind: Done, Detail: err.Error()})
			return
		case r.stopped:
			s.log.add(Event{Kind: Done, PID: r.pid, Detail: "stopped"})
			return
		case !s.Unit.shouldRestart(r.code, r.sig, r.result):
			s.log.add(Event{Kind: Done, PID: r.pid, Detail: "Restart=" + s.Unit.Restart + " does not restart after " + r.result})
			return
		}
		select {
		case <-time.After(s.Unit.RestartSec):
		case <-ctx.Done():
			s.log.add(Event{Kind: Done, PID: r.pid, Detail: "stopped"})
			return
		}
		s.log.add(Event{Kind: Restarting, PID: r.pid, Detail: "after RestartSec=" + s.Unit.RestartSec.String()})
	}
}

func (s *Supervisor) command() *exec.Cmd {
	// WATCHDOG_PID is the main process's pid, known only once it runs: the
	// shell exports its own pid, then execs the command in its place.
	argv := append([]string{"-c", `export WATCHDOG_PID=$$; exec "$0" "$@"`}, s.Command...)
	cmd := exec.Command("/bin/sh", argv...)
	var env []string
	for _, kv := range append(append(os.Environ(), s.Unit.Environment...), s.Env...) {
		if k, _, _ := strings.Cut(kv, "="); k != "NOTIFY_SOCKET" && k != "WATCHDOG_USEC" && k != "WATCHDOG_PID" {
			env = append(env, kv)
		}
	}
	env = append(env, "NOTIFY_SOCKET="+s.sock.path)
	if w := s.Unit.WatchdogSec; w > 0 {
		env = append(env, "WATCHDOG_USEC="+strconv.FormatInt(w.Microseconds(), 10))
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = s.Stdout, s.Stderr
	// The process group stands in for the unit's cgroup (KillMode=).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}
