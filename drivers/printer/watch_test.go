package printer

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/serialport"
)

// fakeClock is the watch loop's clock: every wait the loop asks for is
// handed to the test, which fires it when it is ready, so the test never
// guesses how long a backoff takes.
type fakeClock struct{ waits chan fakeWait }

type fakeWait struct {
	d    time.Duration
	fire chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{waits: make(chan fakeWait, 64)} }

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	w := fakeWait{d: d, fire: make(chan time.Time, 1)}
	c.waits <- w
	return w.fire
}

func TestWatchSeesUnplugAndReplugWithoutAJob(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.BytesPerSecond = fast
	sim, link := startSim(t, prof.Dots)
	const readTimeout = 100 * time.Millisecond
	p := New(serialport.OpenerFor(link, 115200, readTimeout), Options{Profile: prof, Baud: 115200})
	defer p.Close()

	// One check takes at most CheckBound, each read of it may overrun its
	// wait by one read timeout (a resync and three answers: four reads).
	bound := p.CheckBound() + 4*readTimeout
	clock := newFakeClock()
	states := make(chan State, 64)
	backoff := serialport.Backoff{Min: 500 * time.Millisecond, Max: 30 * time.Second}
	const poll = 5 * time.Second
	done, err := p.Watch(WatchOptions{Backoff: backoff, Poll: poll, After: clock.After, OnChange: func(s State) { states <- s }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Watch(WatchOptions{}); !errors.Is(err, ErrWatching) {
		t.Fatalf("second watch: %v", err)
	}
	state := func(what string) State {
		t.Helper()
		select {
		case s := <-states:
			return s
		case <-time.After(bound):
			t.Fatalf("%s: no state within %v", what, bound)
		}
		return State{}
	}
	// next is the wait the loop asks for after a check: that the check is
	// over and how long the loop means to wait.
	next := func(what string, want time.Duration) fakeWait {
		t.Helper()
		select {
		case w := <-clock.waits:
			if w.d != want {
				t.Fatalf("%s: loop waits %v, want %v", what, w.d, want)
			}
			return w
		case <-time.After(bound):
			t.Fatalf("%s: the loop asked for no wait within %v", what, bound)
		}
		return fakeWait{}
	}
	noState := func(what string) {
		t.Helper()
		select {
		case s := <-states:
			t.Fatalf("%s: unexpected change %+v", what, s)
		default:
		}
	}

	if s := state("start"); !s.Connected() || !s.Status.Online {
		t.Fatalf("first state %+v", s)
	}
	w := next("connected", poll)

	sim.Unplug() // the cable comes out between jobs
	w.fire <- time.Time{}
	if s := state("unplugged"); s.Connected() || !errors.Is(s.Err, doc.ErrUnplugged) {
		t.Fatalf("after unplug %+v", s)
	}
	// Backoff while it stays away: Min, doubling, capped at Max; a
	// repeated failure is no change.
	w = next("first failure", backoff.Min)
	seenNotFound := false
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second} {
		w.fire <- time.Time{}
		w = next("away", want)
		select {
		case s := <-states: // "disconnected" becomes "not found" once
			if seenNotFound || s.Connected() || !errors.Is(s.Err, serialport.ErrNotFound) {
				t.Fatalf("away %d: %+v", i, s)
			}
			seenNotFound = true
		default:
		}
	}
	if !seenNotFound {
		t.Fatal("the reopen attempts never reported the port missing")
	}

	if err := sim.Plug(link); err != nil { // same path, a new pty behind it
		t.Fatal(err)
	}
	w.fire <- time.Time{}
	if s := state("replugged"); !s.Connected() || !s.Status.Online {
		t.Fatalf("after replug %+v", s)
	}
	w = next("back: the backoff is reset", poll)
	sim.Settle()
	if n := len(sim.Jobs()); n != 0 || sim.Received() != 0 {
		t.Fatalf("the printer was found again through %d jobs, %d job bytes: want status requests only", n, sim.Received())
	}

	// A second unplug starts the backoff from Min again.
	sim.Unplug()
	w.fire <- time.Time{}
	if s := state("unplugged again"); s.Connected() {
		t.Fatalf("%+v", s)
	}
	w = next("reset backoff", backoff.Min)
	sim.Plug(link)
	w.fire <- time.Time{}
	if s := state("back again"); !s.Connected() {
		t.Fatalf("%+v", s)
	}
	next("polling", poll)
	noState("steady")

	// Close ends the loop, even while it waits, and nothing is reported after.
	p.Close()
	select {
	case <-done:
	case <-time.After(bound):
		t.Fatalf("the watch goroutine is still running %v after Close", bound)
	}
	noState("after close")
	if _, err := p.Watch(WatchOptions{}); !errors.Is(err, ErrWatching) {
		t.Fatalf("watch after close: %v", err)
	}
}

// Close during a check (the port being opened and asked) waits for the
// check to end: no goroutine and no callback outlive it.
func TestWatchCloseDuringCheck(t *testing.T) {
	prof := config.Default().PrinterProfiles["58mm"]
	prof.BytesPerSecond = fast
	_, link := startSim(t, prof.Dots)
	const readTimeout = 100 * time.Millisecond
	p := New(serialport.OpenerFor(link, 115200, readTimeout), Options{Profile: prof, Baud: 115200})
	bound := p.CheckBound() + 4*readTimeout
	called := make(chan struct{}, 8)
	done, err := p.Watch(WatchOptions{After: newFakeClock().After, OnChange: func(State) { called <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	select {
	case <-done:
	case <-time.After(bound):
		t.Fatalf("watch still running %v after Close", bound)
	}
	n := len(called)
	if n > 1 {
		t.Fatalf("%d callbacks", n)
	}
	if len(called) != n {
		t.Fatal("a callback after Close")
	}
}
