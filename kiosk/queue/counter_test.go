package queue_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/queue"
)

func TestCallCounter(t *testing.T) {
	q := newQueue(t, filepath.Join(t.TempDir(), "q.db"), nil, func(cfg *config.Config) {
		cfg.Queue.Services = []config.QueueService{
			{Code: "HT", Prefix: "A", Counters: []string{"1", "2"}, Open: true},
			{Code: "CT", Prefix: "B", Counters: []string{"2"}, Open: true},
		}
	})
	rec := &events.Recorder{}
	q.SetEmitter(rec)
	ctx := context.Background()
	issue := func(code string) queue.Ticket {
		tk, err := q.Issue(ctx, code, "")
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	b1 := issue("CT")
	a1 := issue("HT")
	a2 := issue("HT")
	cases := []struct {
		counter string
		want    string
		err     error
	}{
		{"2", b1.Code, nil}, // counter 2 serves both: B-0001 waited longest
		{"1", a1.Code, nil}, // counter 1 serves HT only
		{"2", a2.Code, nil},
		{"2", "", queue.ErrNoneWaiting},
		{"9", "", queue.ErrNoCounter},
	}
	for _, c := range cases {
		call, err := q.CallCounter(ctx, c.counter, "off-"+c.counter)
		if !errors.Is(err, c.err) || call.Ticket.Code != c.want || (err == nil && (call.Counter != c.counter ||
			call.Officer != "off-"+c.counter || call.At == "" || call.Ticket.Status != queue.StatusCalled ||
			call.Ticket.Counter != c.counter || call.Ticket.Officer != call.Officer || call.Ticket.CalledAt != call.At)) {
			t.Errorf("CallCounter(%s) = %s at %q, %v; want %s, %v", c.counter, call.Ticket.Code, call.Counter, err, c.want, c.err)
		}
	}
	calls := 0
	for _, e := range rec.Events() {
		if e.Name == queue.EventCall {
			calls++
		}
	}
	if calls != 3 {
		t.Errorf("%d call events, want 3", calls)
	}
}

// Two counters pressing "next" at once never get the same ticket.
func TestCallCounterConcurrent(t *testing.T) {
	q := newQueue(t, filepath.Join(t.TempDir(), "q.db"), nil, func(cfg *config.Config) {
		cfg.Queue.Services = []config.QueueService{{Code: "HT", Prefix: "A", Counters: []string{"1", "2", "3"}, Open: true}}
	})
	ctx := context.Background()
	const n = 60
	for i := 0; i < n; i++ {
		if _, err := q.Issue(ctx, "HT", ""); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for _, counter := range []string{"1", "2", "3"} {
		wg.Add(1)
		go func(counter string) {
			defer wg.Done()
			for {
				c, err := q.CallCounter(ctx, counter, "")
				if errors.Is(err, queue.ErrNoneWaiting) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if other, dup := seen[c.Ticket.Code]; dup {
					t.Errorf("%s called by counter %s and %s", c.Ticket.Code, other, counter)
				}
				seen[c.Ticket.Code] = counter
				mu.Unlock()
			}
		}(counter)
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d tickets called, want %d", len(seen), n)
	}
}
