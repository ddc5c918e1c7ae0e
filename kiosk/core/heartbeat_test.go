package core

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/fleet"
)

// waitBeat polls the centre's store until the kiosk's latest beat satisfies ok.
func waitBeat(t *testing.T, c *testCentre, what string, ok func(fleet.Beat) bool) fleet.Beat {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last fleet.Beat
	for time.Now().Before(deadline) {
		bs, err := c.db.Beats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			if b.Kiosk == "KIOSK-01" {
				last = b
				if ok(b) {
					return b
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no beat with %s; last %+v", what, last)
	return last
}

// alerts lists the fleet:alert kinds in the centre's event log.
func alerts(t *testing.T, c *testCentre) []string {
	t.Helper()
	evs, err := c.db.Events().EventsAfter(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		if e.Name == fleet.EventAlert {
			var a fleet.Alert
			if err := json.Unmarshal(e.Data, &a); err != nil || a.Kiosk != "KIOSK-01" {
				t.Fatalf("alert %s: %v", e.Data, err)
			}
			kinds = append(kinds, a.Kind)
		}
	}
	return kinds
}

// A kiosk in centre mode beats every heartbeat_seconds with its versions,
// devices and disk; the simulated printer running low and then out of paper
// reaches the centre's store, and each change raises one alert; a new roll
// raises the cleared one.
func TestHeartbeatToCentre(t *testing.T) {
	c := startTestCentre(t, nil)
	k, rec := startKiosk(t, func(cfg *config.Config) {
		cfg.Centre = config.Centre{URL: c.url(), Token: c.token, HeartbeatSeconds: 1}
	})
	b := waitBeat(t, c, "devices ok", func(b fleet.Beat) bool { return b.Printer == fleet.PrinterOK && b.Reader == fleet.ReaderOK })
	if b.Version != buildinfo.Version || b.IntervalSeconds != 1 || b.CatalogVersion == "" || b.FreeDiskBytes == 0 || b.UptimeSeconds < 0 {
		t.Fatalf("beat %+v", b)
	}
	if s := fleet.Status(b, time.Now(), 0); s != fleet.Green && s != fleet.Amber { // amber on a nearly full disk
		t.Fatalf("status %s of %+v", s, b)
	}
	if err := k.simPrinterSet("near_end"); err != nil {
		t.Fatal(err)
	}
	b = waitBeat(t, c, "paper near end", func(b fleet.Beat) bool { return b.Printer == fleet.PrinterNearEnd })
	at := b.At
	waitBeat(t, c, "a second near-end beat", func(b fleet.Beat) bool { return b.Printer == fleet.PrinterNearEnd && b.At.After(at) })
	if got := alerts(t, c); strings.Join(got, ",") != fleet.AlertPaperNearEnd {
		t.Fatalf("alerts %v, want one near-end", got)
	}
	if err := k.simPrinterSet("paper_end"); err != nil {
		t.Fatal(err)
	}
	b = waitBeat(t, c, "paper out", func(b fleet.Beat) bool { return b.Printer == fleet.PrinterOut })
	if fleet.Status(b, time.Now(), 0) != fleet.Red || !strings.Contains(b.LastError, "paper end") {
		t.Fatalf("paper out: status %s, beat %+v", fleet.Status(b, time.Now(), 0), b)
	}
	if got := alerts(t, c); strings.Join(got, ",") != fleet.AlertPaperNearEnd+","+fleet.AlertPaperOut {
		t.Fatalf("alerts %v, want near-end then out", got)
	}
	// A new roll: the cleared alert takes the banners down.
	if err := k.simPrinterSet("ok"); err != nil {
		t.Fatal(err)
	}
	waitBeat(t, c, "paper back", func(b fleet.Beat) bool { return b.Printer == fleet.PrinterOK })
	all := fleet.AlertPaperNearEnd + "," + fleet.AlertPaperOut + "," + fleet.AlertCleared
	if got := alerts(t, c); strings.Join(got, ",") != all {
		t.Fatalf("alerts %v, want near-end, out, then cleared", got)
	}
	// The alerts come back on the centre's stream to the kiosk's staff screen.
	deadline := time.After(20 * time.Second)
	for {
		ch := rec.Changed()
		var kinds []string
		for _, e := range rec.Events() {
			if e.Name == fleet.EventAlert {
				kinds = append(kinds, e.Data.(fleet.Alert).Kind)
			}
		}
		if strings.Join(kinds, ",") == all {
			break
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("alerts on the kiosk's screen: %v", kinds)
		}
	}
}

// In local mode nothing beats; the beat itself still describes the kiosk.
func TestBeatLocal(t *testing.T) {
	k, _ := startKiosk(t, func(cfg *config.Config) { cfg.Reader.Driver = "none" })
	b := k.Beat()
	if b.Reader != fleet.ReaderNone || b.Printer != fleet.PrinterOK || b.IntervalSeconds != config.DefaultHeartbeatSeconds {
		t.Fatalf("beat %+v", b)
	}
}
