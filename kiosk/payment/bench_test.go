package payment_test

import (
	"context"
	"fmt"
	. "github.com/motcua/kiosk/kiosk/payment"
	"net"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// BenchmarkNoticeToPaid measures what a citizen waits for: a signed Casso
// notice POSTed over loopback to the real receiver → verified → stored as
// paid (one transaction on a WAL file store) → "payment:update" delivered.
// The "direct" baseline applies the same notice without HTTP or signature.
//
//	go test ./kiosk/payment -run '^$' -bench NoticeToPaid -benchtime 500x
func BenchmarkNoticeToPaid(b *testing.B) {
	for _, mode := range []string{"http", "direct"} {
		b.Run(mode, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "k.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			paid := make(chan string, 16)
			ev := events.Func(func(name string, data any) {
				if v, ok := data.(View); ok && name == EventUpdate && v.Status == Paid && v.ReceiptState == "" {
					paid <- v.Ref
				}
			})
			cfg := testCfg
			s := NewService(db, cfg, "KIOSK-01", &fakePrinter{}, ev, nil)
			s.Log = discardLog()
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			go s.ServeListener(ctx, ln)
			url := "http://" + ln.Addr().String()
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				v, err := s.Create(ctx, "fee", 10000, "")
				if err != nil {
					b.Fatal(err)
				}
				tx := fmt.Sprint(i + 1)
				b.StartTimer()
				start := time.Now()
				if mode == "http" {
					if code := do(b, cassoRequest(b, url, cfg.CassoKey, start, cassoBody(tx, 10000, v.Memo))); code != 200 {
						b.Fatalf("HTTP %d", code)
					}
				} else if _, err := s.Apply(ctx, Notice{Source: "casso", TxID: tx, Amount: 10000, Description: v.Memo, At: start}); err != nil {
					b.Fatal(err)
				}
				if ref := <-paid; ref != v.Ref {
					b.Fatalf("event for %s, want %s", ref, v.Ref)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			s.Wait()
			slices.Sort(lat)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ms")
			b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
		})
	}
}
