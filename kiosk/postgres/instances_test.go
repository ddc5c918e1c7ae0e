package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/queue"
)

// TestTwoInstances: two *DB handles on one database (two centre instances)
// issue and call on one line concurrently: numbers 1..N without gap or
// duplicate, and every ticket called exactly once.
func TestTwoInstances(t *testing.T) {
	const (
		issuers = 8
		total   = 400
		callers = 3
		service = "HT"
		day     = "2026-11-22"
	)
	dsn := pgtest.Start(t).NewDatabase(t)
	a, b := open(t, dsn), open(t, dsn)
	handles := []queue.Store{a, b}
	ctx := context.Background()

	next := func(_ *bool, last int) (queue.Ticket, error) {
		n := last + 1
		return queue.Ticket{Service: service, Day: day, Number: n, Code: queue.TicketCode(service, n), IssuedAt: "2026-11-22T02:00:00Z"}, nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, issuers+callers)
	for g := range issuers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < total; i += issuers {
				if _, err := handles[i%2].IssueTicket(ctx, service, day, "", next); err != nil {
					errs <- fmt.Errorf("issuer %d: %w", g, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	ts, err := a.Tickets(ctx, day)
	if err != nil || len(ts) != total {
		t.Fatalf("%d tickets stored, want %d (%v)", len(ts), total, err)
	}
	seen := make([]bool, total+1)
	for _, tk := range ts {
		if tk.Number < 1 || tk.Number > total || seen[tk.Number] {
			t.Fatalf("number %d out of range or duplicated", tk.Number)
		}
		seen[tk.Number] = true
	}

	first := func(l queue.Line) (int64, bool) {
		if len(l.Waiting) == 0 {
			return 0, false
		}
		return l.Waiting[0].ID, true
	}
	mark := func(t *queue.Ticket) { t.Status = queue.StatusCalled }
	called := make([][]int, callers)
	for c := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				tk, err := handles[(c+i)%2].CallTicket(ctx, service, day, first, mark)
				if errors.Is(err, queue.ErrNoneWaiting) {
					return
				}
				if err != nil {
					errs <- fmt.Errorf("caller %d: %w", c, err)
					return
				}
				called[c] = append(called[c], tk.Number)
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	times := make([]int, total+1)
	for _, ns := range called {
		for _, n := range ns {
			times[n]++
		}
	}
	for n := 1; n <= total; n++ {
		if times[n] != 1 {
			t.Fatalf("ticket %d called %d times", n, times[n])
		}
	}
	l, err := b.Line(ctx, service, day)
	if err != nil || len(l.Waiting) != 0 || len(l.Called) != total {
		t.Fatalf("line after calls: %d waiting, %d called, %v", len(l.Waiting), len(l.Called), err)
	}
}

// TestConcurrentOpen: instances starting together migrate once.
func TestConcurrentOpen(t *testing.T) {
	dsn := pgtest.Start(t).NewDatabase(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			db, err := openErr(ctx, dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
	}
	v, err := open(t, dsn).Version(context.Background())
	if err != nil || v == 0 {
		t.Fatalf("version %d %v", v, err)
	}
}
