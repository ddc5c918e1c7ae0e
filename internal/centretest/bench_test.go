package centretest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/queue"
)

// BenchmarkCentre measures the real motcua-centre binary over loopback HTTP,
// on SQLite and on PostgreSQL in the same run (each is the other's
// baseline): ticket issue with 8 concurrent kiosks as fast as they can
// (throughput), ticket issue offered at 300/s (latency at the goal's rate),
// call-next with 3 concurrent counters (each releases its ticket with a
// no-show before its next call; the call alone is timed), and the fan-out from a call to a connected display
// (on PostgreSQL the display listens on a second instance, so the event
// crosses LISTEN/NOTIFY). Each reports ops/s, p50-ms and p99-ms.
//
//	go test -run '^$' -bench Centre -benchtime 2000x ./internal/centretest
func BenchmarkCentre(b *testing.B) {
	for _, store := range []string{"sqlite", "postgres"} {
		b.Run(store, func(b *testing.B) {
			var dsn string
			if store == "sqlite" {
				dsn = filepath.Join(b.TempDir(), "centre.db")
			} else {
				dsn = pgtest.Start(b).NewDatabase(b)
			}
			bin := buildCentre(b)
			h := benchHall{
				kiosk:   enroll(b, bin, dsn, "kiosk", "bench-kiosk"),
				counter: enroll(b, bin, dsn, "counter", "bench-counter"),
				display: enroll(b, bin, dsn, "display", "bench-display"),
			}
			a := startInstance(b, bin, dsn, store+"-A")
			h.a, h.b = a.url, a.url
			if store == "postgres" {
				h.b = startInstance(b, bin, dsn, store+"-B").url
			}
			h.signIn(b, bin, dsn)
			// The open-loop run goes first, on an empty day: people-ahead reads
			// a service's whole waiting line on every issue, so its latency
			// grows with the thousands of never-called tickets the
			// closed-loop run leaves behind (not a hall's state).
			b.Run("issue@300/s", h.benchIssueAt(300))
			b.Run("issue", h.benchIssue)
			b.Run("callnext", h.benchCallNext)
			b.Run("fanout", h.benchFanout)
		})
	}
}

// benchTransport keeps enough connections open for every concurrent
// request (the default keeps 2 per host, and closing the rest would measure
// TCP handshakes, not the centre).
var benchTransport = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 512, 256
	return t
}()

// client is a device's client over benchTransport.
func client(url, token string) *centre.Client {
	c := centre.NewClient(url, token)
	c.HTTP = &http.Client{Transport: benchTransport, Timeout: time.Minute}
	return c
}

type benchHall struct {
	a, b                    string // instance URLs (the same one on SQLite)
	kiosk, counter, display string // device tokens
	keys                    atomic.Int64
	sessions                map[string]string // counter → its officer's session token
}

// signIn signs one officer in at each of counters 1-3.
func (h *benchHall) signIn(b *testing.B, bin, dsn string) {
	h.sessions = map[string]string{}
	for _, counter := range []string{"1", "2", "3"} {
		name := "Cán bộ " + counter
		addOfficer(b, bin, dsn, name)
		c := client(h.a, h.counter)
		if _, err := c.SignIn(context.Background(), counter, name, officerPIN); err != nil {
			b.Fatal(err)
		}
		h.sessions[counter] = c.Officer
	}
}

// at is the client of the officer at a counter, on the instance at url.
func (h *benchHall) at(url, counter string) *centre.Client {
	c := client(url, h.counter)
	c.Officer = h.sessions[counter]
	return c
}

// callOne calls the next ticket at a counter and releases the counter
// (no-show) for the next call; the figure is the call alone.
func callOne(ctx context.Context, c *centre.Client, counter string) (queue.Call, time.Duration, error) {
	t0 := time.Now()
	call, err := c.CallNext(ctx, counter)
	d := time.Since(t0)
	if err != nil {
		return call, d, err
	}
	_, err = c.Act(ctx, counter, call.Ticket.ID, centre.OpNoShow, centre.ActionRequest{})
	return call, d, err
}

// report prints throughput and latency percentiles as benchmark metrics.
func report(b *testing.B, lat []time.Duration, elapsed time.Duration, prefix string) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	if elapsed > 0 {
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), prefix+"ops/s")
	}
	b.ReportMetric(pct(0.50), prefix+"p50-ms")
	b.ReportMetric(pct(0.99), prefix+"p99-ms")
}

// issueN issues n tickets with `workers` concurrent kiosks spread over both
// instances, two HT for one CT (counters 1 and 2 serve HT, 3 serves CT).
func (h *benchHall) issueN(b *testing.B, n, workers int) []time.Duration {
	var next atomic.Int64
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var failed atomic.Value
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client([]string{h.a, h.b}[w%2], h.kiosk)
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				svc := []string{"HT", "HT", "CT"}[i%3]
				key := fmt.Sprintf("bench-%d", h.keys.Add(1))
				t0 := time.Now()
				if _, err := c.IssueTicket(context.Background(), centre.IssueRequest{Service: svc, Key: key}); err != nil {
					failed.Store(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatalf("issue: %v", err)
	}
	return lat
}

func (h *benchHall) benchIssue(b *testing.B) {
	b.ResetTimer()
	t0 := time.Now()
	lat := h.issueN(b, b.N, 8)
	elapsed := time.Since(t0)
	b.StopTimer()
	report(b, lat, elapsed, "")
}

// benchIssueAt offers issues at a fixed rate (open loop, as kiosks in a
// hall do: a new citizen does not wait for the previous answer) and
// measures each latency from the moment it was due, so a stall counts
// against every request it delayed.
func (h *benchHall) benchIssueAt(rate int) func(b *testing.B) {
	return func(b *testing.B) {
		every := time.Second / time.Duration(rate)
		lat := make([]time.Duration, b.N)
		var wg sync.WaitGroup
		var failed atomic.Value
		sem := make(chan struct{}, 256) // at most this many in flight
		clients := []*centre.Client{client(h.a, h.kiosk), client(h.b, h.kiosk)}
		h.issueN(b, 64, 32) // warm: connections open on both ends
		b.ResetTimer()
		start := time.Now()
		for i := range b.N {
			due := start.Add(time.Duration(i) * every)
			time.Sleep(time.Until(due))
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				r := centre.IssueRequest{Service: []string{"HT", "HT", "CT"}[i%3], Key: fmt.Sprintf("bench-%d", h.keys.Add(1))}
				if _, err := clients[i%2].IssueTicket(context.Background(), r); err != nil {
					failed.Store(err)
				}
				lat[i] = time.Since(due)
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		if err, _ := failed.Load().(error); err != nil {
			b.Fatalf("issue: %v", err)
		}
		report(b, lat, elapsed, "")
	}
}

func (h *benchHall) benchCallNext(b *testing.B) {
	h.drain(b)
	h.issueN(b, b.N, 8)
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	var failed atomic.Value
	b.ResetTimer()
	t0 := time.Now()
	for n := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := h.at([]string{h.a, h.b}[n%2], fmt.Sprint(n+1))
			for {
				_, d, err := callOne(context.Background(), c, fmt.Sprint(n+1))
				if errors.Is(err, queue.ErrNoneWaiting) {
					return
				}
				if err != nil {
					failed.Store(err)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(t0)
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatalf("call next: %v", err)
	}
	report(b, lat, elapsed, "")
}

// drain calls every waiting ticket so a benchmark starts on empty lines.
func (h *benchHall) drain(b *testing.B) {
	for _, counter := range []string{"1", "3"} {
		c := h.at(h.a, counter)
		for {
			_, _, err := callOne(context.Background(), c, counter)
			if errors.Is(err, queue.ErrNoneWaiting) {
				break
			}
			if err != nil {
				b.Fatalf("drain: %v", err)
			}
		}
	}
}

// benchFanout: a display follows the event stream (on instance B); a
// counter on instance A calls; the figure is call sent → the display has
// the queue:call event. The call's own HTTP round trip is the baseline.
func (h *benchHall) benchFanout(b *testing.B) {
	h.drain(b)
	h.issueN(b, b.N, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan int64, 1024)
	ready := make(chan struct{})
	display := client(h.b, h.display)
	var once sync.Once
	go display.Follow(ctx, centre.Live, func(e events.Stored) {
		if e.Name != queue.EventCall {
			return
		}
		var c queue.Call
		if json.Unmarshal(e.Data, &c) == nil {
			got <- c.Ticket.ID
		}
	}, func(s centre.LinkState) {
		if s.Up {
			once.Do(func() { close(ready) })
		}
	})
	select {
	case <-ready:
	case <-time.After(time.Minute):
		b.Fatal("display did not connect to the event stream in a minute")
	}
	// The backlog from ID 0 may replay earlier calls: skip until the stream is live.
	drainChan(got)
	at1, at3 := h.at(h.a, "1"), h.at(h.a, "3")
	var fan, rtt []time.Duration
	b.ResetTimer()
	for range b.N {
		c, counter := at1, "1"
		t0 := time.Now()
		call, err := c.CallNext(ctx, counter)
		if errors.Is(err, queue.ErrNoneWaiting) {
			c, counter = at3, "3"
			t0 = time.Now()
			call, err = c.CallNext(ctx, counter)
		}
		if err != nil {
			b.Fatalf("call: %v", err)
		}
		rtt = append(rtt, time.Since(t0))
		for id := range got {
			if id == call.Ticket.ID {
				break
			}
		}
		fan = append(fan, time.Since(t0))
		b.StopTimer() // releasing the counter is not the figure
		if _, err := c.Act(ctx, counter, call.Ticket.ID, centre.OpNoShow, centre.ActionRequest{}); err != nil {
			b.Fatalf("no-show: %v", err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	report(b, fan, 0, "event-")
	report(b, rtt, 0, "call-rtt-")
}

func drainChan(c chan int64) {
	for {
		select {
		case <-c:
		case <-time.After(200 * time.Millisecond):
			return
		}
	}
}
