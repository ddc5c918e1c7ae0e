package serialport

import (
	"errors"
	"sync"
	"time"
)

// Backoff is the wait between reopen attempts: Min after the first
// failure, doubling up to Max.
type Backoff struct {
	Min, Max time.Duration
}

// DefaultBackoff suits a USB-serial adapter being replugged by hand.
var DefaultBackoff = Backoff{Min: 200 * time.Millisecond, Max: 5 * time.Second}

// Delay is the wait after fails consecutive failed attempts (fails ≥ 1).
func (b Backoff) Delay(fails int) time.Duration {
	d := b.Min
	for i := 1; i < fails && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// Reconnecting is a Port that survives its device going away: after a
// read or write fails with ErrDisconnected (or the first open fails) it
// drops the port and reopens it on a later call, waiting Backoff between
// attempts. Calls made while the device is away fail with ErrDisconnected
// (wrapped) at once, except Read, which first waits up to the read timeout
// for the next attempt so a read loop never spins. Close is final.
type Reconnecting struct {
	open    Opener
	backoff Backoff
	wait    time.Duration // longest a Read waits for the next attempt
	notify  func(connected bool, err error)

	mu      sync.Mutex
	cur     Port
	closed  bool
	fails   int
	next    time.Time // no attempt before this
	lastErr error
	done    chan struct{}
}

// ReconnectOptions tune a Reconnecting port; zero values take defaults.
type ReconnectOptions struct {
	Backoff  Backoff
	ReadWait time.Duration                   // default 100 ms
	Notify   func(connected bool, err error) // called on every change, outside locks
}

// NewReconnecting wraps open. It does not open anything until first use.
func NewReconnecting(open Opener, o ReconnectOptions) *Reconnecting {
	if o.Backoff.Min <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.ReadWait <= 0 {
		o.ReadWait = 100 * time.Millisecond
	}
	return &Reconnecting{open: open, backoff: o.Backoff, wait: o.ReadWait, notify: o.Notify, done: make(chan struct{})}
}

// Reconnect is NewReconnecting(OpenerFor(name, baud, readTimeout), {ReadWait: readTimeout}).
func Reconnect(name string, baud int, readTimeout time.Duration) *Reconnecting {
	return NewReconnecting(OpenerFor(name, baud, readTimeout), ReconnectOptions{ReadWait: readTimeout})
}

// Connected reports whether a port is open right now (it may still turn
// out to be gone at the next call).
func (r *Reconnecting) Connected() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cur != nil
}

// Err is the last open or I/O failure (nil once connected again).
func (r *Reconnecting) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// get returns the open port, opening it if the backoff allows.
func (r *Reconnecting) get(now time.Time) (Port, time.Duration, error) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil, 0, ErrClosed
	}
	if r.cur != nil {
		p := r.cur
		r.mu.Unlock()
		return p, 0, nil
	}
	if now.Before(r.next) {
		wait, err := r.next.Sub(now), r.lastErr
		r.mu.Unlock()
		return nil, wait, err
	}
	r.mu.Unlock()
	p, err := r.open() // outside the lock: opening can be slow
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		if p != nil {
			p.Close()
		}
		return nil, 0, ErrClosed
	}
	if err != nil {
		r.fails++
		r.next = time.Now().Add(r.backoff.Delay(r.fails))
		changed := r.lastErr == nil
		r.lastErr = err
		r.mu.Unlock()
		if changed && r.notify != nil {
			r.notify(false, err)
		}
		return nil, r.backoff.Delay(r.fails), err
	}
	r.cur, r.fails, r.lastErr = p, 0, nil
	r.mu.Unlock()
	if r.notify != nil {
		r.notify(true, nil)
	}
	return p, 0, nil
}

// drop forgets p after it failed with err.
func (r *Reconnecting) drop(p Port, err error) {
	r.mu.Lock()
	if r.cur != p {
		r.mu.Unlock()
		return
	}
	r.cur = nil
	r.fails = 1
	r.next = time.Now().Add(r.backoff.Min)
	r.lastErr = err
	r.mu.Unlock()
	p.Close()
	if r.notify != nil {
		r.notify(false, err)
	}
}

func away(op string, err error) error {
	if errors.Is(err, ErrClosed) || errors.Is(err, ErrDisconnected) {
		return err
	}
	return &Error{Op: op, Name: "(reconnecting)", Kind: ErrDisconnected, Err: err}
}

// Read reads from the current port, reopening it when due.
func (r *Reconnecting) Read(b []byte) (int, error) {
	p, wait, err := r.get(time.Now())
	if p == nil && wait > 0 && !errors.Is(err, ErrClosed) {
		t := time.NewTimer(min(wait, r.wait))
		select {
		case <-t.C:
		case <-r.done:
			t.Stop()
		}
		p, _, err = r.get(time.Now())
	}
	if p == nil {
		if err == nil {
			err = ErrDisconnected
		}
		return 0, away("read", err)
	}
	n, err := p.Read(b)
	return n, r.after("read", p, err)
}

// Write writes to the current port, reopening it when due.
func (r *Reconnecting) Write(b []byte) (int, error) {
	p, _, err := r.get(time.Now())
	if p == nil {
		if err == nil {
			err = ErrDisconnected
		}
		return 0, away("write", err)
	}
	n, err := p.Write(b)
	return n, r.after("write", p, err)
}

// after drops p when it failed as disconnected; a port closed under a
// concurrent call by drop is also a disconnection, not the end of r.
func (r *Reconnecting) after(op string, p Port, err error) error {
	if err == nil || errors.Is(err, ErrTimeout) {
		return err
	}
	r.mu.Lock()
	closed := r.closed
	r.mu.Unlock()
	if closed {
		return err
	}
	if errors.Is(err, ErrClosed) {
		err = &Error{Op: op, Name: "(reconnecting)", Kind: ErrDisconnected, Err: err}
	}
	if errors.Is(err, ErrDisconnected) {
		r.drop(p, err)
	}
	return err
}

// Drop closes the current port as if it had been lost (a caller that
// saw a protocol failure, e.g. no answer, wants a fresh open next time).
func (r *Reconnecting) Drop() {
	r.mu.Lock()
	p := r.cur
	r.mu.Unlock()
	if p != nil {
		r.drop(p, ErrDisconnected)
	}
}

// Close closes the port for good.
func (r *Reconnecting) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return ErrClosed
	}
	r.closed = true
	p := r.cur
	r.cur = nil
	close(r.done)
	r.mu.Unlock()
	if p != nil {
		return p.Close()
	}
	return nil
}
