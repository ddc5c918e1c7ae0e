package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// testEvents checks the centre's event log: store-wide increasing IDs,
// resume after an ID, limits, pruning that keeps the newest, and signals.
func testEvents(t *testing.T, s Stores) {
	if s.Events == nil {
		t.Skip("store has no event log")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l := s.Events
	if id, err := l.LastEventID(ctx); err != nil || id != 0 {
		t.Fatalf("empty log: LastEventID = %d, %v; want 0", id, err)
	}
	sigCtx, stopSig := context.WithCancel(ctx)
	sig := l.EventSignal(sigCtx)
	var ids []int64
	for i := 0; i < 5; i++ {
		at := t0.Add(time.Duration(i) * time.Hour)
		e, err := l.AppendEvent(ctx, "queue:ticket", json.RawMessage(fmt.Sprintf(`{"n":%d}`, i)), at)
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		if len(ids) > 0 && e.ID <= ids[len(ids)-1] {
			t.Fatalf("IDs must grow: %d after %d", e.ID, ids[len(ids)-1])
		}
		ids = append(ids, e.ID)
	}
	select {
	case <-sig:
	case <-ctx.Done():
		t.Fatal("no signal after appends")
	}
	stopSig()
	for range sig { // closed when its context ends
	}
	all, err := l.EventsAfter(ctx, 0, 100)
	if err != nil || len(all) != 5 {
		t.Fatalf("EventsAfter(0) = %d events, %v; want 5", len(all), err)
	}
	for i, e := range all {
		var d struct{ N int }
		if e.ID != ids[i] || e.Name != "queue:ticket" || json.Unmarshal(e.Data, &d) != nil || d.N != i {
			t.Fatalf("event %d = %+v (%s)", i, e, e.Data)
		}
		if !e.At.Equal(t0.Add(time.Duration(i) * time.Hour)) {
			t.Fatalf("event %d at %v", i, e.At)
		}
	}
	page, err := l.EventsAfter(ctx, ids[1], 2)
	if err != nil || len(page) != 2 || page[0].ID != ids[2] || page[1].ID != ids[3] {
		t.Fatalf("EventsAfter(%d, 2) = %+v, %v", ids[1], page, err)
	}
	if last, err := l.LastEventID(ctx); err != nil || last != ids[4] {
		t.Fatalf("LastEventID = %d, %v; want %d", last, err, ids[4])
	}
	// Prune everything: the newest stays so IDs keep growing past it.
	if err := l.PruneEvents(ctx, t0.Add(100*time.Hour)); err != nil {
		t.Fatal(err)
	}
	left, err := l.EventsAfter(ctx, 0, 100)
	if err != nil || len(left) != 1 || left[0].ID != ids[4] {
		t.Fatalf("after prune: %+v, %v; want only %d", left, err, ids[4])
	}
	e, err := l.AppendEvent(ctx, "queue:call", json.RawMessage(`{}`), t0)
	if err != nil || e.ID <= ids[4] {
		t.Fatalf("append after prune: id %d, %v; want > %d", e.ID, err, ids[4])
	}
}
