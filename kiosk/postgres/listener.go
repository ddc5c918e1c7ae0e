package postgres

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Reconnect backoff of the event listener, and how often an idle listening
// connection is checked with a ping.
const (
	listenMinDelay = 50 * time.Millisecond
	listenMaxDelay = 5 * time.Second
	listenCheck    = 30 * time.Second
)

// listener is the one LISTEN connection of a *DB, fanning each
// notification out to the subscribed signal channels.
type listener struct {
	cfg    *pgx.ConnConfig
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	subs    map[chan struct{}]struct{}
	stopped bool
}

// signal subscribes a new channel, starting the listener on first use.
func (db *DB) signal(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	db.listenMu.Lock()
	if db.closed {
		db.listenMu.Unlock()
		close(ch)
		return ch
	}
	if db.listener == nil {
		lctx, cancel := context.WithCancel(context.Background())
		db.listener = &listener{cfg: db.cfg, cancel: cancel, done: make(chan struct{}), subs: map[chan struct{}]struct{}{}}
		go db.listener.run(lctx)
	}
	l := db.listener
	db.listenMu.Unlock()

	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		close(ch)
		return ch
	}
	l.subs[ch] = struct{}{}
	l.mu.Unlock()
	go func() {
		select {
		case <-ctx.Done():
		case <-l.done:
		}
		l.unsubscribe(ch)
	}()
	return ch
}

func (l *listener) unsubscribe(ch chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.subs[ch]; ok {
		delete(l.subs, ch)
		close(ch)
	}
}

// broadcast wakes every subscriber without blocking; signals merge.
func (l *listener) broadcast() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for ch := range l.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// stop ends the listener and closes every subscribed channel.
func (l *listener) stop() {
	l.cancel()
	<-l.done
	l.mu.Lock()
	l.stopped = true
	for ch := range l.subs {
		delete(l.subs, ch)
		close(ch)
	}
	l.mu.Unlock()
}

// run keeps one listening connection until ctx ends, reconnecting with
// exponential backoff when it breaks.
func (l *listener) run(ctx context.Context) {
	defer close(l.done)
	delay := listenMinDelay
	for ctx.Err() == nil {
		connected := l.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if connected {
			delay = listenMinDelay
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		delay = min(delay*2, listenMaxDelay)
	}
}

// session connects, listens, signals once (events may have been missed
// before), then signals each notification until the connection fails. It
// reports whether it got as far as listening.
func (l *listener) session(ctx context.Context) (connected bool) {
	c, err := pgx.ConnectConfig(ctx, l.cfg.Copy())
	if err != nil {
		return false
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, `LISTEN `+notifyChannel); err != nil {
		return false
	}
	l.broadcast()
	for {
		wctx, cancel := context.WithTimeout(ctx, listenCheck)
		_, err := c.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			l.broadcast()
		case ctx.Err() != nil:
			return true
		case errors.Is(err, context.DeadlineExceeded) && !c.IsClosed():
			pctx, cancel := context.WithTimeout(ctx, listenCheck)
			err := c.Ping(pctx)
			cancel()
			if err != nil {
				return true
			}
		default:
			return true
		}
	}
}
