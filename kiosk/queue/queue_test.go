package queue_test

import (
	"context"
	"errors"
	. "github.com/motcua/kiosk/kiosk/queue"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestBusinessDay(t *testing.T) {
	cases := []struct {
		reset int
		at    time.Time
		want  string
	}{
		{3, time.Date(2026, 11, 22, 9, 0, 0, 0, ict), "2026-11-22"},
		{3, time.Date(2026, 11, 23, 2, 0, 0, 0, ict), "2026-11-22"}, // 02:00 before a 03:00 reset
		{3, time.Date(2026, 11, 23, 2, 59, 59, 0, ict), "2026-11-22"},
		{3, time.Date(2026, 11, 23, 3, 0, 0, 0, ict), "2026-11-23"},
		{3, time.Date(2026, 11, 22, 19, 30, 0, 0, time.UTC), "2026-11-22"}, // 02:30 ICT on the 23rd
		{3, time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC), "2026-11-23"},  // 03:00 ICT
		{3, time.Date(2027, 1, 1, 1, 0, 0, 0, ict), "2026-12-31"},          // across the year
		{3, time.Date(2028, 3, 1, 0, 30, 0, 0, ict), "2028-02-29"},         // leap day
		{0, time.Date(2026, 11, 23, 0, 0, 0, 0, ict), "2026-11-23"},        // reset at midnight
		{0, time.Date(2026, 11, 22, 23, 59, 0, 0, ict), "2026-11-22"},
		{23, time.Date(2026, 11, 22, 22, 0, 0, 0, ict), "2026-11-21"},
	}
	for _, c := range cases {
		cfg := config.Default()
		cfg.Queue.ResetHour = c.reset
		if got := New(nil, cfg, nil).Day(c.at); got != c.want {
			t.Errorf("reset %d, %v: day %s, want %s", c.reset, c.at, got, c.want)
		}
	}
}

func TestNumberingPerServicePerBusinessDay(t *testing.T) {
	ctx := context.Background()
	clk := &clock{}
	q := newQueue(t, sqlite.Memory, clk.now, nil)
	steps := []struct {
		at   time.Time
		svc  string
		prio string
		code string
		day  string
	}{
		{time.Date(2026, 11, 22, 9, 0, 0, 0, ict), "HT", "", "A-0001", "2026-11-22"},
		{time.Date(2026, 11, 22, 9, 1, 0, 0, ict), "HT", "elderly", "A-0002", "2026-11-22"}, // priority shares the sequence
		{time.Date(2026, 11, 22, 9, 2, 0, 0, ict), "CT", "", "B-0001", "2026-11-22"},
		{time.Date(2026, 11, 22, 23, 0, 0, 0, ict), "HT", "", "A-0003", "2026-11-22"},
		{time.Date(2026, 11, 23, 2, 0, 0, 0, ict), "HT", "", "A-0004", "2026-11-22"}, // before the 03:00 reset
		{time.Date(2026, 11, 23, 3, 0, 0, 0, ict), "HT", "", "A-0001", "2026-11-23"},
		{time.Date(2026, 11, 23, 3, 1, 0, 0, ict), "CT", "", "B-0001", "2026-11-23"},
		{time.Date(2026, 11, 24, 8, 0, 0, 0, ict), "HT", "", "A-0001", "2026-11-24"},
	}
	for _, s := range steps {
		clk.set(s.at)
		tk, err := q.Issue(ctx, s.svc, s.prio)
		if err != nil || tk.Code != s.code || tk.Day != s.day || tk.PrintState != StatePending || tk.Priority != s.prio {
			t.Fatalf("at %v: %+v %v, want %s on %s", s.at, tk, err, s.code, s.day)
		}
	}
	clk.set(time.Date(2026, 11, 23, 2, 30, 0, 0, ict))
	ts, err := q.Today(ctx)
	if err != nil || len(ts) != 5 || ts[0].Code != "A-0004" {
		t.Fatalf("business day 22 has %d tickets, newest %+v: %v", len(ts), ts, err)
	}
}

func TestIssueErrors(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, func(c *config.Config) {
		c.Queue.Services[0].DailyCap = 2
		c.Queue.Services[2].Open = false // DD closed in the config
	})
	mustIssue(t, q, "HT", "")
	mustIssue(t, q, "HT", "")
	cases := []struct {
		svc, prio string
		want      error
	}{
		{"HT", "", ErrCapped},
		{"HT", "elderly", ErrCapped},
		{"DD", "", ErrClosed},
		{"XX", "", ErrNoService},
		{"CT", "vip", ErrPriority},
	}
	for _, c := range cases {
		tk, err := q.Issue(ctx, c.svc, c.prio)
		var ie *IssueError
		if !errors.Is(err, c.want) || !errors.As(err, &ie) || ie.VI == "" || ie.EN == "" || tk.ID != 0 {
			t.Errorf("%s %q: %+v %v, want %v with messages", c.svc, c.prio, tk, err, c.want)
		}
	}
	capVI, _ := Message(IssueErr(ErrCapped, "HT"))
	closedVI, _ := Message(ErrClosed)
	if capVI == closedVI {
		t.Errorf("cap and closed share a message: %q", capVI)
	}
	// Staff override both ways, and it survives a new Service on the same store.
	if err := q.SetOpen(ctx, "CT", false); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Issue(ctx, "CT", ""); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed by staff: %v", err)
	}
	if err := q.SetOpen(ctx, "DD", true); err != nil {
		t.Fatal(err)
	}
	if tk, err := Reopen(q).Issue(ctx, "DD", ""); err != nil || tk.Code != "C-0001" {
		t.Fatalf("opened by staff: %+v %v", tk, err)
	}
	if err := q.SetOpen(ctx, "XX", true); !errors.Is(err, ErrNoService) {
		t.Fatalf("set unknown: %v", err)
	}
	svs, err := q.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ServiceView{
		"HT": {Waiting: 2, Issued: 2, DailyCap: 2, Open: true},
		"CT": {Waiting: 0, Issued: 0, Open: false},
		"DD": {Waiting: 1, Issued: 1, Open: true},
	}
	for _, v := range svs {
		w, ok := want[v.Code]
		if ok && (v.Waiting != w.Waiting || v.Issued != w.Issued || v.DailyCap != w.DailyCap || v.Open != w.Open) {
			t.Errorf("service %s: %+v, want %+v", v.Code, v, w)
		}
	}
	if len(svs) != len(ConfigOf(q).Queue.Services) || svs[0].Code != "HT" || svs[0].Name == "" {
		t.Fatalf("services: %+v", svs)
	}
}

func TestEventsCarryNoPersonalData(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, nil)
	var rec events.Recorder
	q.SetEmitter(&rec)
	tk := mustIssue(t, q, "HT", "elderly")
	q.SetOpen(ctx, "CT", false)
	evs := rec.Events()
	if len(evs) != 2 || evs[0].Name != EventTicket || evs[0].Data.(Ticket).Code != tk.Code || evs[1].Name != EventService {
		t.Fatalf("events: %+v", evs)
	}
	if v := evs[1].Data.(ServiceView); v.Code != "CT" || v.Open {
		t.Fatalf("service event: %+v", v)
	}
}
