//go:build linux

package sdnotify

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// listen opens a unixgram socket as systemd would and points $NOTIFY_SOCKET at it.
func listen(t *testing.T, name string) *net.UnixConn {
	t.Helper()
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name, Net: "unixgram"})
	if err != nil {
		t.Fatalf("listen %s: %v", name, err)
	}
	t.Cleanup(func() { c.Close() })
	t.Setenv("NOTIFY_SOCKET", name)
	return c
}

func recv(t *testing.T, c *net.UnixConn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4096)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(buf[:n])
}

func socketPath(t *testing.T) string {
	// sun_path holds 108 bytes: t.TempDir() can be longer.
	dir, err := os.MkdirTemp("", "sdn")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "notify")
}

func TestSend(t *testing.T) {
	cases := []struct {
		name string
		send func() error
		want string
	}{
		{"ready", Ready, "READY=1"},
		{"watchdog", Watchdog, "WATCHDOG=1"},
		{"stopping", Stopping, "STOPPING=1"},
		{"status", func() error { return Status("catalog 2026.12 loaded") }, "STATUS=catalog 2026.12 loaded"},
	}
	sockets := map[string]func(t *testing.T) string{
		"path": socketPath,
		"abstract": func(*testing.T) string {
			return fmt.Sprintf("@motcua-sdnotify-test-%d-%d", os.Getpid(), time.Now().UnixNano())
		},
	}
	for kind, name := range sockets {
		for _, c := range cases {
			t.Run(kind+"/"+c.name, func(t *testing.T) {
				conn := listen(t, name(t))
				if err := c.send(); err != nil {
					t.Fatal(err)
				}
				if got := recv(t, conn); got != c.want {
					t.Fatalf("got %q, want %q", got, c.want)
				}
			})
		}
	}
}

func TestNoSocket(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	if sent, err := Notify("READY=1"); sent || err != nil {
		t.Fatalf("without NOTIFY_SOCKET: sent=%v err=%v", sent, err)
	}
	for _, bad := range []string{"relative/path", filepath.Join(t.TempDir(), "nobody-listens")} {
		t.Setenv("NOTIFY_SOCKET", bad)
		if err := Ready(); err == nil {
			t.Errorf("NOTIFY_SOCKET=%s: no error", bad)
		}
	}
}

func TestWatchdogInterval(t *testing.T) {
	self := os.Getpid()
	cases := []struct {
		usec, pid string
		want      time.Duration
		ok        bool
	}{
		{"", "", 0, false},
		{"30000000", "", 30 * time.Second, true},
		{"30000000", strconv.Itoa(self), 30 * time.Second, true},
		{"30000000", strconv.Itoa(self + 1), 0, false},
		{"30000000", "x", 0, false},
		{"-5", "", 0, false},
		{"abc", "", 0, false},
		{"0", "", 0, false},
	}
	for _, c := range cases {
		got, ok := watchdogInterval(c.usec, c.pid, self)
		if got != c.want || ok != c.ok {
			t.Errorf("usec=%q pid=%q: %v %v, want %v %v", c.usec, c.pid, got, ok, c.want, c.ok)
		}
	}
	t.Setenv("WATCHDOG_USEC", "20000000")
	t.Setenv("WATCHDOG_PID", strconv.Itoa(self))
	if iv, ok := WatchdogInterval(); !ok || iv != 20*time.Second {
		t.Fatalf("from the environment: %v %v", iv, ok)
	}
}

func TestKeepalive(t *testing.T) {
	conn := listen(t, socketPath(t))
	t.Setenv("WATCHDOG_USEC", "40000") // keep-alives every 20ms
	t.Setenv("WATCHDOG_PID", "")
	healthy := make(chan bool, 1)
	healthy <- true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Keepalive(ctx, func() bool {
			select {
			case h := <-healthy:
				return h
			default:
				return false // hung: no more keep-alives
			}
		})
	}()
	if got := recv(t, conn); got != "WATCHDOG=1" {
		t.Fatalf("got %q", got)
	}
	// Unhealthy from now on: nothing arrives.
	conn.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
	if n, err := conn.Read(make([]byte, 64)); err == nil {
		t.Fatalf("keep-alive sent while unhealthy (%d bytes)", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Setenv("WATCHDOG_USEC", "")
	if err := Keepalive(context.Background(), nil); err != nil {
		t.Fatalf("watchdog off: %v", err)
	}
}
