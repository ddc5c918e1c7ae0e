package core

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
)

// watchClock hands each wait of the printer's watch loop to the test,
// which fires it by hand.
type watchClock chan chan time.Time

func (c watchClock) After(time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c <- ch
	return ch
}

// The simulated printer is unplugged and plugged back in between jobs: the
// kiosk's printer light and its events go offline and then ok by
// themselves, with no ticket printed and no heartbeat asking.
func TestPrinterLightComesBackWithoutAJob(t *testing.T) {
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	k := New(Options{Config: cfg, Logger: quiet()})
	clock := make(watchClock, 64)
	k.printerWatch = printer.WatchOptions{After: clock.After}
	rec := &events.Recorder{}
	k.Start(context.Background(), rec)
	t.Cleanup(k.Stop)

	k.printer.mu.Lock()
	drv := k.printer.drv
	k.printer.mu.Unlock()
	if drv == nil {
		t.Fatal("no printer driver")
	}
	// One check of the loop takes at most the driver's bound; each read
	// may overrun its wait by one read timeout (four reads).
	bound := drv.CheckBound() + 4*serialport.ReadTimeout

	seen := 0
	light := func(what string, connected bool) DeviceStatus {
		t.Helper()
		deadline := time.After(bound)
		for {
			ch := rec.Changed()
			evs := rec.Events()
			for ; seen < len(evs); seen++ {
				if d, ok := evs[seen].Data.(DeviceStatus); ok && evs[seen].Name == "device:status" && d.Name == "printer" && d.Connected == connected {
					seen++
					for _, l := range k.Devices() {
						if l.Name == "printer" && l.Connected != connected {
							t.Fatalf("%s: event %+v but light %+v", what, d, l)
						}
					}
					return d
				}
			}
			select {
			case <-ch:
			case <-deadline:
				t.Fatalf("%s: no printer event connected=%v within %v (%d events)", what, connected, bound, len(evs))
			}
		}
	}
	fire := func(what string) {
		t.Helper()
		select {
		case w := <-clock:
			w <- time.Time{}
		case <-time.After(bound):
			t.Fatalf("%s: the watch loop is not waiting", what)
		}
	}

	light("start", true)
	if err := k.simPrinterSet("unplugged"); err != nil {
		t.Fatal(err)
	}
	fire("poll")
	if d := light("unplugged", false); d.Detail == "" {
		t.Fatalf("offline light without a detail: %+v", d)
	}
	fire("first backoff") // still away: the loop keeps trying
	if err := k.simPrinterSet("plugged"); err != nil {
		t.Fatal(err)
	}
	fire("second backoff")
	light("plugged back", true)
	if jobs := k.simPrinterJobs(); len(jobs) != 0 {
		t.Fatalf("the printer came back through %d jobs", len(jobs))
	}
	if b := k.Beat(); b.Printer != fleet.PrinterOK {
		t.Fatalf("heartbeat printer %q (%s)", b.Printer, b.PrinterDetail)
	}
}
