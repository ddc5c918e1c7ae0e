package queue_test

import (
	"context"
	"errors"
	"fmt"
	. "github.com/motcua/kiosk/kiosk/queue"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// parse turns "1 2p 3" into waiting tickets (p = priority).
func parse(s string) []Waiting {
	var ws []Waiting
	for _, f := range strings.Fields(s) {
		var w Waiting
		w.Priority = strings.HasSuffix(f, "p")
		fmt.Sscan(strings.TrimSuffix(f, "p"), &w.Number)
		w.ID = int64(w.Number) // issue order follows the number on one line
		ws = append(ws, w)
	}
	return ws
}

func format(ws []Waiting) string {
	var b []string
	for _, w := range ws {
		s := fmt.Sprint(w.Number)
		if w.Priority {
			s += "p"
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func TestOrder(t *testing.T) {
	cases := []struct {
		ordering string
		every    int
		phase    int
		in, want string
	}{
		{Strict, 3, 0, "1 2 3p 4 5p 6", "3p 5p 1 2 4 6"},
		{Strict, 3, 5, "1 2 3p", "3p 1 2"},
		{Interleaved, 3, 0, "1 2 3p 4 5p 6", "1 2 4 3p 6 5p"},
		{Interleaved, 3, 0, "1 2 3 4 5 6 7 8p 9p", "1 2 3 8p 4 5 6 9p 7"},
		{Interleaved, 3, 2, "1 2 3p", "1 3p 2"},   // two regular already called since the last priority
		{Interleaved, 3, 3, "1 2 3p", "3p 1 2"},   // a priority is due now
		{Interleaved, 3, 9, "1p 2p 3", "1p 3 2p"}, // one is due; then the count restarts and regulars go first
		{Interleaved, 1, 0, "1 2 3 4p 5p 6p", "1 4p 2 5p 3 6p"},
		{Interleaved, 2, 0, "1p 2p 3p", "1p 2p 3p"}, // only priority waiting
		{Interleaved, 2, 0, "3 1 2", "1 2 3"},       // input order does not matter
		{Interleaved, 0, 0, "1 2p", "1 2p"},         // every < 1 counts as 1
		{Strict, 3, 0, "", ""},
	}
	for _, c := range cases {
		got := format(Order(parse(c.in), c.ordering, c.every, c.phase))
		if got != c.want {
			t.Errorf("%s every %d phase %d [%s]: got [%s], want [%s]", c.ordering, c.every, c.phase, c.in, got, c.want)
		}
	}
	if a := Ahead(parse("1 2 3p"), Strict, 3, 0, 2); a != 2 { // ticket ID 2
		t.Errorf("strict ahead of 2: %d", a)
	}
	if a := Ahead(parse("1 2"), Strict, 3, 0, 7); a != -1 {
		t.Errorf("ahead of a ticket not waiting: %d", a)
	}
}

// People ahead computed from the store must equal the position at which
// Call actually calls each ticket, for both orderings, and stay right after
// some tickets have been called (the interleave phase carries over).
func TestPeopleAheadMatchesCallOrder(t *testing.T) {
	ctx := context.Background()
	// r = regular, p = priority, in issue order; "|" calls half the queue.
	pattern := "r r p r r r p p r r | r p r r p r r r p"
	for _, ordering := range []string{Strict, Interleaved} {
		t.Run(ordering, func(t *testing.T) {
			q := newQueue(t, sqlite.Memory, nil, func(c *config.Config) {
				c.Queue.PriorityOrdering = ordering
				c.Queue.InterleaveEvery = 2
			})
			check := func() {
				t.Helper()
				ts, err := q.Today(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]int{}
				for _, tk := range ts {
					if !tk.Called {
						g, err := q.Get(ctx, tk.ID)
						if err != nil {
							t.Fatal(err)
						}
						want[tk.Code] = g.PeopleAhead
					}
				}
				for i := 0; i < len(want); i++ {
					c, err := q.Call(ctx, "HT", "", "")
					if err != nil {
						t.Fatal(err)
					}
					if want[c.Code] != i || !c.Called {
						t.Fatalf("call %d is %s (priority %q), predicted %d ahead; predictions %v", i, c.Code, c.Priority, want[c.Code], want)
					}
					// Only call half, then issue more and check again.
					if i+1 == (len(want)+1)/2 {
						return
					}
				}
			}
			for _, step := range strings.Fields(pattern) {
				switch step {
				case "|":
					check()
				case "p":
					mustIssue(t, q, "HT", "pregnant")
				default:
					mustIssue(t, q, "HT", "")
				}
			}
			check()
			check()
			for {
				if _, err := q.Call(ctx, "HT", "", ""); errors.Is(err, ErrNoneWaiting) {
					break
				} else if err != nil {
					t.Fatal(err)
				}
			}
			svs, _ := q.Services(ctx)
			if svs[0].Waiting != 0 || svs[0].Issued != 19 {
				t.Fatalf("after calling all: %+v", svs[0])
			}
		})
	}
}

// The people-ahead count at issue: a new regular ticket waits for everyone
// under strict ordering, a new priority ticket only for earlier priority ones.
func TestPeopleAheadAtIssue(t *testing.T) {
	for _, c := range []struct {
		ordering     string
		prio         string
		wantNew      int
		issuedBefore string
	}{
		{Strict, "", 5, "r p r p r"},
		{Strict, "disabled", 2, "r p r p r"},
		{Interleaved, "disabled", 5, "r p r p r"}, // 1 3 2p 5 4p 6p: behind the earlier priority ones
		{Interleaved, "", 4, "r p r p r"},         // 1 3 2p 5 6: 4p waits for two more regulars
		{Interleaved, "disabled", 2, "r r r r r"}, // 1 2 6p
		{Interleaved, "", 5, "r r r r r"},
	} {
		q := newQueue(t, sqlite.Memory, nil, func(cf *config.Config) {
			cf.Queue.PriorityOrdering = c.ordering
			cf.Queue.InterleaveEvery = 2
		})
		for _, s := range strings.Fields(c.issuedBefore) {
			p := ""
			if s == "p" {
				p = "elderly"
			}
			mustIssue(t, q, "HT", p)
		}
		if tk := mustIssue(t, q, "HT", c.prio); tk.PeopleAhead != c.wantNew {
			t.Errorf("%s, new %q after %s: %d ahead, want %d", c.ordering, c.prio, c.issuedBefore, tk.PeopleAhead, c.wantNew)
		}
	}
}

// The interleave phase comes from the store: after two regular calls a
// priority ticket is due, even for a freshly started Service.
func TestCallOrderFromStore(t *testing.T) {
	ctx := context.Background()
	edit := func(c *config.Config) { c.Queue.PriorityOrdering = Interleaved; c.Queue.InterleaveEvery = 2 }
	q := newQueue(t, sqlite.Memory, nil, edit)
	for _, p := range []string{"", "", "", "elderly", "elderly", "", ""} { // 1 2 3 4p 5p 6 7
		mustIssue(t, q, "HT", p)
	}
	want := []string{"A-0001", "A-0002", "A-0004", "A-0003", "A-0006", "A-0005", "A-0007"}
	for i, w := range want {
		if i == 2 {
			q = Reopen(q) // restart: nothing kept in memory
		}
		c, err := q.Call(ctx, "HT", "", "")
		if err != nil || c.Code != w {
			t.Fatalf("call %d: %s %v, want %s", i, c.Code, err, w)
		}
	}
	if _, err := q.Call(ctx, "HT", "", ""); !errors.Is(err, ErrNoneWaiting) {
		t.Fatalf("empty queue: %v", err)
	}
}

func TestTodayListsPeopleAhead(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, func(c *config.Config) { c.Queue.PriorityOrdering = Strict })
	for _, p := range []string{"", "", "meritorious"} {
		mustIssue(t, q, "HT", p)
	}
	mustIssue(t, q, "CT", "")
	ts, err := q.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"A-0001": 1, "A-0002": 2, "A-0003": 0, "B-0001": 0}
	for _, tk := range ts {
		g, _ := q.Get(ctx, tk.ID)
		if tk.PeopleAhead != want[tk.Code] || g.PeopleAhead != tk.PeopleAhead {
			t.Errorf("%s: %d ahead (Get %d), want %d", tk.Code, tk.PeopleAhead, g.PeopleAhead, want[tk.Code])
		}
	}
}
