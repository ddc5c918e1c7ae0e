// Package sdnotify tells systemd how a service is doing (sd_notify(3)) in pure
// Go: READY=1 once started, WATCHDOG=1 keep-alives within WatchdogSec, so a
// unit with Type=notify and WatchdogSec= restarts a kiosk that hangs as well
// as one that exits.
//
// Outside systemd ($NOTIFY_SOCKET unset) every call does nothing and returns
// nil, so callers need not check where they run.
package sdnotify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

// Notify sends one state message ("READY=1", "WATCHDOG=1", "STATUS=…",
// several separated by newlines) to $NOTIFY_SOCKET. sent is false, with a
// nil error, when there is no socket to send to.
func Notify(state string) (sent bool, err error) {
	return notify(os.Getenv("NOTIFY_SOCKET"), state)
}

// Ready tells systemd that start-up is complete.
func Ready() error {
	_, err := Notify("READY=1")
	return err
}

// Watchdog sends one keep-alive.
func Watchdog() error {
	_, err := Notify("WATCHDOG=1")
	return err
}

// Stopping tells systemd that the service is shutting down.
func Stopping() error {
	_, err := Notify("STOPPING=1")
	return err
}

// Status sets the one-line status `systemctl status` shows.
func Status(s string) error {
	_, err := Notify("STATUS=" + s)
	return err
}

// WatchdogInterval is the unit's WatchdogSec as systemd passed it
// ($WATCHDOG_USEC), if the watchdog is on and meant for this process
// ($WATCHDOG_PID, when set, is our pid). Keep-alives should go out at half
// of it or more often.
func WatchdogInterval() (time.Duration, bool) {
	return watchdogInterval(os.Getenv("WATCHDOG_USEC"), os.Getenv("WATCHDOG_PID"), os.Getpid())
}

func watchdogInterval(usec, pid string, self int) (time.Duration, bool) {
	if usec == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(usec, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	if pid != "" {
		p, err := strconv.Atoi(pid)
		if err != nil || p != self {
			return 0, false
		}
	}
	return time.Duration(n) * time.Microsecond, true
}

// Keepalive sends WATCHDOG=1 at half the watchdog interval until ctx ends,
// but only while healthy reports true (nil: always): a loop that stops
// answering stops the keep-alives, and systemd restarts the service. It
// returns at once, with nil, when the watchdog is off.
func Keepalive(ctx context.Context, healthy func() bool) error {
	iv, ok := WatchdogInterval()
	if !ok {
		return nil
	}
	t := time.NewTicker(iv / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if healthy == nil || healthy() {
				if err := Watchdog(); err != nil {
					return err
				}
			}
		}
	}
}

func notify(socket, state string) (bool, error) {
	if socket == "" {
		return false, nil
	}
	// A leading '@' names a Linux abstract socket; the net package maps it.
	if socket[0] != '/' && socket[0] != '@' {
		return false, fmt.Errorf("sdnotify: NOTIFY_SOCKET %q: not a path or an abstract socket", socket)
	}
	if state == "" {
		return false, errors.New("sdnotify: empty state")
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		return false, fmt.Errorf("sdnotify: %w", err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		return false, fmt.Errorf("sdnotify: send %q: %w", state, err)
	}
	return true, nil
}
