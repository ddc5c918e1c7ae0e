package centre

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/queue"
)

func TestStreamLiveCall(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	counter := c.officerAt("3")
	display := follow(t, c.enroll(device.Display, "d1"), c.lastID())
	if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "CT"}); err != nil {
		t.Fatal(err)
	}
	if _, err := counter.CallNext(ctx, "3"); err != nil {
		t.Fatal(err)
	}
	for {
		e := display.next(t)
		if e.Name != queue.EventCall {
			continue
		}
		var call queue.Call
		if err := json.Unmarshal(e.Data, &call); err != nil || call.Ticket.Code != "B-0001" || call.Counter != "3" {
			t.Fatalf("call event %s: %+v, %v", e.Data, call, err)
		}
		return
	}
}

// A client that reconnects with the last ID it saw gets exactly the events
// it missed, in order, then the live ones: no gap, no duplicate.
func TestStreamResume(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	disp := c.enroll(device.Display, "d1")
	issue := func(n int) {
		for i := 0; i < n; i++ {
			if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := c.lastID()
	first := follow(t, disp, start)
	issue(3)
	var seen int64 = start
	for i := 0; i < 3; i++ {
		e := first.next(t)
		if e.ID != seen+1 {
			t.Fatalf("first stream: event %d after %d", e.ID, seen)
		}
		seen = e.ID
	}
	first.stop()
	issue(4) // missed while away
	second := follow(t, disp, seen)
	issue(3) // live after the reconnect
	for i := 0; i < 7; i++ {
		e := second.next(t)
		if e.ID != seen+1 || e.Name != queue.EventTicket {
			t.Fatalf("resumed stream: event %d %s after %d; want %d", e.ID, e.Name, seen, seen+1)
		}
		seen = e.ID
	}
	if last := c.lastID(); seen != last {
		t.Fatalf("resumed stream ended at %d; log at %d", seen, last)
	}
	select {
	case e := <-second.ch:
		t.Fatalf("extra event %d", e.ID)
	default:
	}
}

// A client that stops reading does not hold back the others.
func TestStreamStuckClient(t *testing.T) {
	n0 := SubBuffer
	t.Cleanup(func() { SubBuffer = n0 }) // after the centre's own cleanup
	SubBuffer = 8                        // set before the centre starts
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	disp := c.enroll(device.Display, "d1")
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.url+PathEvents, nil)
	req.Header.Set("Authorization", "Bearer "+disp.Token)
	stuck, err := http.DefaultClient.Do(req) // never read
	if err != nil || stuck.StatusCode != http.StatusOK {
		t.Fatalf("stuck client: %v %v", stuck, err)
	}
	defer stuck.Body.Close()
	start := c.lastID()
	// The reading client follows like a display does: should it fall
	// behind and be dropped too, it reconnects and resumes.
	got := make(chan events.Stored, 1024)
	fctx, stop := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() { defer close(followed); disp.Follow(fctx, start, func(e events.Stored) { got <- e }, nil) }()
	defer func() { stop(); <-followed }()
	n := 4 * SubBuffer
	for i := 0; i < n; i++ {
		if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT", Key: fmt.Sprint("k", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		select {
		case e := <-got:
			if e.ID != start+int64(i)+1 {
				t.Fatalf("reading client: event %d; want %d", e.ID, start+int64(i)+1)
			}
		case <-time.After(guard):
			t.Fatalf("reading client got %d of %d events", i, n)
		}
	}
}

func TestStreamBadToken(t *testing.T) {
	c := newCentre(t)
	_, err := NewClient(c.url, "mcd_unknown-token-unknown-token").Stream(context.Background(), 0, func(events.Stored) {})
	if e, ok := err.(*Error); !ok || e.Code != CodeBadToken {
		t.Fatalf("stream with a bad token: %v; want bad_token", err)
	}
}

// A new client (no ID) starts live: it is not handed the history. Its
// hello sets its place in the log, so after a drop before its first event
// it still resumes without a gap (Follow).
func TestStreamNewClientStartsLive(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	for range 3 { // history the new display must not replay
		if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
			t.Fatal(err)
		}
	}
	disp := c.enroll(device.Display, "d1")
	ctx, cancel := context.WithTimeout(ctx, guard)
	defer cancel()
	got := make(chan events.Stored, 16)
	up := make(chan bool, 16)
	go disp.Follow(ctx, Live, func(e events.Stored) { got <- e }, func(s LinkState) { up <- s.Up })
	if !<-up {
		t.Fatal("first link state is down")
	}
	if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-got:
		var tk queue.Ticket
		if err := json.Unmarshal(e.Data, &tk); err != nil || tk.Code != "A-0004" {
			t.Fatalf("first event %s %s: want the live A-0004, not the history", e.Name, e.Data)
		}
	case <-ctx.Done():
		t.Fatal("no live event")
	}
}
