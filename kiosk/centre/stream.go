package centre

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
)

// SSE wire format of GET /api/v1/events, one event per block:
//
//	id: 42
//	event: queue:call
//	data: {"ticket":…,"counter":"3"}
//
// A client reconnects with "Last-Event-ID: 42" (or ?after=42) and gets every
// event after 42 from the store's event log first, then the live ones; IDs
// are store-wide, so it may reconnect to any centre instance. A client that
// gives no ID starts live; the server's hello block ("id: N" alone) sets its
// resume point, so a drop before the first event loses nothing either. The
// server sends a ": ping" comment every PingEvery so both ends notice a dead
// link.

// Live, as the event ID to follow after, asks for live events only (a new
// display or kiosk reads the state, not the history). Any ID ≥ 0 resumes
// after it, 0 being the start of the log.
const Live int64 = -1

// PingEvery is how often the server writes a keep-alive comment.
var PingEvery = 15 * time.Second

// Stream opens the event stream after the event ID after (or Live) and calls fn for
// each event in order until ctx ends or the connection breaks. It returns
// the ID of the last event handed to fn (after, when none) and why it
// stopped; ErrUnreachable wraps link failures. The stream has no overall
// timeout; a silent link is detected after 3 missed pings.
func (c *Client) Stream(ctx context.Context, after int64, fn func(events.Stored)) (int64, error) {
	if after < 0 {
		return c.stream(ctx, 0, false, nil, fn)
	}
	return c.stream(ctx, after, true, nil, fn)
}

// stream is Stream with opened called once the centre accepted the stream.
func (c *Client) stream(ctx context.Context, after int64, resume bool, opened func(), fn func(events.Stored)) (int64, error) {
	last := after
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := c.newRequest(ctx, http.MethodGet, PathEvents, nil)
	if err != nil {
		return last, err
	}
	req.Header.Set("Accept", "text/event-stream")
	if resume { // otherwise a new client: live events only
		req.Header.Set(HeaderLastEventID, strconv.FormatInt(after, 10))
	}
	hc := *c.httpClient()
	hc.Timeout = 0 // a stream lives long; the ping watchdog below ends a dead one
	resp, err := hc.Do(req)
	if err != nil {
		return last, fmt.Errorf("%w: event stream: %v", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var raw [4096]byte
		n, _ := resp.Body.Read(raw[:])
		return last, decodeError(resp.StatusCode, raw[:n], http.MethodGet, PathEvents)
	}
	if opened != nil {
		opened()
	}
	alive := make(chan struct{}, 1)
	go func() { // watchdog: no byte for 3 pings → the link is dead
		t := time.NewTimer(3 * PingEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-alive:
				t.Reset(3 * PingEvery)
			case <-t.C:
				cancel()
				return
			}
		}
	}()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var ev events.Stored
	var data strings.Builder
	for sc.Scan() {
		select {
		case alive <- struct{}{}:
		default:
		}
		line := sc.Text()
		switch {
		case line == "":
			if ev.Name != "" || data.Len() > 0 {
				ev.Data = json.RawMessage(data.String())
				fn(ev)
			}
			if ev.ID > last { // an id-only block (the hello) moves the resume point too
				last = ev.ID
			}
			ev, data = events.Stored{}, strings.Builder{}
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "id:"):
			ev.ID, _ = strconv.ParseInt(strings.TrimSpace(line[3:]), 10, 64)
		case strings.HasPrefix(line, "event:"):
			ev.Name = strings.TrimSpace(line[6:])
		case strings.HasPrefix(line, "data:"):
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.WriteString(strings.TrimPrefix(line[5:], " "))
		}
	}
	err = sc.Err()
	if ctx.Err() != nil && err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = fmt.Errorf("stream closed by the centre")
	}
	return last, fmt.Errorf("%w: event stream: %v", ErrUnreachable, err)
}

// LinkState is reported by Follow whenever the link changes.
type LinkState struct {
	Up    bool
	Err   error // why it is down
	Since time.Time
}

// Follow keeps an event stream open for the life of ctx, reconnecting with
// a capped backoff and resuming after the last event seen, so no event is
// lost across a drop. link is called on every change of state (may be nil).
func (c *Client) Follow(ctx context.Context, after int64, fn func(events.Stored), link func(LinkState)) {
	backoff := 250 * time.Millisecond
	known, up := false, false
	report := func(s LinkState) { // every change, and the first state whatever it is
		if link != nil && (!known || s.Up != up) {
			link(s)
		}
		known, up = true, s.Up
	}
	resume := after >= 0
	after = max(after, 0)
	for ctx.Err() == nil {
		started := time.Now()
		last, err := c.stream(ctx, after, resume, func() {
			resume = true // from now on the hello (or an event) has set our place in the log
			report(LinkState{Up: true, Since: time.Now()})
		}, fn)
		after = last
		if ctx.Err() != nil {
			return
		}
		if time.Since(started) > 5*time.Second {
			backoff = 250 * time.Millisecond
		}
		report(LinkState{Up: false, Err: err, Since: time.Now()})
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}
