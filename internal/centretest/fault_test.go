// Package centretest runs the real motcua-centre binary as a province would,
// measures it (bench_test.go), and breaks it (this file): two
// motcua-centre instances on one PostgreSQL, eight kiosks issuing 1,000
// tickets and three counters calling at once; midway one instance is killed
// with SIGKILL and PostgreSQL is restarted. Whatever happens, no number is
// handed out twice, no ticket reaches two counters, and every ticket a kiosk
// was given an answer for is stored.
package centretest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/postgres"
	"github.com/motcua/kiosk/kiosk/queue"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	tickets  = 1000
	issuers  = 8
	counters = 3
)

func TestTwoInstancesKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test: starts PostgreSQL and two centre instances")
	}
	pg := pgtest.Start(t)
	dsn := pg.NewDatabase(t)
	bin := buildCentre(t)

	kioskTok := enroll(t, bin, dsn, "kiosk", "k1")
	counterTok := enroll(t, bin, dsn, "counter", "c1")
	for n := range counters {
		addOfficer(t, bin, dsn, fmt.Sprintf("Cán bộ %d", n+1))
	}

	a := startInstance(t, bin, dsn, "A")
	b := startInstance(t, bin, dsn, "B")
	var urlMu sync.Mutex
	urls := []string{a.url, b.url}
	pick := func(i int) string { urlMu.Lock(); defer urlMu.Unlock(); return urls[i%len(urls)] }

	// The work's own deadline: generous for a loaded 2-core machine, only a guard.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	// One officer signed in at each counter (sessions live in PostgreSQL,
	// so every instance honours them, also after a kill or a restart).
	sessions := make([]string, counters)
	for n := range counters {
		c := centre.NewClient(a.url, counterTok)
		if _, err := c.SignIn(ctx, fmt.Sprint(n+1), fmt.Sprintf("Cán bộ %d", n+1), officerPIN); err != nil {
			t.Fatal(err)
		}
		sessions[n] = c.Officer
	}

	var (
		mu      sync.Mutex
		acked   = map[string]queue.Ticket{} // idempotency key → ticket the kiosk was told
		calls   = map[int64]string{}        // ticket id → counter that got it
		doubles []string
		nAcked  atomic.Int64
		issued  = make(chan struct{})
	)
	services := []string{"HT", "CT"}

	var iw sync.WaitGroup
	per := tickets / issuers
	for w := range issuers {
		iw.Add(1)
		go func() {
			defer iw.Done()
			for i := range per {
				key := fmt.Sprintf("k%d-%d", w, i)
				r := centre.IssueRequest{Service: services[(w+i)%len(services)], Key: key}
				t0, err := retry(ctx, pick, kioskTok, w+i, func(c *centre.Client) (queue.Ticket, error) { return c.IssueTicket(ctx, r) })
				if err != nil {
					t.Errorf("issue %s: %v", key, err)
					return
				}
				mu.Lock()
				acked[key] = t0
				mu.Unlock()
				nAcked.Add(1)
			}
		}()
	}
	go func() { iw.Wait(); close(issued) }()

	var cw sync.WaitGroup
	for n := range counters {
		cw.Add(1)
		go func() {
			defer cw.Done()
			counter := fmt.Sprint(n + 1) // counters 1, 2 serve HT; 3 serves CT
			as := func(c *centre.Client) *centre.Client { c.Officer = sessions[n]; return c }
			next := func(c *centre.Client) (queue.Call, error) { return as(c).CallNext(ctx, counter) }
			for i := 0; ; i++ {
				call, err := retry(ctx, pick, counterTok, n+i, next)
				if errors.Is(err, queue.ErrNoneWaiting) {
					select {
					case <-issued:
						// Issuing is over; one more empty answer means this counter's line is empty.
						if _, err2 := retry(ctx, pick, counterTok, n, next); errors.Is(err2, queue.ErrNoneWaiting) {
							return
						}
						continue
					default:
						continue
					}
				}
				var e *centre.Error
				if errors.As(err, &e) && e.Code == centre.CodeState {
					// A call whose answer was lost (its instance killed) left
					// the ticket at this counter: take it from the counter's view.
					v, verr := retry(ctx, pick, counterTok, n+i, func(c *centre.Client) (centre.CounterView, error) { return as(c).Counter(ctx, counter) })
					if verr != nil || v.Current == nil {
						t.Errorf("counter %s busy, but its view: %+v, %v", counter, v.Current, verr)
						return
					}
					call, err = queue.Call{Ticket: *v.Current, Counter: counter}, nil
				}
				if err != nil {
					t.Errorf("counter %s: %v", counter, err)
					return
				}
				mu.Lock()
				if prev, ok := calls[call.Ticket.ID]; ok && prev != counter {
					doubles = append(doubles, fmt.Sprintf("%s to counters %s and %s", call.Ticket.Code, prev, counter))
				}
				calls[call.Ticket.ID] = counter
				mu.Unlock()
				// Release the counter for the next call (a lost answer may have
				// done it already: then the ticket is no longer "called").
				_, err = retry(ctx, pick, counterTok, n+i, func(c *centre.Client) (queue.Ticket, error) {
					return as(c).Act(ctx, counter, call.Ticket.ID, centre.OpNoShow, centre.ActionRequest{})
				})
				if err != nil && !(errors.As(err, &e) && e.Code == centre.CodeState) {
					t.Errorf("counter %s no-show %s: %v", counter, call.Ticket.Code, err)
					return
				}
			}
		}()
	}

	// Faults, triggered by progress (not by time): kill A at 30 %, restart
	// PostgreSQL at 60 %, bring A back at 70 %.
	waitFor(ctx, t, func() bool { return nAcked.Load() >= tickets*3/10 })
	a.kill()
	t.Logf("instance A killed with SIGKILL after %d acknowledged tickets", nAcked.Load())
	waitFor(ctx, t, func() bool { return nAcked.Load() >= tickets*6/10 })
	pg.Restart(t)
	t.Logf("PostgreSQL restarted after %d acknowledged tickets", nAcked.Load())
	waitFor(ctx, t, func() bool { return nAcked.Load() >= tickets*7/10 })
	a = startInstance(t, bin, dsn, "A")
	urlMu.Lock()
	urls[0] = a.url
	urlMu.Unlock()

	iw.Wait()
	cw.Wait()
	if t.Failed() {
		return
	}

	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	days := map[string]bool{}
	for _, tk := range acked {
		days[tk.Day] = true
	}
	stored := map[int64]queue.Ticket{}
	for day := range days {
		ts, err := db.Tickets(context.Background(), day)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, tk := range ts {
			k := tk.Service + "/" + tk.Day + "/" + fmt.Sprint(tk.Number)
			if seen[k] {
				t.Errorf("number handed out twice: %s", k)
			}
			seen[k] = true
			stored[tk.ID] = tk
		}
	}
	missing := 0
	for key, tk := range acked {
		s, ok := stored[tk.ID]
		if !ok || s.Code != tk.Code || s.Service != tk.Service {
			missing++
			t.Errorf("acknowledged ticket %s (key %s) is not stored as given", tk.Code, key)
		}
	}
	for _, d := range doubles {
		t.Errorf("ticket called by two counters: %s", d)
	}
	notCalled := 0
	for id, tk := range stored {
		if _, ok := calls[id]; !ok && !tk.Called {
			notCalled++
		}
	}
	t.Logf("acknowledged %d, stored %d, called %d; duplicates 0 unless reported; missing %d; never called %d",
		len(acked), len(stored), len(calls), missing, notCalled)
	if len(acked) != tickets {
		t.Errorf("acknowledged %d tickets, want %d", len(acked), tickets)
	}
	if notCalled != 0 {
		t.Errorf("%d stored tickets were never called although the counters drained their lines", notCalled)
	}
}

// retry sends the request to one instance and, while the link or the
// store is down, to the next one with the same request (issues carry their
// idempotency key, so a retry never issues twice). Refusals other than
// "unreachable" are returned.
func retry[T any](ctx context.Context, pick func(int) string, token string, start int, do func(*centre.Client) (T, error)) (T, error) {
	var zero T
	backoff := 20 * time.Millisecond
	for i := start; ; i++ {
		c := centre.NewClient(pick(i), token)
		v, err := do(c)
		if err == nil || !errors.Is(err, centre.ErrUnreachable) {
			return v, err
		}
		select {
		case <-ctx.Done():
			return zero, fmt.Errorf("gave up: %w (last: %v)", ctx.Err(), err)
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 500*time.Millisecond)
	}
}

func waitFor(ctx context.Context, t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("gave up waiting: %v", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
