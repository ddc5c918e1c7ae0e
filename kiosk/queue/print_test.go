package queue_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	. "github.com/motcua/kiosk/kiosk/queue"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestPrintFailureKeepsNumberAndReprint(t *testing.T) {
	cases := []struct {
		err  error
		kind string
	}{
		{doc.ErrPaperEnd, FaultPaperEnd},
		{doc.ErrCoverOpen, FaultCoverOpen},
		{doc.ErrOffline, FaultOffline},
		{doc.ErrUnplugged, FaultUnplugged},
		{doc.ErrNoResponse, FaultNoResponse},
		{errors.New("write: broken pipe"), FaultOther},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			ctx := context.Background()
			q := newQueue(t, sqlite.Memory, nil, nil)
			var rec events.Recorder
			q.SetEmitter(&rec)
			p := &fakePrinter{err: fmt.Errorf("printer: before job: %w", c.err)}
			tk := mustIssue(t, q, "HT", "elderly")
			got, err := q.Print(ctx, p, tk)
			wantVI, wantEN := Advice(c.kind)
			if !errors.Is(err, ErrNotPrinted) || !errors.Is(err, c.err) || got.PrintState != StateFailed ||
				got.PrintError != c.kind || got.AdviceVI != wantVI || got.AdviceEN != wantEN || got.Code != tk.Code || got.ID != tk.ID {
				t.Fatalf("failed print: %+v %v", got, err)
			}
			if vi, _ := Message(err); vi != wantVI {
				t.Errorf("Message(print error) = %q, want the advice", vi)
			}
			stored, _ := q.Get(ctx, tk.ID)
			if stored.PrintState != StateFailed || stored.PrintError != c.kind || stored.AdviceVI != wantVI {
				t.Fatalf("stored: %+v", stored)
			}
			fs, err := q.Faults(ctx, 10)
			if err != nil || len(fs) != 1 || fs[0].Kind != c.kind || fs[0].TicketID != tk.ID || fs[0].Ticket != tk.Code || fs[0].At == "" {
				t.Fatalf("faults: %+v %v", fs, err)
			}
			var faultEv int
			for _, e := range rec.Events() {
				if e.Name == EventFault && e.Data.(Fault).Kind == c.kind {
					faultEv++
				}
			}
			if faultEv != 1 {
				t.Fatalf("fault events: %d", faultEv)
			}

			p.fail(nil)
			again, err := q.Reprint(ctx, p, tk.ID)
			if err != nil || again.Code != tk.Code || again.Number != tk.Number || again.PrintState != StatePrinted ||
				again.Reprints != 1 || again.AdviceVI != "" || p.printed(tk.Code) != 1 {
				t.Fatalf("reprint: %+v %v", again, err)
			}
			twice, err := q.Reprint(ctx, p, tk.ID)
			if err != nil || twice.Reprints != 2 || p.printed(tk.Code) != 2 {
				t.Fatalf("second reprint: %+v %v", twice, err)
			}
			if all, _ := q.Today(ctx); len(all) != 1 || all[0].Reprints != 2 || all[0].PrintedAt == "" {
				t.Fatalf("reprint changed the tickets: %+v", all)
			}
		})
	}
}

func TestReprintUnknown(t *testing.T) {
	q := newQueue(t, sqlite.Memory, nil, nil)
	if _, err := q.Reprint(context.Background(), &fakePrinter{}, 42); !errors.Is(err, ErrNoTicket) {
		t.Fatalf("reprint unknown: %v", err)
	}
}

// Printer unplugged, then back: every issued ticket ends printed exactly
// once, including one left pending by a "crash" between store and print.
func TestRetryPendingPrintsEachOnce(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, nil)
	p := &fakePrinter{}
	a := mustIssue(t, q, "HT", "")
	if _, err := q.Print(ctx, p, a); err != nil {
		t.Fatal(err)
	}
	p.fail(fmt.Errorf("mid-job: %w", doc.ErrUnplugged))
	var failed []Ticket
	for i := 0; i < 3; i++ {
		tk := mustIssue(t, q, "CT", "")
		got, err := q.Print(ctx, p, tk)
		if !errors.Is(err, doc.ErrUnplugged) {
			t.Fatalf("print while unplugged: %v", err)
		}
		failed = append(failed, got)
	}
	crashed := mustIssue(t, q, "DD", "") // stored, never printed (crash before print)
	gone := mustIssue(t, q, "TP", "")    // never printed, but already called: no paper needed
	if c, err := q.Call(ctx, "TP", "", ""); err != nil || c.ID != gone.ID {
		t.Fatalf("call: %+v %v", c, err)
	}
	// Still unplugged: stops at the first, which stays failed.
	if n, err := q.RetryPending(ctx, p); n != 0 || !errors.Is(err, doc.ErrUnplugged) {
		t.Fatalf("retry while unplugged: %d %v", n, err)
	}
	p.fail(nil)
	n, err := q.RetryPending(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(failed)+1 {
		t.Fatalf("retry printed %d, want %d", n, len(failed)+1)
	}
	ts, _ := q.Today(ctx)
	for _, tk := range ts {
		want := 1
		if tk.ID == gone.ID {
			want = 0
		}
		if p.printed(tk.Code) != want || (want == 1) != (tk.PrintState == StatePrinted) {
			t.Errorf("%s: state %s, printed %d times, want %d", tk.Code, tk.PrintState, p.printed(tk.Code), want)
		}
	}
	if p.printed(crashed.Code) != 1 {
		t.Errorf("the ticket left pending by a crash was not printed")
	}
	if n, err := q.RetryPending(ctx, p); n != 0 || err != nil {
		t.Fatalf("second retry printed %d: %v", n, err)
	}
	// The screen's own print after the retry got there first: no second copy.
	got, err := q.Print(ctx, p, failed[0])
	if err != nil || got.PrintState != StatePrinted || p.printed(failed[0].Code) != 1 {
		t.Fatalf("print after retry: %+v %v, printed %d", got, err, p.printed(failed[0].Code))
	}
}

// Issue+Print from the screen races RetryPending: still one copy each.
func TestPrintRacesRetry(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, nil)
	p := &fakePrinter{}
	var tks []Ticket
	for i := 0; i < 20; i++ {
		tks = append(tks, mustIssue(t, q, "HT", ""))
	}
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for _, tk := range tks {
				if _, err := q.Print(ctx, p, tk); err != nil {
					t.Error(err)
				}
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := q.RetryPending(ctx, p); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, tk := range tks {
		if n := p.printed(tk.Code); n != 1 {
			t.Errorf("%s printed %d times", tk.Code, n)
		}
	}
}

func TestRecordFault(t *testing.T) {
	ctx := context.Background()
	q := newQueue(t, sqlite.Memory, nil, nil)
	f, err := q.RecordFault(ctx, FaultCoverOpen, "status poll")
	if err != nil || f.ID == 0 || f.AdviceVI == "" {
		t.Fatalf("record: %+v %v", f, err)
	}
	fs, _ := q.Faults(ctx, 0)
	if len(fs) != 1 || fs[0].TicketID != 0 || fs[0].Ticket != "" || fs[0].Kind != FaultCoverOpen {
		t.Fatalf("faults: %+v", fs)
	}
}

// dump writes a doc as one line per block, for golden files.
func dump(d doc.Doc) string {
	align := map[doc.Align]string{doc.Left: "left", doc.Center: "center", doc.Right: "right"}
	var b strings.Builder
	fmt.Fprintf(&b, "title %q cut=%v\n", d.Title, d.Cut)
	for _, bl := range d.Blocks {
		switch v := bl.(type) {
		case doc.Text:
			fmt.Fprintf(&b, "text size=%d bold=%v %s %q\n", v.Size, v.Bold, align[v.Align], v.Text)
		case doc.QR:
			fmt.Fprintf(&b, "qr module=%d %s %q\n", v.Module, align[v.Align], v.Data)
		case doc.Rule:
			b.WriteString("rule\n")
		case doc.Feed:
			fmt.Fprintf(&b, "feed %d\n", v.Lines)
		default:
			fmt.Fprintf(&b, "unknown %T\n", v)
		}
	}
	return b.String()
}

func TestTicketDocGolden(t *testing.T) {
	cases := []struct {
		name string
		prio string
		edit func(*config.Config)
	}{
		{"ticket-regular", "", nil},
		{"ticket-priority-qr-template", "elderly", func(c *config.Config) {
			c.Queue.TicketQRTemplate = "https://hcc.example.gov.vn/q?s={service}&d={day}&n={number}&c={code}"
			c.Queue.TicketNote = ""
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			clk := &clock{t: time.Date(2026, 11, 22, 9, 15, 0, 0, ict)}
			q := newQueue(t, sqlite.Memory, clk.now, c.edit)
			for i := 0; i < 11; i++ {
				mustIssue(t, q, "HT", "")
			}
			for i := 0; i < 4; i++ { // a call every 4 minutes: the wait estimate is known
				clk.t = clk.t.Add(4 * time.Minute)
				q.Call(ctx, "HT", "", "")
			}
			clk.t = clk.t.Add(time.Minute)
			tk := mustIssue(t, q, "HT", c.prio)
			p := &fakePrinter{}
			if _, err := q.Print(ctx, p, tk); err != nil {
				t.Fatal(err)
			}
			got := dump(p.docs[0])
			path := filepath.Join("testdata", c.name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("ticket doc differs from %s:\n%s", path, got)
			}
		})
	}
}
