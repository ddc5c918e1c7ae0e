package printer

import (
	"context"
	"errors"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/serialport"
)

// State is what the watch loop saw at one check: the printer's status, or
// why it could not be asked (Err wraps doc.ErrUnplugged when the port is
// gone or cannot be opened).
type State struct {
	Status doc.Status
	Err    error
}

// Connected reports a printer that answered.
func (s State) Connected() bool { return s.Err == nil && s.Status.Connected }

func (s State) same(o State) bool {
	if s.Status != o.Status || (s.Err == nil) != (o.Err == nil) {
		return false
	}
	return s.Err == nil || s.Err.Error() == o.Err.Error()
}

// DefaultWatchBackoff is the wait between reopen attempts while the
// printer is away: half a second after the first failure, doubling to
// half a minute (a USB adapter replugged by hand comes back within a
// second; one left out does not cost a busy loop).
var DefaultWatchBackoff = serialport.Backoff{Min: 500 * time.Millisecond, Max: 30 * time.Second}

// DefaultWatchPoll is how often a connected printer is asked its status.
const DefaultWatchPoll = 5 * time.Second

// WatchOptions configure Watch; zero values take the defaults.
type WatchOptions struct {
	// Backoff spaces the checks while the printer is away or failing
	// (each check reopens the port); reset by the first good check.
	Backoff serialport.Backoff
	// Poll spaces the checks of a connected printer: how soon an unplug,
	// paper end or cover open is noticed with no job.
	Poll time.Duration
	// After is the clock (tests: a fake one they fire by hand).
	After func(time.Duration) <-chan time.Time
	// OnChange gets the first state and then every change. It runs on the
	// watch goroutine, never under the printer's lock, and never after
	// Close returned.
	OnChange func(State)
}

// ErrWatching is a second Watch, or a Watch after Close.
var ErrWatching = errors.New("printer: already watched or closed")

// Watch starts a goroutine that checks the printer now, then every Poll
// while it answers and after a backoff (Backoff, doubling, reset on
// success) while it does not: each of those checks reopens a lost port, so
// a printer plugged back in is found without a job being the first to try,
// and OnChange reports "offline" → "ok" by itself. Close stops the loop and
// waits for it; the returned channel is closed when it has ended.
func (p *Printer) Watch(o WatchOptions) (<-chan struct{}, error) {
	if o.Backoff.Min <= 0 {
		o.Backoff = DefaultWatchBackoff
	}
	if o.Backoff.Max < o.Backoff.Min {
		o.Backoff.Max = o.Backoff.Min
	}
	if o.Poll <= 0 {
		o.Poll = DefaultWatchPoll
	}
	if o.After == nil {
		o.After = time.After
	}
	if o.OnChange == nil {
		o.OnChange = func(State) {}
	}
	p.wmu.Lock()
	defer p.wmu.Unlock()
	if p.closed || p.stopWatch != nil {
		return nil, ErrWatching
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	p.stopWatch, p.watchDone = cancel, done
	go p.watch(ctx, o, done)
	return done, nil
}

func (p *Printer) watch(ctx context.Context, o WatchOptions, done chan struct{}) {
	defer close(done)
	var last State
	first := true
	fails := 0
	for {
		s, err := p.Status(ctx)
		if ctx.Err() != nil {
			return
		}
		st := State{Status: s, Err: err}
		if first || !st.same(last) {
			first, last = false, st
			o.OnChange(st)
		}
		wait := o.Poll
		if err != nil {
			fails++
			wait = o.Backoff.Delay(fails)
		} else {
			fails = 0
		}
		select {
		case <-ctx.Done():
			return
		case <-o.After(wait):
		}
	}
}

// stopWatching ends the watch loop for good and waits for it.
func (p *Printer) stopWatching() {
	p.wmu.Lock()
	stop, done := p.stopWatch, p.watchDone
	p.closed = true
	p.wmu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

// CheckBound is the longest one status check can take (the loop's and
// Status's): a resync after a reopen (a status request, a strip of padding
// paced onto the wire, and the wait for the printer to print it) and three status answers.
// Reads may overrun each wait by one read timeout of the port.
func (p *Printer) CheckBound() time.Duration {
	pad := (p.o.Profile.Dots+7)/8*Strip + 8
	paced := time.Duration(float64(pad) / float64(p.BytesPerSecond()) * float64(time.Second))
	resync := p.o.StatusTimeout + paced + AfterJobTimeout(pad, p.lineBaud(), p.o.StatusTimeout, p.o.JobMargin)
	return resync + 3*p.o.StatusTimeout
}
