package sdnotify

import (
	"context"
	"sync"
	"time"
)

// DefaultStale is how old the UI's last ping may be while keep-alives still
// go out: three of the UI's 5-second pings.
const DefaultStale = 15 * time.Second

// UI is the watchdog of a UI loop. The screen calls Ping every few seconds
// from its own timer; the first ping sends READY=1 (the window is up and its
// script runs), and Run sends WATCHDOG=1 on each tick only while the last
// ping is younger than Stale. A hung web view stops pinging, the keep-alives
// stop, and systemd restarts the kiosk WatchdogSec later.
//
// Outside systemd every send is a no-op, so a UI is safe to use anywhere.
type UI struct {
	Now   func() time.Time // nil: time.Now
	Stale time.Duration    // 0: DefaultStale
	// Notify sends a state (nil: Notify, to $NOTIFY_SOCKET).
	Notify func(state string) (bool, error)

	mu    sync.Mutex
	last  time.Time
	ready bool
	err   error // the last failed send, for Err
}

func (u *UI) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

func (u *UI) send(state string) bool {
	n := u.Notify
	if n == nil {
		n = Notify
	}
	sent, err := n(state)
	if err != nil {
		u.mu.Lock()
		u.err = err
		u.mu.Unlock()
	}
	return sent
}

// Ping records that the UI loop ran; the first one sends READY=1.
func (u *UI) Ping() {
	u.mu.Lock()
	u.last = u.now()
	first := !u.ready
	u.ready = true
	u.mu.Unlock()
	if first {
		u.send("READY=1")
	}
}

// Alive reports whether the UI pinged within Stale of now.
func (u *UI) Alive() bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	stale := u.Stale
	if stale <= 0 {
		stale = DefaultStale
	}
	return u.ready && u.now().Sub(u.last) <= stale
}

// Err is the last failed send (nil when every send went through).
func (u *UI) Err() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.err
}

// Tick sends one WATCHDOG=1 if the UI is alive; it reports whether it did.
func (u *UI) Tick() bool {
	if !u.Alive() {
		return false
	}
	return u.send("WATCHDOG=1")
}

// Run calls Tick on every tick until ctx ends or ticks closes.
func (u *UI) Run(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ticks:
			if !ok {
				return
			}
			u.Tick()
		}
	}
}

// Start runs the keep-alives at half the unit's WatchdogSec until ctx ends;
// it returns at once when the watchdog is off (READY=1 still goes out on
// the first Ping).
func (u *UI) Start(ctx context.Context) {
	iv, ok := WatchdogInterval()
	if !ok {
		return
	}
	t := time.NewTicker(iv / 2)
	defer t.Stop()
	u.Run(ctx, t.C)
}
