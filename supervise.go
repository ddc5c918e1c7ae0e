package main

import (
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"time"

	"github.com/motcua/kiosk/kiosk/core"
)

// superviseArg makes the process a supervisor that runs the kiosk (the same
// executable, without the flag) and starts it again whenever it exits: the
// nightly restart (exit code core.ExitRestart), a crash, or a closed window.
// It is what the Windows logon task runs on Windows Pro, where nothing else
// restarts a kiosk that exited (Task Scheduler's restart-on-failure only
// covers a task that failed to start). systemd and Shell Launcher restart
// the kiosk themselves and run it without the flag. To stop the kiosk for
// maintenance, end the supervisor first (Task Manager: the motcua-kiosk.exe
// without a window, or schtasks /End), then the kiosk.
const superviseArg = "-supervise"

func supervise(args []string) int {
	self, err := os.Executable()
	if err != nil {
		slog.Error("supervise: own path unknown", "err", err)
		return 1
	}
	backoff := time.Second
	for {
		started := time.Now()
		cmd := exec.Command(self, args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		err := cmd.Run()
		code := -1
		var ee *exec.ExitError
		if err == nil || errors.As(err, &ee) {
			code = cmd.ProcessState.ExitCode()
		}
		switch {
		case code == core.ExitRestart:
			backoff = time.Second // planned: straight back
			slog.Info("supervise: kiosk asked to be restarted")
		case time.Since(started) > 5*time.Minute:
			backoff = time.Second // ran a good while: not a crash loop
			slog.Warn("supervise: kiosk exited; restarting", "code", code, "err", err)
		default:
			backoff = min(backoff*2, time.Minute) // crash loop: slow down
			slog.Warn("supervise: kiosk exited soon after start; restarting", "code", code, "err", err, "in", backoff)
		}
		time.Sleep(backoff)
	}
}
