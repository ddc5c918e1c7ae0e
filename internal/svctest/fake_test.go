//go:build linux

package svctest

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sdnotify"
)

// fakeEnv makes the test binary a fake service (fakeService) instead of
// running the tests.
const fakeEnv = "SVCTEST_FAKE"

func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeEnv); mode != "" {
		os.Exit(fakeService(mode))
	}
	os.Exit(m.Run())
}

// fakeService behaves as mode says, talking to the supervisor through
// kiosk/sdnotify as the kiosk does; WatchdogInterval's check of
// WATCHDOG_PID tells whether the supervisor set it to this process.
func fakeService(mode string) int {
	if mode == "child" {
		return fakeChild()
	}
	iv, ok := sdnotify.WatchdogInterval()
	if !ok {
		fmt.Fprintf(os.Stderr, "fake: watchdog not meant for pid %d (WATCHDOG_PID=%q WATCHDOG_USEC=%q)\n",
			os.Getpid(), os.Getenv("WATCHDOG_PID"), os.Getenv("WATCHDOG_USEC"))
		return 3
	}
	send := func(s string) {
		if _, err := sdnotify.Notify(s); err != nil {
			fmt.Fprintln(os.Stderr, "fake:", err)
		}
	}
	switch mode {
	case "exit1", "exit75":
		send("READY=1")
		for range 2 {
			time.Sleep(iv / 2)
			send("WATCHDOG=1")
		}
		if mode == "exit75" {
			return 75
		}
		return 1
	case "forever":
		send("READY=1")
		for {
			time.Sleep(iv / 2)
			send("WATCHDOG=1")
		}
	case "hang", "hang-ignore-abrt":
		if mode == "hang-ignore-abrt" {
			signal.Ignore(syscall.SIGABRT)
		}
		send("READY=1")
		send("WATCHDOG=1")
		hang()
	case "child-pings", "child-ready":
		if mode == "child-pings" {
			send("READY=1")
		}
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), fakeEnv+"=child", "FAKE_CHILD_READY="+strconv.FormatBool(mode == "child-ready"))
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "fake:", err)
			return 4
		}
		hang()
	}
	fmt.Fprintf(os.Stderr, "fake: unknown mode %q\n", mode)
	return 5
}

// fakeChild is a process of the service that is not its main process: it
// sends READY=1 (when asked) and WATCHDOG=1, which NotifyAccess=main refuses.
func fakeChild() int {
	usec, _ := strconv.Atoi(os.Getenv("WATCHDOG_USEC"))
	iv := time.Duration(usec) * time.Microsecond
	if os.Getenv("FAKE_CHILD_READY") == "true" {
		_, _ = sdnotify.Notify("READY=1")
	}
	for {
		_, _ = sdnotify.Notify("WATCHDOG=1")
		time.Sleep(iv / 2)
	}
}

// hang blocks for ever. Not select {}: with no other goroutine and no cgo
// (CGO_ENABLED=0), Go's runtime sees that as a deadlock and ends the
// process with "all goroutines are asleep", which is not a hang.
func hang() {
	for {
		time.Sleep(time.Hour)
	}
}
