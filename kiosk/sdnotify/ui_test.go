//go:build linux

package sdnotify

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// quiet asserts nothing arrives on the socket for a short while.
func quiet(t *testing.T, c *net.UnixConn, why string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	buf := make([]byte, 64)
	if n, err := c.Read(buf); err == nil {
		t.Fatalf("%s: got %q", why, buf[:n])
	}
}

// READY=1 comes with the UI's first ping; WATCHDOG=1 goes out on each tick
// only while the UI keeps pinging; a hung UI stops the keep-alives and a
// recovered one starts them again (without a second READY=1).
func TestUIWatchdog(t *testing.T) {
	conn := listen(t, socketPath(t))
	clk := &clock{t: time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)}
	u := &UI{Now: clk.now, Stale: 15 * time.Second}
	ticks := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); u.Run(ctx, ticks) }()
	tick := func() { ticks <- clk.now() }

	tick() // start-up: the UI has not pinged yet
	quiet(t, conn, "keep-alive before the UI is up")

	u.Ping()
	if got := recv(t, conn); got != "READY=1" {
		t.Fatalf("first ping sent %q, want READY=1", got)
	}
	u.Ping()
	quiet(t, conn, "second ping")

	for i := 0; i < 3; i++ { // the UI pings every 5 s, ticks every 15 s
		clk.advance(5 * time.Second)
		u.Ping()
		clk.advance(10 * time.Second)
		tick()
		if got := recv(t, conn); got != "WATCHDOG=1" {
			t.Fatalf("tick %d: got %q", i, got)
		}
	}

	// The web view hangs: no more pings.
	clk.advance(1 * time.Second) // 11 s since the last ping: still fresh
	tick()
	if got := recv(t, conn); got != "WATCHDOG=1" {
		t.Fatalf("fresh ping: got %q", got)
	}
	clk.advance(5 * time.Second) // 16 s
	tick()
	quiet(t, conn, "keep-alive for a hung UI")
	clk.advance(15 * time.Second)
	tick()
	quiet(t, conn, "keep-alive for a hung UI")
	if u.Alive() {
		t.Fatal("hung UI reported alive")
	}

	// It comes back (a reload): keep-alives resume, READY=1 is not repeated.
	u.Ping()
	tick()
	if got := recv(t, conn); got != "WATCHDOG=1" {
		t.Fatalf("after recovery: got %q", got)
	}
	cancel()
	<-done
	if err := u.Err(); err != nil {
		t.Fatalf("send error: %v", err)
	}
}

// Outside systemd a UI does nothing and Start returns at once.
func TestUIWithoutSystemd(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	t.Setenv("WATCHDOG_USEC", "")
	u := &UI{}
	u.Ping()
	if !u.Alive() || u.Tick() || u.Err() != nil {
		t.Fatalf("alive %v err %v", u.Alive(), u.Err())
	}
	u.Start(context.Background()) // returns: the watchdog is off
}

// Start ticks at half of WATCHDOG_USEC with the real clock.
func TestUIStart(t *testing.T) {
	conn := listen(t, socketPath(t))
	t.Setenv("WATCHDOG_USEC", "40000")
	t.Setenv("WATCHDOG_PID", "")
	u := &UI{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); u.Start(ctx) }()
	u.Ping()
	if got := recv(t, conn); got != "READY=1" {
		t.Fatalf("got %q", got)
	}
	if got := recv(t, conn); got != "WATCHDOG=1" {
		t.Fatalf("got %q", got)
	}
	cancel()
	<-done
}
