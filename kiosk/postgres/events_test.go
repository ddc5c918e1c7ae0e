package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/postgres"
)

// waitCap bounds a wait for something that normally takes milliseconds;
// every wait returns as soon as its condition holds.
const waitCap = time.Minute

func waitSignal(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if !ok {
			t.Fatalf("%s: signal channel closed", what)
		}
	case <-time.After(waitCap):
		t.Fatalf("%s: no signal within %v", what, waitCap)
	}
}

// retry runs fn until it succeeds: after a server restart the first uses of
// pooled connections may fail.
func retry(t *testing.T, what string, fn func() error) {
	t.Helper()
	deadline := time.Now().Add(waitCap)
	for {
		err := fn()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(20 * time.Millisecond) // poll interval
	}
}

func TestEventIDsIncrease(t *testing.T) {
	dsn := pgtest.Start(t).NewDatabase(t)
	logs := []*postgres.EventLog{open(t, dsn).Events(), open(t, dsn).Events()}
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if _, err := logs[(g+i)%2].AppendEvent(ctx, "tick", json.RawMessage(fmt.Sprintf(`{"g":%d,"i":%d}`, g, i)), time.Now()); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	es, err := logs[1].EventsAfter(ctx, 0, 100)
	if err != nil || len(es) != 40 {
		t.Fatalf("%d events, %v", len(es), err)
	}
	for i := 1; i < len(es); i++ {
		if es[i].ID <= es[i-1].ID {
			t.Fatalf("IDs not increasing: %d after %d", es[i].ID, es[i-1].ID)
		}
	}
	if last, err := logs[0].LastEventID(ctx); err != nil || last != es[len(es)-1].ID {
		t.Fatalf("last ID %d %v, want %d", last, err, es[len(es)-1].ID)
	}
	page, _ := logs[0].EventsAfter(ctx, es[9].ID, 5)
	if len(page) != 5 || page[0].ID != es[10].ID {
		t.Fatalf("page after %d: %+v", es[9].ID, page)
	}
}

func TestEventPrune(t *testing.T) {
	l := fresh(t).Events()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC)
	for i := range 3 {
		if _, err := l.AppendEvent(ctx, "old", json.RawMessage(`{}`), t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		before time.Time
		left   int
	}{{t0, 3}, {t0.Add(90 * time.Second), 1}, {t0.Add(time.Hour), 1}} {
		if err := l.PruneEvents(ctx, c.before); err != nil {
			t.Fatal(err)
		}
		if es, _ := l.EventsAfter(ctx, 0, 10); len(es) != c.left {
			t.Fatalf("prune before %v: %d left, want %d", c.before, len(es), c.left)
		}
	}
	if es, _ := l.EventsAfter(ctx, 0, 10); es[0].At != t0.Add(2*time.Minute) {
		t.Fatalf("the newest must stay: %+v", es)
	}
}

// TestEventSignalAcrossInstances: an append on instance A wakes a signal on
// instance B, whose log then holds it; after a server restart B's listener
// reconnects, signals once, and wakes again on the next append.
func TestEventSignalAcrossInstances(t *testing.T) {
	srv := pgtest.Start(t)
	dsn := srv.NewDatabase(t)
	a, b := open(t, dsn).Events(), open(t, dsn).Events()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sig := b.EventSignal(ctx)
	waitSignal(t, sig, "listener ready")

	at := time.Date(2026, 11, 22, 2, 0, 0, 123456000, time.UTC)
	e1, err := a.AppendEvent(ctx, "ticket_issued", json.RawMessage(`{"code":"HT-0001"}`), at)
	if err != nil || e1.ID == 0 {
		t.Fatalf("append: %+v %v", e1, err)
	}
	waitSignal(t, sig, "append on A")
	got, err := b.EventsAfter(ctx, 0, 10)
	if err != nil || len(got) != 1 || got[0].ID != e1.ID || got[0].Name != "ticket_issued" ||
		string(got[0].Data) != `{"code":"HT-0001"}` || !got[0].At.Equal(at) {
		t.Fatalf("B reads %+v %v, want %+v", got, err, e1)
	}

	srv.Restart(t)
	waitSignal(t, sig, "listener reconnected")
	var e2 events.Stored
	retry(t, "append after restart", func() (err error) {
		e2, err = a.AppendEvent(ctx, "ticket_called", json.RawMessage(`{"code":"HT-0001"}`), at.Add(time.Minute))
		return err
	})
	if e2.ID <= e1.ID {
		t.Fatalf("ID after restart %d, not above %d", e2.ID, e1.ID)
	}
	waitSignal(t, sig, "append after restart")
	retry(t, "read after restart", func() error {
		got, err := b.EventsAfter(ctx, e1.ID, 10)
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].ID != e2.ID {
			return fmt.Errorf("B reads %+v, want event %d", got, e2.ID)
		}
		return nil
	})

	cancel()
	waitClosed(t, sig)
}

// waitClosed waits for ch to be closed, letting pending signals through.
func waitClosed(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	timeout := time.After(waitCap)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-timeout:
			t.Fatalf("signal channel not closed within %v", waitCap)
		}
	}
}

// TestEventSignalClosedWithStore: Close ends every signal.
func TestEventSignalClosedWithStore(t *testing.T) {
	db, err := openErr(context.Background(), pgtest.Start(t).NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	sig := db.Events().EventSignal(context.Background())
	db.Close()
	waitClosed(t, sig)
	if _, ok := <-db.Events().EventSignal(context.Background()); ok {
		t.Fatal("a signal from a closed store is open")
	}
}
