package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/motcua/kiosk/kiosk/queue"
)

// AtCounter and WaitingIn: what is at a counter, and who waits in lines.
func testCounters(t *testing.T, st Stores) {
	ctx := context.Background()
	a := issue(t, st.Queue, "HT", lday, "")
	b := issue(t, st.Queue, "HT", lday, "")
	c := issue(t, st.Queue, "CT", lday, "")
	d := issue(t, st.Queue, "HT", lday, "")
	callID(t, st.Queue, "HT", a.ID) // at counter 3
	callID(t, st.Queue, "HT", b.ID)
	if _, err := st.Queue.Act(ctx, b.ID, func(t *queue.Ticket) error { t.Status = queue.StatusParked; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Queue.Act(ctx, a.ID, func(t *queue.Ticket) error { t.Status = queue.StatusDone; return nil }); err != nil {
		t.Fatal(err)
	}
	at, err := st.Queue.AtCounter(ctx, "3", lday)
	if err != nil || len(at) != 1 || at[0].ID != b.ID || at[0].Status != queue.StatusParked {
		t.Fatalf("at counter 3: %+v, %v; want only the parked %d", at, err, b.ID)
	}
	if at, err := st.Queue.AtCounter(ctx, "9", lday); err != nil || len(at) != 0 {
		t.Fatalf("at counter 9: %+v, %v", at, err)
	}
	got := func(lines []string, limit int) string {
		ws, err := st.Queue.WaitingIn(ctx, lines, lday, limit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, w := range ws {
			ids = append(ids, w.ID)
		}
		return fmt.Sprint(ids)
	}
	for _, tc := range []struct {
		lines []string
		limit int
		want  string
	}{
		{[]string{"HT"}, 10, fmt.Sprint([]int64{d.ID})},
		{[]string{"HT", "CT"}, 10, fmt.Sprint([]int64{c.ID, d.ID})},
		{[]string{"HT", "CT"}, 1, fmt.Sprint([]int64{c.ID})},
		{nil, 10, "[]"},
	} {
		if g := got(tc.lines, tc.limit); g != tc.want {
			t.Errorf("waiting in %v (limit %d) = %s, want %s", tc.lines, tc.limit, g, tc.want)
		}
	}
}
