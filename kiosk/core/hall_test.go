package core

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
)

// A lone kiosk with [centre] listen serves the centre's API and pages from
// its own store: its tickets reach the hall's event stream, and a counter
// signed in there calls them.
func TestLoneKioskServesTheHall(t *testing.T) {
	k, _ := startKiosk(t, func(c *config.Config) { c.Centre.Listen = "127.0.0.1:0" })
	k.mu.Lock()
	addr := k.hallAddr
	k.mu.Unlock()
	if addr == "" {
		t.Fatalf("hall not started; problems %+v", k.problems)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := "http://" + addr
	if h, err := centre.NewClient(url, "").Health(ctx); err != nil || !h.OK {
		t.Fatalf("health = %+v, %v", h, err)
	}
	dt, _, err := device.Enroll(ctx, k.db, device.Display, "tv", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ct, _, err := device.Enroll(ctx, k.db, device.Counter, "quay-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := officer.New(k.db, nil, 4).Add(ctx, "Lan", "975310"); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 16)
	up := make(chan struct{})
	go centre.NewClient(url, dt).Follow(ctx, centre.Live, func(e events.Stored) {
		var tk queue.Ticket
		var c queue.Call
		switch e.Name {
		case queue.EventTicket:
			json.Unmarshal(e.Data, &tk)
			got <- "issued " + tk.Code
		case queue.EventCall:
			json.Unmarshal(e.Data, &c)
			got <- "called " + c.Ticket.Code + " at " + c.Counter
		}
	}, func(s centre.LinkState) {
		if s.Up {
			select {
			case <-up:
			default:
				close(up)
			}
		}
	})
	<-up
	tk, err := k.IssueTicket("HT", "")
	if err != nil {
		t.Fatal(err)
	}
	counter := centre.NewClient(url, ct)
	if _, err := counter.SignIn(ctx, "1", "Lan", "975310"); err != nil {
		t.Fatal(err)
	}
	call, err := counter.CallNext(ctx, "1")
	if err != nil || call.Ticket.Code != tk.Code {
		t.Fatalf("call = %+v, %v; want %s", call, err, tk.Code)
	}
	for _, want := range []string{"issued " + tk.Code, "called " + tk.Code + " at 1"} {
		for {
			select {
			case g := <-got:
				if g != want && g[:6] == want[:6] {
					t.Fatalf("event %q, want %q", g, want)
				}
				if g != want {
					continue
				}
			case <-ctx.Done():
				t.Fatalf("no %q on the hall's stream", want)
			}
			break
		}
	}
}

func TestHallListenRefusedWithACentre(t *testing.T) {
	c := config.Default()
	c.Centre.Listen = "0.0.0.0:8788"
	c.Centre.URL, c.Centre.Token = "https://centre.local", "x"
	if err := c.Validate(); err == nil {
		t.Fatal("centre.listen with centre.url accepted")
	}
	c.Centre.URL, c.Centre.Token, c.Centre.Listen = "", "", "8788"
	if err := c.Validate(); err == nil {
		t.Fatal("centre.listen without a port accepted")
	}
}
