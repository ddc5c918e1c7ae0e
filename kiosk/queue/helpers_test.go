package queue_test

import (
	"context"
	. "github.com/motcua/kiosk/kiosk/queue"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// fakePrinter is an in-memory doc.Printer: it fails with err when set and
// otherwise records each printed ticket code.
type fakePrinter struct {
	mu    sync.Mutex
	err   error
	docs  []doc.Doc
	codes map[string]int
}

func (f *fakePrinter) Print(_ context.Context, d doc.Doc) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.docs = append(f.docs, d)
	if f.codes == nil {
		f.codes = map[string]int{}
	}
	f.codes[d.Blocks[2].(doc.Text).Text]++
	return nil
}

func (f *fakePrinter) Status(context.Context) (doc.Status, error) {
	return doc.Status{Online: true, Connected: true}, nil
}

func (f *fakePrinter) fail(err error) {
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

func (f *fakePrinter) printed(code string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.codes[code]
}

var ict = time.FixedZone("ICT", 7*3600)

// clock is a settable now().
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func newQueue(t testing.TB, path string, now func() time.Time, edit func(*config.Config)) *Service {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := config.Default()
	cfg.Queue.ResetHour = 3
	if edit != nil {
		edit(&cfg)
	}
	if now == nil {
		c := &clock{t: time.Date(2026, 11, 22, 9, 0, 0, 0, ict)}
		now = c.now
	}
	return New(db, cfg, now)
}

func mustIssue(t testing.TB, q *Service, svc, prio string) Ticket {
	t.Helper()
	tk, err := q.Issue(context.Background(), svc, prio)
	if err != nil {
		t.Fatalf("issue %s %q: %v", svc, prio, err)
	}
	return tk
}
