package centre

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/voice"
)

func hallCounter(t *testing.T, h Hall, counter string) HallCounter {
	t.Helper()
	for _, c := range h.Counters {
		if c.Counter == counter {
			return c
		}
	}
	t.Fatalf("counter %s missing from %+v", counter, h.Counters)
	return HallCounter{}
}

func TestHall(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	display := c.enroll(device.Display, "d1")

	// Yesterday's events are not today's hall.
	old, _ := json.Marshal(queue.Call{Ticket: queue.Ticket{Code: "A-0099", Service: "HT"}, Counter: "2"})
	if _, err := c.log.AppendEvent(ctx, queue.EventCall, old, time.Now().Add(-30*time.Hour)); err != nil {
		t.Fatal(err)
	}

	h, err := display.Hall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, hc := range h.Counters {
		order = append(order, hc.Counter)
		if hc.Ticket != "" || hc.Paused {
			t.Errorf("empty hall: counter %+v", hc)
		}
	}
	if fmt.Sprint(order) != "[1 2 3 4 5 6 7]" || len(h.Recent) != 0 || len(h.Services) != 6 || h.Services[0].Code != "HT" || h.Services[0].Name != "Hộ tịch" || h.Services[0].EstWait != -1 {
		t.Fatalf("empty hall: counters %v, recent %v, services %+v", order, h.Recent, h.Services)
	}

	for _, sv := range []string{"HT", "HT", "HT", "CT", "CT"} {
		if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: sv}); err != nil {
			t.Fatal(err)
		}
	}
	var calls []queue.Call
	for _, ct := range []string{"1", "3", "2"} {
		call, err := c.officerAt(ct).CallNext(ctx, ct)
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, call)
	}
	h, err = display.Hall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if hc := hallCounter(t, h, "1"); hc.Ticket != "A-0001" || hc.Service != "HT" || hc.Status != queue.StatusCalled {
		t.Errorf("counter 1: %+v", hc)
	}
	if hc := hallCounter(t, h, "3"); hc.Ticket != "B-0001" || hc.Service != "CT" {
		t.Errorf("counter 3: %+v", hc)
	}
	if hc := hallCounter(t, h, "2"); hc.Ticket != "A-0002" {
		t.Errorf("counter 2: %+v (yesterday's A-0099 must not count)", hc)
	}
	if len(h.Recent) != 3 || h.Recent[0].Ticket.Code != "A-0002" || h.Recent[2].Ticket.Code != "A-0001" || h.Recent[0].At == "" {
		t.Errorf("recent: %+v; want the 3 calls newest first", h.Recent)
	}
	if h.Services[0].Waiting != 1 || h.Services[1].Waiting != 1 {
		t.Errorf("waiting: %+v", h.Services)
	}
	evs, _ := c.log.EventsAfter(ctx, c.lastID()-1, 1)
	var logged queue.Call
	if len(evs) != 1 || evs[0].Name != queue.EventCall || json.Unmarshal(evs[0].Data, &logged) != nil || logged.At == "" {
		t.Errorf("the logged call %+v has no time", evs)
	}
	if h.LastEventID != c.lastID() {
		t.Errorf("lastEventId %d, log at %d", h.LastEventID, c.lastID())
	}

	// Started at counter 1, finished at counter 3, counter 2 paused, a move
	// about a ticket counter 2 no longer shows changes nothing.
	a1 := calls[0].Ticket
	a1.Status = queue.StatusServing
	c.srv.emit.Emit(queue.EventMove, queue.Call{Ticket: a1, Counter: "1"})
	b1 := calls[1].Ticket
	b1.Status = queue.StatusDone
	c.srv.emit.Emit(queue.EventDone, queue.Call{Ticket: b1, Counter: "3"})
	c.srv.emit.Emit(officer.EventCounter, officer.CounterState{Counter: "2", Paused: true, Reason: "nghỉ trưa"})
	c.srv.emit.Emit(queue.EventMove, queue.Call{Ticket: queue.Ticket{Code: "A-0099", Status: queue.StatusParked}, Counter: "2"})
	// A recall is a call again.
	c.srv.emit.Emit(queue.EventCall, queue.Call{Ticket: calls[2].Ticket, Counter: "2", Recall: true})
	h, err = display.Hall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if hc := hallCounter(t, h, "1"); hc.Ticket != "A-0001" || hc.Status != queue.StatusServing {
		t.Errorf("counter 1 after start: %+v", hc)
	}
	if hc := hallCounter(t, h, "3"); hc.Ticket != "" || hc.Status != "" {
		t.Errorf("counter 3 after done: %+v", hc)
	}
	if hc := hallCounter(t, h, "2"); hc.Ticket != "A-0002" || !hc.Paused || hc.Reason != "nghỉ trưa" {
		t.Errorf("counter 2 paused: %+v", hc)
	}
	if len(h.Recent) != 4 || !h.Recent[0].Recall || h.Recent[0].Ticket.Code != "A-0002" {
		t.Errorf("recent after a recall: %+v", h.Recent)
	}
	c.srv.emit.Emit(officer.EventCounter, officer.CounterState{Counter: "2", Paused: false, Reason: "x"})
	a1.Status = queue.StatusParked
	c.srv.emit.Emit(queue.EventMove, queue.Call{Ticket: a1, Counter: "1"})
	h, _ = display.Hall(ctx)
	if hc := hallCounter(t, h, "2"); hc.Paused || hc.Reason != "" {
		t.Errorf("counter 2 reopened: %+v", hc)
	}
	if hc := hallCounter(t, h, "1"); hc.Ticket != "" {
		t.Errorf("counter 1 after park: %+v", hc)
	}

	// Recent holds the last HallRecent calls.
	for i := 0; i < 15; i++ {
		c.srv.emit.Emit(queue.EventCall, queue.Call{Ticket: queue.Ticket{Code: fmt.Sprintf("F-%04d", i), Service: "TP"}, Counter: "7"})
	}
	h, _ = display.Hall(ctx)
	if len(h.Recent) != HallRecent || h.Recent[0].Ticket.Code != "F-0014" || hallCounter(t, h, "7").Ticket != "F-0014" {
		t.Errorf("recent after 15 calls: %d, first %+v", len(h.Recent), h.Recent[0])
	}
}

// TestHallWindow: the hall reads back only the last HallWindow events.
func TestHallWindow(t *testing.T) {
	defer func(w int) { HallWindow = w }(HallWindow)
	HallWindow = 5
	c := newCentre(t)
	c.srv.emit.Emit(queue.EventCall, queue.Call{Ticket: queue.Ticket{Code: "C-0001", Service: "DD"}, Counter: "4"})
	for i := 0; i < 5; i++ {
		c.srv.emit.Emit("other", map[string]int{"i": i})
	}
	h, err := c.srv.hall(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if hallCounter(t, h, "4").Ticket != "" || len(h.Recent) != 0 {
		t.Errorf("a call before the window shows: %+v", h)
	}
	c.srv.emit.Emit(queue.EventCall, queue.Call{Ticket: queue.Ticket{Code: "C-0002", Service: "DD"}, Counter: "4"})
	h, _ = c.srv.hall(context.Background())
	if hallCounter(t, h, "4").Ticket != "C-0002" {
		t.Errorf("a call in the window: %+v", h.Counters)
	}
}

func TestVoiceCall(t *testing.T) {
	c := newCentre(t)
	display := c.token(device.Display, "d1")
	counter := c.token(device.Counter, "c1")
	kiosk := c.token(device.Kiosk, "k1")
	fetch := func(tok, query string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, c.url+PathVoiceCall+query, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, b := fetch(display, "?ticket=B-0012&counter=3")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "audio/wav" {
		t.Fatalf("call.wav: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	a, err := voice.ParseWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := a.Duration(); d < 3*time.Second || d > 8*time.Second {
		t.Errorf("call lasts %v, want 3-8 s", d)
	}
	pack, _ := voice.Default()
	want, _ := pack.Call("B-0012", "3", voice.Options{})
	if !bytes.Equal(b, want) {
		t.Errorf("the route's WAV differs from the pack's call")
	}
	if resp, b2 := fetch(counter, "?ticket=B-0012&counter=3"); resp.StatusCode != 200 || !bytes.Equal(b, b2) {
		t.Errorf("again from a counter (cached): %d", resp.StatusCode)
	}
	for _, q := range []string{"", "?ticket=B-0012", "?counter=3", "?ticket=B-00x2&counter=3", "?ticket=B-0012&counter=Qu%E1%BA%A7y+3",
		"?ticket=B-0012&counter=" + string(bytes.Repeat([]byte("1"), 30))} {
		resp, b := fetch(display, q)
		var e Error
		if resp.StatusCode != 400 || json.Unmarshal(b, &e) != nil || e.Code != CodeBadRequest || e.Message == "" {
			t.Errorf("call.wav%s: %d %s; want 400 bad_request", q, resp.StatusCode, b)
		}
	}
	if resp, _ := fetch(kiosk, "?ticket=B-0012&counter=3"); resp.StatusCode != 403 {
		t.Errorf("a kiosk asked for a call: %d, want 403", resp.StatusCode)
	}
}

func TestCallCacheBounded(t *testing.T) {
	defer func(n int) { CallCacheSize = n }(CallCacheSize)
	CallCacheSize = 3
	cc := newCallCache(nil, voice.Options{})
	for i := 1; i <= 5; i++ {
		if _, err := cc.get(fmt.Sprintf("A-%d", i), "1"); err != nil {
			t.Fatal(err)
		}
	}
	if len(cc.wavs) != 3 || len(cc.order) != 3 || cc.order[0] != "A-3\x001" {
		t.Errorf("cache holds %d (%q); want the newest 3", len(cc.wavs), cc.order)
	}
}

// [voice] ticket_as_number reads the digits as a number: "B-0012" is then
// "bê mười hai", shorter than "bê không không một hai".
func TestCallTicketAsNumber(t *testing.T) {
	digits, err := newCallCache(nil, voice.Options{}).get("B-0012", "3")
	if err != nil {
		t.Fatal(err)
	}
	number, err := newCallCache(nil, voice.Options{TicketAsNumber: true}).get("B-0012", "3")
	if err != nil {
		t.Fatal(err)
	}
	if len(number) >= len(digits) {
		t.Fatalf("as a number %d bytes, digit by digit %d: want the number shorter", len(number), len(digits))
	}
}

// countingLog counts the reads of the event log's pages.
// builds is how many times the hall was projected from the event log.
func (c *testCentre) builds() int {
	c.srv.projected.mu.Lock()
	defer c.srv.projected.mu.Unlock()
	return c.srv.projected.builds
}

// Displays ask for the hall after every event: with no new event the
// projection is reused, and a new event is projected at once.
func TestHallProjectionReused(t *testing.T) {
	// Counted at the projection, not at the log: the event broker reads the
	// log too, on its own poll and after each event, whenever it likes.
	c := newCentre(t)
	ctx := context.Background()
	display := c.enroll(device.Display, "tv")
	if _, err := c.enroll(device.Kiosk, "k1").IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
		t.Fatal(err)
	}
	if _, err := display.Hall(ctx); err != nil {
		t.Fatal(err)
	}
	builds := c.builds()
	for i := 0; i < 3; i++ {
		if _, err := display.Hall(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.builds(); got != builds {
		t.Fatalf("the hall was projected %d more times for an unchanged log", got-builds)
	}
	call, err := c.officerAt("1").CallNext(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	h, err := display.Hall(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.builds(); got != builds+1 {
		t.Fatalf("after a call the hall was projected %d times, want once", got-builds)
	}
	if hc := hallCounter(t, h, "1"); hc.Ticket != call.Ticket.Code || len(h.Recent) != 1 {
		t.Fatalf("after a call: counter 1 %+v, recent %+v", hc, h.Recent)
	}
}
