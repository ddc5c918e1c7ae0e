package fleet

import (
	"strings"
	"testing"
	"time"
)

func TestStatus(t *testing.T) {
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	ok := Beat{Kiosk: "K1", At: now.Add(-10 * time.Second), Printer: PrinterOK, Reader: ReaderOK, FreeDiskBytes: 10 << 30}
	with := func(edit func(*Beat)) Beat { b := ok; edit(&b); return b }
	cases := []struct {
		name     string
		beat     Beat
		interval time.Duration
		want     State
	}{
		{"all well", ok, 30 * time.Second, Green},
		{"printer disabled, reader disabled", with(func(b *Beat) { b.Printer, b.Reader = PrinterNone, ReaderNone }), 30 * time.Second, Green},
		{"disk not reported", with(func(b *Beat) { b.FreeDiskBytes = 0 }), 30 * time.Second, Green},
		{"paper near end", with(func(b *Beat) { b.Printer = PrinterNearEnd }), 30 * time.Second, Amber},
		{"disk low", with(func(b *Beat) { b.FreeDiskBytes = 100 << 20 }), 30 * time.Second, Amber},
		{"paper out", with(func(b *Beat) { b.Printer = PrinterOut }), 30 * time.Second, Red},
		{"cover open", with(func(b *Beat) { b.Printer = PrinterCoverOpen }), 30 * time.Second, Red},
		{"printer offline", with(func(b *Beat) { b.Printer = PrinterOffline }), 30 * time.Second, Red},
		{"reader fault", with(func(b *Beat) { b.Reader = ReaderFault }), 30 * time.Second, Red},
		{"red beats amber", with(func(b *Beat) { b.Printer, b.Reader = PrinterNearEnd, ReaderFault }), 30 * time.Second, Red},
		{"two beats missed: still judged", with(func(b *Beat) { b.At = now.Add(-90 * time.Second) }), 30 * time.Second, Green},
		{"three beats missed", with(func(b *Beat) { b.At = now.Add(-91 * time.Second) }), 30 * time.Second, Offline},
		{"three beats missed beats paper out", with(func(b *Beat) { b.At, b.Printer = now.Add(-5*time.Minute), PrinterOut }), 30 * time.Second, Offline},
		{"never beat", Beat{Kiosk: "K2"}, 30 * time.Second, Offline},
		{"the beat's own interval", with(func(b *Beat) { b.At, b.IntervalSeconds = now.Add(-25*time.Second), 10 }), 0, Green},
		{"the beat's own interval, missed", with(func(b *Beat) { b.At, b.IntervalSeconds = now.Add(-31*time.Second), 10 }), 0, Offline},
		{"default interval", with(func(b *Beat) { b.At = now.Add(-89 * time.Second) }), 0, Green},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Status(c.beat, now, c.interval); got != c.want {
				t.Fatalf("Status = %s, want %s", got, c.want)
			}
		})
	}
}

// AlertFor raises one alert per change of a kiosk's paper, and the
// cleared kind when near-end or out goes back to ok.
func TestAlertFor(t *testing.T) {
	b := func(p string) Beat { return Beat{Kiosk: "KIOSK-01", Printer: p} }
	cases := []struct {
		name string
		prev Beat
		had  bool
		cur  Beat
		kind string // "": no alert
		text string // a word of the EN text, when an alert
	}{
		{"first beat ok", Beat{}, false, b(PrinterOK), "", ""},
		{"first beat near end", Beat{}, false, b(PrinterNearEnd), AlertPaperNearEnd, "low"},
		{"first beat out", Beat{}, false, b(PrinterOut), AlertPaperOut, "out of"},
		{"ok stays", b(PrinterOK), true, b(PrinterOK), "", ""},
		{"ok to near end", b(PrinterOK), true, b(PrinterNearEnd), AlertPaperNearEnd, "low"},
		{"ok to out", b(PrinterOK), true, b(PrinterOut), AlertPaperOut, "out of"},
		{"near end stays", b(PrinterNearEnd), true, b(PrinterNearEnd), "", ""},
		{"near end to out", b(PrinterNearEnd), true, b(PrinterOut), AlertPaperOut, "out of"},
		{"out stays", b(PrinterOut), true, b(PrinterOut), "", ""},
		{"out to near end", b(PrinterOut), true, b(PrinterNearEnd), AlertPaperNearEnd, "low"},
		{"out to ok", b(PrinterOut), true, b(PrinterOK), AlertCleared, "new ticket paper"},
		{"near end to ok", b(PrinterNearEnd), true, b(PrinterOK), AlertCleared, "new ticket paper"},
		{"out to cover open keeps the banner", b(PrinterOut), true, b(PrinterCoverOpen), "", ""},
		{"out to offline keeps the banner", b(PrinterOut), true, b(PrinterOffline), "", ""},
		{"offline to ok clears (replugged with paper)", b(PrinterOffline), true, b(PrinterOK), AlertCleared, "new ticket paper"},
		{"cover open to ok clears (the usual refill: out, cover open, ok)", b(PrinterCoverOpen), true, b(PrinterOK), AlertCleared, "new ticket paper"},
		{"printer switched off in config is no news", b(PrinterNone), true, b(PrinterOK), "", ""},
		{"cover open is no paper alert", b(PrinterOK), true, b(PrinterCoverOpen), "", ""},
		{"offline then out", b(PrinterOffline), true, b(PrinterOut), AlertPaperOut, "out of"},
		{"printer disabled", b(PrinterOut), true, b(PrinterNone), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, ok := AlertFor(c.prev, c.had, c.cur)
			if ok != (c.kind != "") || a.Kind != c.kind {
				t.Fatalf("alert %+v %v, want kind %q", a, ok, c.kind)
			}
			if !ok {
				return
			}
			if a.Kiosk != "KIOSK-01" || !strings.Contains(a.VI, "KIOSK-01") || !strings.Contains(a.EN, "KIOSK-01") {
				t.Fatalf("alert text does not name the kiosk: %+v", a)
			}
			if !strings.Contains(a.EN, c.text) {
				t.Fatalf("alert EN %q, want it to say %q", a.EN, c.text)
			}
		})
	}
}

// Active is the banner in force for a kiosk's latest beat.
func TestActive(t *testing.T) {
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	b := func(p string, ago time.Duration) Beat {
		return Beat{Kiosk: "KIOSK-01", At: now.Add(-ago), IntervalSeconds: 30, Printer: p}
	}
	cases := []struct {
		name string
		beat Beat
		kind string // "": none
	}{
		{"ok", b(PrinterOK, 10*time.Second), ""},
		{"near end", b(PrinterNearEnd, 10*time.Second), AlertPaperNearEnd},
		{"out", b(PrinterOut, 10*time.Second), AlertPaperOut},
		{"cover open", b(PrinterCoverOpen, 10*time.Second), ""},
		{"out but offline", b(PrinterOut, 91*time.Second), ""},
		{"near end, two beats missed", b(PrinterNearEnd, 90*time.Second), AlertPaperNearEnd},
		{"never beat", Beat{Kiosk: "KIOSK-01", Printer: PrinterOut}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, ok := Active(c.beat, now, 0)
			if ok != (c.kind != "") || a.Kind != c.kind {
				t.Fatalf("Active = %+v %v, want kind %q", a, ok, c.kind)
			}
			if ok && (a.Kiosk != "KIOSK-01" || !strings.Contains(a.VI, "KIOSK-01")) {
				t.Fatalf("alert %+v", a)
			}
		})
	}
}

func TestClean(t *testing.T) {
	b := Beat{Printer: "weird", Reader: "", LastError: strings.Repeat("é", 400), IntervalSeconds: -3, UptimeSeconds: -1}.Clean()
	if b.Printer != PrinterOffline || b.Reader != ReaderFault || b.IntervalSeconds != 0 || b.UptimeSeconds != 0 {
		t.Fatalf("clean: %+v", b)
	}
	if len(b.LastError) > MaxText+len("…") || !strings.HasSuffix(b.LastError, "…") {
		t.Fatalf("last error not bounded: %d bytes", len(b.LastError))
	}
}
