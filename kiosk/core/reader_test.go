package core

import (
	"testing"
	"time"
)

// The simulated reader sends cards over a pseudo-terminal; the real serial
// driver reads them and the session gets the identity.
func TestSimulatedReaderThroughSerial(t *testing.T) {
	k, rec := startKiosk(t, nil)

	waitScan := func() ScanEvent {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			for _, e := range rec.Events() {
				if e.Name == eventScanned {
					return e.Data.(ScanEvent)
				}
			}
			select {
			case <-rec.Changed():
			case <-deadline:
				t.Fatal("no scan event")
			}
		}
	}
	// The driver may still be opening the port: retry the first send until it connects.
	connected := func() bool {
		for _, d := range k.Devices() {
			if d.Name == "reader" {
				return d.Connected
			}
		}
		return false
	}
	for i := 0; !connected(); i++ {
		if i > 100 {
			t.Fatalf("reader never connected: %+v", k.Devices())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := k.simReaderSend("mrz"); err != nil {
		t.Fatal(err)
	}
	ev := waitScan()
	if !ev.OK || ev.Identity == nil || ev.Identity.Source != "mrz" {
		t.Fatalf("scan: %+v", ev)
	}
	if k.Identity() == nil {
		t.Fatal("identity not in the session")
	}
}
