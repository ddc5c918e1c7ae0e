//go:build linux

package uiapi

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The screen's Alive ping tells systemd the kiosk is up (READY=1, once),
// through the bound API and without any mode.
func TestAliveNotifiesSystemd(t *testing.T) {
	dir, err := os.MkdirTemp("", "ui") // sun_path is short: not t.TempDir()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	name := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("NOTIFY_SOCKET", name)
	t.Setenv("WATCHDOG_USEC", "")
	a := start(t)
	a.StaffLeave()
	a.Alive()
	a.Alive()
	buf := make([]byte, 64)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := conn.Read(buf)
	if err != nil || string(buf[:n]) != "READY=1" {
		t.Fatalf("got %q %v, want READY=1", buf[:n], err)
	}
	conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if n, err := conn.Read(buf); err == nil {
		t.Fatalf("second ping sent %q", buf[:n])
	}
}
