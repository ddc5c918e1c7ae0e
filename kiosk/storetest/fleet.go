package storetest

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/fleet"
)

// runFleet runs the kiosk-health cases (skipped when the store has none).
func runFleet(t *testing.T, open func(t *testing.T) Stores) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, fleet.Store)
	}{
		{"FleetBeats", testFleetBeats},
		{"FleetConcurrentBeats", testFleetConcurrent},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := open(t)
			if st.Fleet == nil {
				t.Skip("store keeps no kiosk health")
			}
			c.fn(t, st.Fleet)
		})
	}
}

func testFleetBeats(t *testing.T, s fleet.Store) {
	ctx := context.Background()
	if bs, err := s.Beats(ctx); err != nil || len(bs) != 0 {
		t.Fatalf("fresh beats %v %v", bs, err)
	}
	first := fleet.Beat{Kiosk: "KIOSK-02", At: t0, IntervalSeconds: 30, Version: "v1.4.0", UptimeSeconds: 3600,
		Printer: fleet.PrinterOK, Reader: fleet.ReaderOK, FreeDiskBytes: 12 << 30, CatalogVersion: "2026.12"}
	prev, had, err := s.PutBeat(ctx, first)
	if err != nil || had || !reflect.DeepEqual(prev, fleet.Beat{}) {
		t.Fatalf("first beat: prev %+v had %v err %v", prev, had, err)
	}
	second := first
	second.At, second.UptimeSeconds, second.Printer, second.PrinterDetail = t0.Add(30*time.Second), 3630, fleet.PrinterNearEnd, "paper near end"
	second.Reader, second.ReaderDetail, second.LastError = fleet.ReaderFault, "open /dev/ttyUSB1: no such file", "printer: paper near end"
	second.FreeDiskBytes = 1<<63 + 5 // beyond int64: stored as its bits
	second.Bundles = map[string]string{"catalog": "2026.12.1", "guides": "7"}
	prev, had, err = s.PutBeat(ctx, second)
	if err != nil || !had || !reflect.DeepEqual(prev, first) {
		t.Fatalf("second beat: prev %+v had %v err %v; want %+v", prev, had, err, first)
	}
	other := fleet.Beat{Kiosk: "KIOSK-01", At: t0.Add(time.Second), Printer: fleet.PrinterNone, Reader: fleet.ReaderNone}
	if _, had, err := s.PutBeat(ctx, other); err != nil || had {
		t.Fatalf("other kiosk: had %v err %v", had, err)
	}
	bs, err := s.Beats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []fleet.Beat{other, second}
	if !reflect.DeepEqual(bs, want) {
		t.Fatalf("beats:\n got %+v\nwant %+v", bs, want)
	}
}

// Concurrent beats of one kiosk: each replaces exactly one other (or is
// the first), so every beat but one is returned as a prev exactly once.
func testFleetConcurrent(t *testing.T, s fleet.Store) {
	ctx := context.Background()
	const n = 12
	if _, _, err := s.PutBeat(ctx, fleet.Beat{Kiosk: "K", At: t0, UptimeSeconds: 0, Printer: fleet.PrinterOK, Reader: fleet.ReaderOK}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			prev, had, err := s.PutBeat(ctx, fleet.Beat{Kiosk: "K", At: t0.Add(time.Duration(i) * time.Second), UptimeSeconds: int64(i), Printer: fleet.PrinterOK, Reader: fleet.ReaderOK})
			if err != nil || !had {
				errs <- err
				return
			}
			mu.Lock()
			seen[prev.UptimeSeconds]++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent beat: %v", err)
	}
	bs, err := s.Beats(ctx)
	if err != nil || len(bs) != 1 {
		t.Fatalf("beats %v %v", bs, err)
	}
	last := bs[0].UptimeSeconds
	if len(seen) != n {
		t.Fatalf("prevs %v: want %d distinct", seen, n)
	}
	for u, c := range seen {
		if c != 1 || u == last {
			t.Fatalf("prevs %v (last %d): each beat but the last replaced exactly once", seen, last)
		}
	}
}
