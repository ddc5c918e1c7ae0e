package core

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
)

// fakeClock is a settable Now for the kiosk.
type fakeClock struct {
	mu  sync.Mutex
	cur time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.cur }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.cur = t; c.mu.Unlock() }
func (c *fakeClock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur = c.cur.Add(d)
	return c.cur
}

// quitRecorder counts Quit calls (they arrive on their own goroutine).
type quitRecorder struct {
	mu    sync.Mutex
	codes []int
}

func (q *quitRecorder) quit(code int) { q.mu.Lock(); q.codes = append(q.codes, code); q.mu.Unlock() }
func (q *quitRecorder) count(t *testing.T, want int) {
	t.Helper()
	// Quit runs on its own goroutine: give it a moment to arrive (or to
	// show up when it should not have).
	var codes []int
	for deadline := time.Now().Add(time.Second); ; time.Sleep(5 * time.Millisecond) {
		q.mu.Lock()
		codes = append([]int(nil), q.codes...)
		q.mu.Unlock()
		if (want > 0 && len(codes) >= want) || time.Now().After(deadline) || (want == 0 && time.Now().Add(950*time.Millisecond).After(deadline)) {
			break
		}
	}
	if len(codes) != want {
		t.Fatalf("quit called %d times (%v), want %d", len(codes), codes, want)
	}
	for _, c := range codes {
		if c != ExitRestart {
			t.Fatalf("quit code %d, want %d", c, ExitRestart)
		}
	}
}

var ict = time.FixedZone("ICT", 7*3600)

// newRestartKiosk builds a kiosk (not started: no clock goroutine, the test
// drives tickRestart) with restart_at 03:30, started the evening before.
func newRestartKiosk(t *testing.T, clk *fakeClock, q *quitRecorder) *Kiosk {
	t.Helper()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	cfg.Window.RestartAt = "03:30"
	clk.Set(time.Date(2026, 3, 9, 20, 0, 0, 0, ict))
	return New(Options{Config: cfg, Logger: quiet(), Now: clk.Now, Started: clk.Now(), Quit: q.quit})
}

func TestNightlyRestartFiresOncePerNight(t *testing.T) {
	clk, q := &fakeClock{}, &quitRecorder{}
	k := newRestartKiosk(t, clk, q)
	for now := clk.Now(); now.Before(time.Date(2026, 3, 10, 3, 29, 59, 0, ict)); now = clk.Add(time.Minute) {
		k.tickRestart(now)
	}
	q.count(t, 0)
	k.tickRestart(clk.Add(time.Minute)) // 03:30:59
	q.count(t, 1)
	for range 10 { // the shell is slow to quit: no second request
		k.tickRestart(clk.Add(time.Second))
	}
	q.count(t, 1)

	// The restarted process (started after 03:30) does not restart tonight,
	// but does the next night, once.
	q2 := &quitRecorder{}
	cfg := k.Config()
	k2 := New(Options{Config: cfg, Logger: quiet(), Now: clk.Now, Started: clk.Now(), Quit: q2.quit})
	for now := clk.Now(); now.Before(time.Date(2026, 3, 11, 3, 29, 0, 0, ict)); now = clk.Add(time.Minute) {
		k2.tickRestart(now)
	}
	q2.count(t, 0)
	for range 90 {
		k2.tickRestart(clk.Add(time.Minute))
	}
	q2.count(t, 1)
}

func TestNightlyRestartWaitsForTheCitizen(t *testing.T) {
	clk, q := &fakeClock{}, &quitRecorder{}
	k := newRestartKiosk(t, clk, q)
	clk.Set(time.Date(2026, 3, 10, 3, 25, 0, 0, ict))
	k.Session.Touch(clk.Now())
	k.tickRestart(clk.Add(6 * time.Minute)) // 03:31, citizen busy
	q.count(t, 0)
	k.Session.Touch(clk.Now())
	k.tickRestart(clk.Add(time.Minute))
	q.count(t, 0)
	k.Session.End(clk.Now(), "done") // the citizen leaves: restart at once
	if k.Session.Current(clk.Now()).State != "attract" {
		t.Fatal("session not ended")
	}
	k.tickRestart(clk.Add(time.Second))
	q.count(t, 1)
}

func TestNightlyRestartForcedAfterGrace(t *testing.T) {
	clk, q := &fakeClock{}, &quitRecorder{}
	k := newRestartKiosk(t, clk, q)
	clk.Set(time.Date(2026, 3, 10, 3, 30, 0, 0, ict))
	ended := ""
	k.Session.OnEnd(func(_ int64, reason string) { ended = reason })
	// Someone keeps touching the screen (or staff left it in use).
	for range 29 {
		k.Session.Touch(clk.Now())
		k.tickRestart(clk.Now())
		clk.Add(time.Minute)
	}
	q.count(t, 0) // 03:59: still waiting
	k.Session.Touch(clk.Now())
	k.tickRestart(clk.Add(time.Minute)) // 04:00: 30 min after 03:30
	q.count(t, 1)
	if ended != "restart" || k.Session.Current(clk.Now()).State != "attract" {
		t.Fatalf("session not ended before the restart: reason %q", ended)
	}
}

func TestNightlyRestartNeverDuringAPayment(t *testing.T) {
	clk, q := &fakeClock{}, &quitRecorder{}
	k := newRestartKiosk(t, clk, q)
	clk.Set(time.Date(2026, 3, 10, 3, 20, 0, 0, ict))
	k.Start(context.Background(), nil) // the ledger; the clock goroutine ticks too, on the fake time
	t.Cleanup(k.Stop)
	pv, err := k.CreatePayment("2.000488", "Lệ phí", 200000)
	if err != nil {
		t.Fatal(err)
	}
	expires, _ := time.Parse(time.RFC3339, pv.ExpiresAt)
	// Past the grace period and the QR is still awaiting its transfer.
	clk.Set(time.Date(2026, 3, 10, 3, 30, 0, 0, ict))
	for clk.Now().Before(expires) {
		k.tickRestart(clk.Now())
		clk.Add(30 * time.Second)
	}
	q.count(t, 0)
	if !expires.After(time.Date(2026, 3, 10, 3, 30, 0, 0, ict)) {
		t.Fatalf("payment expiry %v too early for the test", expires)
	}
	// Expired: nothing awaits any more.
	k.tickRestart(clk.Add(time.Second))
	q.count(t, 1)
}

func TestNightlyRestartOffAndMissed(t *testing.T) {
	clk, q := &fakeClock{}, &quitRecorder{}
	k := newRestartKiosk(t, clk, q)
	k.mu.Lock()
	k.cfg.Window.RestartAt = ""
	k.mu.Unlock()
	for range 48 {
		k.tickRestart(clk.Add(time.Hour))
	}
	q.count(t, 0)

	// The PC slept through 03:30 and wakes at 09:00: no restart in the day.
	clk2, q2 := &fakeClock{}, &quitRecorder{}
	k2 := newRestartKiosk(t, clk2, q2)
	clk2.Set(time.Date(2026, 3, 10, 9, 0, 0, 0, ict))
	k2.tickRestart(clk2.Now())
	k2.tickRestart(clk2.Add(time.Hour))
	q2.count(t, 0)
}
