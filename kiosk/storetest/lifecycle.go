package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/queue"
)

const lday = "2026-11-22"

var (
	at1 = t0.Add(time.Minute).Format(time.RFC3339)
	at2 = t0.Add(2 * time.Minute).Format(time.RFC3339)
)

// noIDs drops the IDs, for comparing by number.
func noIDs(ws []queue.Waiting) []queue.Waiting {
	out := slices.Clone(ws)
	for i := range out {
		out[i].ID = 0
	}
	return out
}

func ids(ws []queue.Waiting) []int64 {
	var out []int64
	for _, w := range ws {
		out = append(out, w.ID)
	}
	return out
}

// called is the mark of a call to counter by officer at at1.
func called(counter, officer string) func(*queue.Ticket) {
	return func(t *queue.Ticket) {
		t.Status, t.Counter, t.Officer, t.CalledAt = queue.StatusCalled, counter, officer, at1
	}
}

// pickID picks ticket id if it waits; lowest / highest pick by issue order.
func pickID(id int64) func(queue.Line) (int64, bool) {
	return func(l queue.Line) (int64, bool) {
		return id, slices.Contains(ids(l.Waiting), id)
	}
}

func lowest(l queue.Line) (int64, bool) {
	if len(l.Waiting) == 0 {
		return 0, false
	}
	return slices.Min(ids(l.Waiting)), true
}

func highest(l queue.Line) (int64, bool) {
	if len(l.Waiting) == 0 {
		return 0, false
	}
	return slices.Max(ids(l.Waiting)), true
}

func callID(t *testing.T, s queue.Store, line string, id int64) queue.Ticket {
	t.Helper()
	tk, err := s.CallTicket(context.Background(), line, lday, pickID(id), called("3", "off-1"))
	if err != nil || tk.ID != id {
		t.Fatalf("call %d on %s: got %d, %v", id, line, tk.ID, err)
	}
	return tk
}

func mustRead(t *testing.T, s queue.Store, id int64) queue.Ticket {
	t.Helper()
	tk, err := s.Ticket(context.Background(), id)
	if err != nil {
		t.Fatalf("read %d: %v", id, err)
	}
	return tk
}

// (a) A call, then recall, start and finish, each stored and read back.
func testLifeActs(t *testing.T, st Stores) {
	ctx := context.Background()
	tk := issue(t, st.Queue, "HT", lday, "")
	if tk.Status != queue.StatusWaiting || tk.Line != "HT" || tk.Called {
		t.Fatalf("issued %+v", tk)
	}
	c := callID(t, st.Queue, "HT", tk.ID)
	if c.Status != queue.StatusCalled || !c.Called || c.Counter != "3" || c.Officer != "off-1" || c.CalledAt != at1 {
		t.Fatalf("called %+v", c)
	}
	if got := mustRead(t, st.Queue, tk.ID); !reflect.DeepEqual(got, c) {
		t.Fatalf("read after call %+v, want %+v", got, c)
	}
	for _, step := range []struct {
		name  string
		apply func(*queue.Ticket)
		check func(queue.Ticket) bool
	}{
		{"recall", func(t *queue.Ticket) { t.Recalls++ }, func(t queue.Ticket) bool { return t.Recalls == 1 && t.Status == queue.StatusCalled }},
		{"start", func(t *queue.Ticket) { t.Status, t.StartedAt = queue.StatusServing, at1 },
			func(t queue.Ticket) bool {
				return t.StartedAt == at1 && t.Status == queue.StatusServing && t.Recalls == 1
			}},
		{"finish", func(t *queue.Ticket) { t.Status, t.FinishedAt, t.Note = queue.StatusDone, at2, "ok" },
			func(t queue.Ticket) bool {
				return t.FinishedAt == at2 && t.Status == queue.StatusDone && t.Note == "ok" && t.StartedAt == at1 && t.Called
			}},
	} {
		got, err := st.Queue.Act(ctx, tk.ID, func(t *queue.Ticket) error { step.apply(t); return nil })
		if err != nil || !step.check(got) || got.Counter != "3" || got.Officer != "off-1" || got.CalledAt != at1 {
			t.Fatalf("%s: %+v %v", step.name, got, err)
		}
		if read := mustRead(t, st.Queue, tk.ID); !reflect.DeepEqual(read, got) {
			t.Fatalf("%s: read back %+v, Act gave %+v", step.name, read, got)
		}
	}
	if l, _ := st.Queue.Line(ctx, "HT", lday); len(l.Waiting) != 0 || fmt.Sprint(ids(l.Called)) != fmt.Sprint([]int64{tk.ID}) {
		t.Fatalf("line after acts %+v", l)
	}
}

// (b) An Act whose apply fails stores nothing; an unknown ticket is ErrNoTicket.
func testLifeActRefused(t *testing.T, st Stores) {
	ctx := context.Background()
	tk := issue(t, st.Queue, "HT", lday, "")
	before := callID(t, st.Queue, "HT", tk.ID)
	refuse := errors.New("not now")
	_, err := st.Queue.Act(ctx, tk.ID, func(t *queue.Ticket) error {
		t.Status, t.Line, t.Recalls, t.Note, t.FinishedAt = queue.StatusDone, "CT", 7, "x", at2
		return refuse
	})
	if !errors.Is(err, refuse) {
		t.Fatalf("refused act: %v", err)
	}
	if got := mustRead(t, st.Queue, tk.ID); !reflect.DeepEqual(got, before) {
		t.Fatalf("refused act stored %+v, was %+v", got, before)
	}
	if _, err := st.Queue.Act(ctx, tk.ID+100, func(*queue.Ticket) error { return nil }); !errors.Is(err, queue.ErrNoTicket) {
		t.Fatalf("act on unknown ticket: %v", err)
	}
}

// (c) A ticket transferred to another line keeps its place there (issue order).
func testLifeTransfer(t *testing.T, st Stores) {
	ctx := context.Background()
	a := issue(t, st.Queue, "A", lday, "")
	b1, b2 := issue(t, st.Queue, "B", lday, ""), issue(t, st.Queue, "B", lday, "")
	callID(t, st.Queue, "A", a.ID)
	moved, err := st.Queue.Act(ctx, a.ID, func(t *queue.Ticket) error {
		t.Line, t.Status, t.Counter, t.Note = "B", queue.StatusWaiting, "", "needs B"
		t.Transfers++
		return nil
	})
	if err != nil || moved.Line != "B" || moved.Status != queue.StatusWaiting || moved.Transfers != 1 || moved.Called || moved.Service != "A" {
		t.Fatalf("transfer: %+v %v", moved, err)
	}
	c, _ := st.Queue.ServiceCounts(ctx, lday)
	if c["A"] != (queue.Counts{Waiting: 0, Issued: 1}) || c["B"] != (queue.Counts{Waiting: 3, Issued: 2}) {
		t.Fatalf("counts after transfer %+v", c)
	}
	la, _ := st.Queue.Line(ctx, "A", lday)
	lb, _ := st.Queue.Line(ctx, "B", lday)
	if len(la.Waiting)+len(la.Called) != 0 || fmt.Sprint(ids(lb.Waiting)) != fmt.Sprint([]int64{a.ID, b1.ID, b2.ID}) {
		t.Fatalf("lines after transfer: A %+v, B %+v", la, lb)
	}
	first := func(l queue.Line) (int64, bool) {
		o := queue.Order(l.Waiting, queue.Strict, 1, 0)
		if len(o) == 0 {
			return 0, false
		}
		return o[0].ID, true
	}
	got, err := st.Queue.CallTicket(ctx, "B", lday, first, called("5", ""))
	if err != nil || got.ID != a.ID || got.Line != "B" || got.Counter != "5" || got.Transfers != 1 || got.Status != queue.StatusCalled {
		t.Fatalf("next on B: %+v %v, want the transferred %d", got, err, a.ID)
	}
	if c, _ := st.Queue.ServiceCounts(ctx, lday); c["B"] != (queue.Counts{Waiting: 2, Issued: 2}) {
		t.Fatalf("counts after the call %+v", c)
	}
}

// (d) Concurrent calls on one line: each ticket once, in one call order.
func testLifeConcurrentCalls(t *testing.T, st Stores) {
	ctx := context.Background()
	const n, callers = 40, 8
	for range n {
		issue(t, st.Queue, "HT", lday, "")
	}
	var mu sync.Mutex
	times := map[int64]int{}
	errs := make(chan error, callers)
	var wg sync.WaitGroup
	for g := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// n calls in all for n tickets: none may find the line empty.
			// highest: a lost update of the call order would show as
			// Called out of descending order.
			for range n / callers {
				tk, err := st.Queue.CallTicket(ctx, "HT", lday, highest, called(fmt.Sprint(g), ""))
				if err != nil {
					errs <- fmt.Errorf("caller %d: %w", g, err)
					return
				}
				mu.Lock()
				times[tk.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if _, err := st.Queue.CallTicket(ctx, "HT", lday, highest, called("1", "")); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("a call after all were called: %v", err)
	}
	l, err := st.Queue.Line(ctx, "HT", lday)
	if err != nil || len(l.Waiting) != 0 || len(l.Called) != n || len(times) != n {
		t.Fatalf("after calls: %d waiting, %d called, %d distinct, %v", len(l.Waiting), len(l.Called), len(times), err)
	}
	for id, k := range times {
		if k != 1 {
			t.Fatalf("ticket %d called %d times", id, k)
		}
	}
	got := ids(l.Called)
	if !slices.IsSortedFunc(got, func(a, b int64) int { return int(b - a) }) {
		t.Fatalf("call order %v, want descending IDs (each call took the then-highest)", got)
	}
	// The next call order follows the 40th without gap: a new ticket called
	// now comes last.
	extra := issue(t, st.Queue, "HT", lday, "")
	callID(t, st.Queue, "HT", extra.ID)
	if l, _ = st.Queue.Line(ctx, "HT", lday); len(l.Called) != n+1 || l.Called[n].ID != extra.ID {
		t.Fatalf("extra call not last: %v", ids(l.Called))
	}
}

// (e) Concurrent Acts on one ticket serialise: "finish if serving" once.
func testLifeConcurrentActs(t *testing.T, st Stores) {
	ctx := context.Background()
	notServing := errors.New("not serving")
	finish := func(t *queue.Ticket) error {
		if t.Status != queue.StatusServing {
			return notServing
		}
		t.Status, t.FinishedAt = queue.StatusDone, at2
		return nil
	}
	for round := range 5 {
		tk := issue(t, st.Queue, "HT", lday, "")
		callID(t, st.Queue, "HT", tk.ID)
		if _, err := st.Queue.Act(ctx, tk.ID, func(t *queue.Ticket) error { t.Status = queue.StatusServing; return nil }); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make([]error, 2)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, results[i] = st.Queue.Act(ctx, tk.ID, finish)
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range results {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, notServing):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d finishes succeeded (%v), want exactly 1", round, ok, results)
		}
		if got := mustRead(t, st.Queue, tk.ID); got.Status != queue.StatusDone || got.FinishedAt != at2 {
			t.Fatalf("round %d: %+v", round, got)
		}
	}
}

// (f) Guidance and the wait estimate round-trip; oversized guidance is refused.
func testLifeGuidance(t *testing.T, st Stores) {
	ctx := context.Background()
	g := &queue.Guidance{Procedure: "1.001", Name: "Đăng ký khai sinh", Case: "đúng hạn",
		Ticked: []string{"Tờ khai", "Giấy chứng sinh"}, Missing: []string{}, Fee: "miễn phí", Paid: "MC123"}
	with := func(g *queue.Guidance, est int) func(*bool, int) (queue.Ticket, error) {
		return func(o *bool, last int) (queue.Ticket, error) {
			tk, err := plain("HT", lday, "")(o, last)
			tk.Guidance, tk.EstWait = g, est
			return tk, err
		}
	}
	for _, c := range []struct {
		name string
		g    *queue.Guidance
		est  int
	}{{"guided", g, 300}, {"none", nil, -1}} {
		tk, err := st.Queue.IssueTicket(ctx, "HT", lday, "", with(c.g, c.est))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := mustRead(t, st.Queue, tk.ID)
		if !reflect.DeepEqual(got.Guidance, c.g) || got.EstWait != c.est || !reflect.DeepEqual(got, stored(tk)) {
			t.Fatalf("%s: read %+v, issued %+v", c.name, got, tk)
		}
	}
	big := &queue.Guidance{Procedure: "x", Ticked: []string{strings.Repeat("a", queue.MaxGuidance)}}
	if _, err := st.Queue.IssueTicket(ctx, "HT", lday, "", with(big, 0)); !errors.Is(err, queue.ErrGuidance) {
		t.Fatalf("oversized guidance: %v", err)
	}
	if ts, _ := st.Queue.Tickets(ctx, lday); len(ts) != 2 {
		t.Fatalf("%d tickets after a refused one, want 2", len(ts))
	}
}

// stored is an IssueTicket result as a later read gives it.
func stored(t queue.Ticket) queue.Ticket {
	t.Key, t.Replayed = "", false
	return t
}

// (g) Line: Called in call order (by CallTicket or an Act), Waiting by issue order.
func testLifeLineOrder(t *testing.T, st Stores) {
	ctx := context.Background()
	c1 := issue(t, st.Queue, "CT", lday, "")
	h := []queue.Ticket{issue(t, st.Queue, "HT", lday, ""), issue(t, st.Queue, "HT", lday, "elderly"),
		issue(t, st.Queue, "HT", lday, ""), issue(t, st.Queue, "HT", lday, "")}
	callID(t, st.Queue, "HT", h[2].ID)
	callID(t, st.Queue, "HT", h[0].ID)
	if _, err := st.Queue.Act(ctx, c1.ID, func(t *queue.Ticket) error { t.Line = "HT"; t.Transfers++; return nil }); err != nil {
		t.Fatal(err)
	}
	out, err := st.Queue.Act(ctx, h[3].ID, func(t *queue.Ticket) error {
		t.Status, t.Counter, t.CalledAt, t.Note = queue.StatusCalled, "2", at1, "appointment"
		return nil
	})
	if err != nil || !out.Called || out.Note != "appointment" {
		t.Fatalf("call by Act: %+v %v", out, err)
	}
	l, err := st.Queue.Line(ctx, "HT", lday)
	if err != nil {
		t.Fatal(err)
	}
	wantWaiting := []queue.Waiting{{ID: c1.ID, Number: 1}, {ID: h[1].ID, Number: 2, Priority: true}}
	wantCalled := []int64{h[2].ID, h[0].ID, h[3].ID}
	if !reflect.DeepEqual(l.Waiting, wantWaiting) || !reflect.DeepEqual(ids(l.Called), wantCalled) {
		t.Fatalf("line %+v, want waiting %+v called %v", l, wantWaiting, wantCalled)
	}
}
