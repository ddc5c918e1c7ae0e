package centre

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/fleet"
)

// fakeClock is a settable server clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
}

// Only kiosks beat; only a counter with the staff PIN reads the fleet.
func TestFleetAuth(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "KIOSK-01")
	counter := c.enroll(device.Counter, "QUAY-1")
	display := c.enroll(device.Display, "TV-1")
	beat := fleet.Beat{Printer: fleet.PrinterOK, Reader: fleet.ReaderOK}

	wantCode(t, "beat without a token", NewClient(c.url, "").Heartbeat(ctx, beat), CodeBadToken)
	wantCode(t, "beat with a bad token", NewClient(c.url, "nope").Heartbeat(ctx, beat), CodeBadToken)
	wantCode(t, "counter beats", counter.Heartbeat(ctx, beat), CodeForbidden)
	wantCode(t, "display beats", display.Heartbeat(ctx, beat), CodeForbidden)
	if err := kiosk.Heartbeat(ctx, beat); err != nil {
		t.Fatalf("kiosk beat: %v", err)
	}

	_, err := NewClient(c.url, "").WithPIN(testPIN).Fleet(ctx)
	wantCode(t, "fleet without a token", err, CodeBadToken)
	_, err = kiosk.WithPIN(testPIN).Fleet(ctx)
	wantCode(t, "kiosk reads the fleet", err, CodeForbidden)
	_, err = display.WithPIN(testPIN).Fleet(ctx)
	wantCode(t, "display reads the fleet", err, CodeForbidden)
	_, err = counter.Fleet(ctx)
	wantCode(t, "counter without a PIN", err, CodeBadPIN)
	_, err = counter.WithPIN("000000").Fleet(ctx)
	wantCode(t, "counter with a wrong PIN", err, CodeBadPIN)
	ks, err := counter.WithPIN(testPIN).Fleet(ctx)
	if err != nil || len(ks) != 1 || ks[0].Kiosk != "KIOSK-01" || ks[0].State != fleet.Green {
		t.Fatalf("fleet: %+v %v", ks, err)
	}

	// A bad body is refused; a centre without a fleet store answers 404.
	req, _ := http.NewRequest(http.MethodPost, c.url+PathHeartbeat, strings.NewReader(`{"printer":`))
	req.Header.Set("Authorization", "Bearer "+kiosk.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("empty body: %v %v", resp, err)
	}
	resp.Body.Close()
	off := newCentreOpt(t, func(o *Options) { o.Fleet = nil })
	wantCode(t, "no fleet store", off.enroll(device.Kiosk, "K").Heartbeat(ctx, beat), CodeNotFound)
}

// The fleet lists every enrolled kiosk: the centre sets the name and time,
// judges each card, and shows a kiosk offline after 3 missed beats.
func TestFleetStatus(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)}
	c := newCentreOpt(t, func(o *Options) { o.Now = clock.now })
	ctx := context.Background()
	k1 := c.enroll(device.Kiosk, "KIOSK-01")
	k2 := c.enroll(device.Kiosk, "KIOSK-02")
	c.enroll(device.Kiosk, "KIOSK-03") // never beats
	gone := c.enroll(device.Kiosk, "KIOSK-OLD")
	staffC := c.enroll(device.Counter, "QUAY-1").WithPIN(testPIN)

	if err := gone.Heartbeat(ctx, fleet.Beat{Printer: fleet.PrinterOK, Reader: fleet.ReaderOK}); err != nil {
		t.Fatal(err)
	}
	if err := c.db.RevokeDevice(ctx, "KIOSK-OLD", clock.now()); err != nil {
		t.Fatal(err)
	}
	b1 := fleet.Beat{Kiosk: "someone-else", IntervalSeconds: 30, Version: "v1.4.0", UptimeSeconds: 99, Printer: fleet.PrinterOK,
		Reader: fleet.ReaderOK, FreeDiskBytes: 20 << 30, CatalogVersion: "2026.12"}
	beatAt := clock.now()
	if err := k1.Heartbeat(ctx, b1); err != nil {
		t.Fatal(err)
	}
	if err := k2.Heartbeat(ctx, fleet.Beat{IntervalSeconds: 30, Printer: fleet.PrinterNearEnd, Reader: fleet.ReaderOK}); err != nil {
		t.Fatal(err)
	}
	states := func() map[string]fleet.State {
		t.Helper()
		ks, err := staffC.Fleet(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]fleet.State{}
		for _, k := range ks {
			m[k.Kiosk] = k.State
			if k.Kiosk == "KIOSK-01" {
				want := b1
				want.Kiosk, want.At = "KIOSK-01", k.Beat.At
				if !reflect.DeepEqual(*k.Beat, want) || !k.Beat.At.Equal(beatAt) {
					t.Fatalf("KIOSK-01's beat %+v, want %+v at %s", *k.Beat, want, beatAt)
				}
			}
		}
		return m
	}
	want := map[string]fleet.State{"KIOSK-01": fleet.Green, "KIOSK-02": fleet.Amber, "KIOSK-03": fleet.Offline}
	if got := states(); !reflect.DeepEqual(got, want) {
		t.Fatalf("states %v, want %v", got, want)
	}
	clock.add(90 * time.Second) // two beats missed, the third not yet
	if got := states(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after 90 s: states %v, want %v", got, want)
	}
	clock.add(time.Second) // three missed
	want = map[string]fleet.State{"KIOSK-01": fleet.Offline, "KIOSK-02": fleet.Offline, "KIOSK-03": fleet.Offline}
	if got := states(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after 91 s: states %v, want %v", got, want)
	}
	beatAt = clock.now()
	if err := k1.Heartbeat(ctx, b1); err != nil { // back
		t.Fatal(err)
	}
	if got := states()["KIOSK-01"]; got != fleet.Green {
		t.Fatalf("KIOSK-01 after a new beat: %s", got)
	}
}

// A paper alert is emitted once per change, not on every beat, and the
// cleared kind when the paper is back to ok.
func TestFleetAlertOncePerChange(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	k := c.enroll(device.Kiosk, "KIOSK-01")
	from := c.lastID()
	for _, p := range []string{fleet.PrinterOK, fleet.PrinterNearEnd, fleet.PrinterNearEnd, fleet.PrinterNearEnd,
		fleet.PrinterOut, fleet.PrinterOut, fleet.PrinterOK, fleet.PrinterOK, fleet.PrinterNearEnd} {
		if err := k.Heartbeat(ctx, fleet.Beat{Printer: p, Reader: fleet.ReaderOK}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := c.log.EventsAfter(ctx, from, 100)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		if e.Name != fleet.EventAlert {
			continue
		}
		var a fleet.Alert
		if err := json.Unmarshal(e.Data, &a); err != nil || a.Kiosk != "KIOSK-01" || a.VI == "" || a.EN == "" {
			t.Fatalf("alert %s: %+v %v", e.Data, a, err)
		}
		kinds = append(kinds, a.Kind)
	}
	want := []string{fleet.AlertPaperNearEnd, fleet.AlertPaperOut, fleet.AlertCleared, fleet.AlertPaperNearEnd}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("alerts %v, want %v", kinds, want)
	}
}

// Counters following the event stream see the alert.
func TestFleetAlertReachesCounters(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	k := c.enroll(device.Kiosk, "KIOSK-01")
	col := follow(t, c.enroll(device.Counter, "QUAY-1"), c.lastID())
	if err := k.Heartbeat(ctx, fleet.Beat{Printer: fleet.PrinterOut, Reader: fleet.ReaderOK}); err != nil {
		t.Fatal(err)
	}
	for {
		e := col.next(t)
		if e.Name == fleet.EventAlert {
			break
		}
	}
}

// GET /api/v1/fleet/alerts lists the alerts in force for a counter page
// opened after the event: a counter token, no staff PIN; a kiosk back to
// ok, offline or retired has none.
func TestFleetAlertsInForce(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)}
	c := newCentreOpt(t, func(o *Options) { o.Now = clock.now })
	ctx := context.Background()
	k1 := c.enroll(device.Kiosk, "KIOSK-01")
	k2 := c.enroll(device.Kiosk, "KIOSK-02")
	k3 := c.enroll(device.Kiosk, "KIOSK-03")
	old := c.enroll(device.Kiosk, "KIOSK-OLD")
	counter := c.enroll(device.Counter, "QUAY-1")
	display := c.enroll(device.Display, "TV-1")
	beat := func(k *Client, p string) {
		t.Helper()
		if err := k.Heartbeat(ctx, fleet.Beat{IntervalSeconds: 30, Printer: p, Reader: fleet.ReaderOK}); err != nil {
			t.Fatalf("beat %s: %v", p, err)
		}
	}
	kinds := func() map[string]string {
		t.Helper()
		as, err := counter.FleetAlerts(ctx)
		if err != nil {
			t.Fatalf("alerts: %v", err)
		}
		m := map[string]string{}
		for i, a := range as {
			if a.VI == "" || a.EN == "" || !strings.Contains(a.EN, a.Kiosk) {
				t.Fatalf("alert without its text: %+v", a)
			}
			if i > 0 && as[i-1].Kiosk >= a.Kiosk {
				t.Fatalf("alerts not by kiosk name: %+v", as)
			}
			m[a.Kiosk] = a.Kind
		}
		return m
	}

	if got := kinds(); len(got) != 0 {
		t.Fatalf("no beat yet: %v", got)
	}
	beat(k1, fleet.PrinterNearEnd)
	beat(k2, fleet.PrinterOut)
	beat(k3, fleet.PrinterOK)
	beat(old, fleet.PrinterOut)
	if err := c.db.RevokeDevice(ctx, "KIOSK-OLD", clock.now()); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"KIOSK-01": fleet.AlertPaperNearEnd, "KIOSK-02": fleet.AlertPaperOut}
	if got := kinds(); !reflect.DeepEqual(got, want) {
		t.Fatalf("alerts %v, want %v", got, want)
	}

	beat(k1, fleet.PrinterOut) // worse
	beat(k2, fleet.PrinterOK)  // paper replaced
	beat(k3, fleet.PrinterCoverOpen)
	want = map[string]string{"KIOSK-01": fleet.AlertPaperOut}
	if got := kinds(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a change: alerts %v, want %v", got, want)
	}

	clock.add(91 * time.Second) // KIOSK-01 offline: the fleet page says so, not the banner
	if got := kinds(); len(got) != 0 {
		t.Fatalf("offline kiosk: alerts %v", got)
	}
	beat(k1, fleet.PrinterOut)
	if got := kinds(); got["KIOSK-01"] != fleet.AlertPaperOut {
		t.Fatalf("back online: alerts %v", got)
	}

	_, err := NewClient(c.url, "").FleetAlerts(ctx)
	wantCode(t, "alerts without a token", err, CodeBadToken)
	_, err = k1.FleetAlerts(ctx)
	wantCode(t, "kiosk reads the alerts", err, CodeForbidden)
	_, err = display.FleetAlerts(ctx)
	wantCode(t, "display reads the alerts", err, CodeForbidden)
	off := newCentreOpt(t, func(o *Options) { o.Fleet = nil })
	_, err = off.enroll(device.Counter, "QUAY-1").FleetAlerts(ctx)
	wantCode(t, "no fleet store", err, CodeNotFound)
}
