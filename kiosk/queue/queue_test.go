package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/doc"
	"github.com/motcua/kiosk/kiosk/store"
)

type fakePrinter struct {
	err  error
	docs []doc.Doc
}

func (f *fakePrinter) Print(_ context.Context, d doc.Doc) error {
	if f.err != nil {
		return f.err
	}
	f.docs = append(f.docs, d)
	return nil
}
func (f *fakePrinter) Status(context.Context) (doc.Status, error) {
	return doc.Status{Online: true}, nil
}

func newQueue(t *testing.T, path string, now func() time.Time, edit func(*config.Config)) *Service {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := config.Default()
	cfg.Queue.ResetHour = 3
	if edit != nil {
		edit(&cfg)
	}
	return New(db, cfg, now)
}

func TestNumberingPerServicePerBusinessDay(t *testing.T) {
	ctx := context.Background()
	ict := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, ict)
	q := newQueue(t, store.Memory, func() time.Time { return now }, nil)
	steps := []struct {
		at   time.Time
		svc  string
		code string
		day  string
	}{
		{time.Date(2026, 11, 22, 9, 0, 0, 0, ict), "HT", "A-0001", "2026-11-22"},
		{time.Date(2026, 11, 22, 9, 1, 0, 0, ict), "HT", "A-0002", "2026-11-22"},
		{time.Date(2026, 11, 22, 9, 2, 0, 0, ict), "CT", "B-0001", "2026-11-22"},
		{time.Date(2026, 11, 23, 2, 0, 0, 0, ict), "HT", "A-0003", "2026-11-22"}, // before the 03:00 reset
		{time.Date(2026, 11, 23, 3, 0, 0, 0, ict), "HT", "A-0001", "2026-11-23"},
	}
	for _, s := range steps {
		now = s.at
		tk, err := q.Issue(ctx, s.svc, "")
		if err != nil || tk.Code != s.code || tk.Day != s.day || tk.PrintState != "pending" {
			t.Fatalf("at %v: %+v %v, want %s on %s", s.at, tk, err, s.code, s.day)
		}
	}
}

func TestCapClosedAndPriorityErrors(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, store.Memory, nil, func(c *config.Config) { c.Queue.Services[0].DailyCap = 2 })
	q.Issue(ctx, "HT", "")
	q.Issue(ctx, "HT", "")
	if _, err := q.Issue(ctx, "HT", ""); !errors.Is(err, ErrCapped) {
		t.Fatalf("cap: %v", err)
	}
	q.SetOpen(ctx, "CT", false)
	if _, err := q.Issue(ctx, "CT", ""); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed: %v", err)
	}
	if _, err := q.Issue(ctx, "XX", ""); !errors.Is(err, ErrNoService) {
		t.Fatalf("unknown service: %v", err)
	}
	if _, err := q.Issue(ctx, "DD", "vip"); !errors.Is(err, ErrPriority) {
		t.Fatalf("unknown priority: %v", err)
	}
	svs, _ := q.Services(ctx)
	if svs[0].Waiting != 2 || svs[1].Open {
		t.Fatalf("services: %+v", svs[:2])
	}
}

func TestPeopleAhead(t *testing.T) {
	cases := []struct {
		ordering        string
		prio            bool
		nPrio, nRegular int
		want            int
	}{
		{"strict", false, 2, 5, 7},
		{"strict", true, 2, 5, 2},
		{"interleaved", true, 0, 10, 3}, // one priority after every 3 regular
		{"interleaved", true, 1, 10, 7}, // waits for the earlier priority and 6 regular
		{"interleaved", false, 4, 3, 5}, // 3 regular + 2 priority slots
		{"interleaved", false, 0, 0, 0},
	}
	for _, c := range cases {
		if got := PeopleAhead(c.ordering, 3, c.prio, c.nPrio, c.nRegular); got != c.want {
			t.Errorf("%+v: got %d", c, got)
		}
	}
}

func TestPrintFailureKeepsNumberAndReprint(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, store.Memory, nil, nil)
	p := &fakePrinter{err: fmt.Errorf("printer: before: %w", doc.ErrPaperEnd)}
	tk, _ := q.Issue(ctx, "HT", "elderly")
	got, err := q.Print(ctx, p, tk)
	if !errors.Is(err, doc.ErrPaperEnd) || got.PrintState != "failed" || got.PrintError != "paper_end" || got.AdviceVI == "" || got.Code != tk.Code {
		t.Fatalf("failed print: %+v %v", got, err)
	}
	var faults int
	q.db.QueryRow(`SELECT COUNT(*) FROM printer_faults WHERE kind = 'paper_end' AND ticket = ?`, tk.ID).Scan(&faults)
	if faults != 1 {
		t.Fatalf("fault not recorded")
	}
	p.err = nil
	again, err := q.Reprint(ctx, p, tk.ID)
	if err != nil || again.Code != tk.Code || again.PrintState != "printed" || again.Reprints != 1 {
		t.Fatalf("reprint: %+v %v", again, err)
	}
	all, _ := q.Today(ctx)
	if len(all) != 1 {
		t.Fatalf("reprint made a new ticket: %d", len(all))
	}
	d := p.docs[0]
	if len(d.Blocks) < 4 || d.Blocks[2].(doc.Text).Text != tk.Code || !d.Cut {
		t.Fatalf("ticket doc %+v", d)
	}
}

// Two processes, eight goroutines each, one store file: 1,000 tickets with
// distinct numbers and no gap per service.
func TestConcurrentIssuanceTwoProcesses(t *testing.T) {
	if os.Getenv("QUEUE_HELPER") != "" {
		return
	}
	path := filepath.Join(t.TempDir(), "kiosk.db")
	newQueue(t, path, nil, nil) // migrate once
	const perProc = 500
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIssue$")
	cmd.Env = append(os.Environ(), "QUEUE_HELPER=1", "QUEUE_DB="+path, "QUEUE_N="+strconv.Itoa(perProc))
	var out []byte
	var cmdErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); out, cmdErr = cmd.CombinedOutput() }()
	if err := issueMany(path, perProc); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if cmdErr != nil {
		t.Fatalf("helper process: %v\n%s", cmdErr, out)
	}
	db, _ := store.Open(context.Background(), path)
	defer db.Close()
	rows, _ := db.Query(`SELECT service, number FROM tickets ORDER BY service, number`)
	nums := map[string][]int{}
	total := 0
	for rows.Next() {
		var s string
		var n int
		rows.Scan(&s, &n)
		nums[s] = append(nums[s], n)
		total++
	}
	rows.Close()
	if total != 2*perProc {
		t.Fatalf("%d tickets, want %d", total, 2*perProc)
	}
	for s, ns := range nums {
		sort.Ints(ns)
		for i, n := range ns {
			if n != i+1 {
				t.Fatalf("service %s: number %d at position %d (gap or duplicate)", s, n, i+1)
			}
		}
	}
}

func TestHelperIssue(t *testing.T) {
	if os.Getenv("QUEUE_HELPER") == "" {
		t.Skip("helper process for TestConcurrentIssuanceTwoProcesses")
	}
	n, _ := strconv.Atoi(os.Getenv("QUEUE_N"))
	if err := issueMany(os.Getenv("QUEUE_DB"), n); err != nil {
		t.Fatal(err)
	}
}

func issueMany(path string, n int) error {
	db, err := store.Open(context.Background(), path)
	if err != nil {
		return err
	}
	defer db.Close()
	q := New(db, config.Default(), nil)
	services := []string{"HT", "CT", "DD"}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < n; i += 8 {
				if _, err := q.Issue(context.Background(), services[i%3], ""); err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	return <-errs
}
