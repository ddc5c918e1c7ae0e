package postgres_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/queue"
)

// A database at schema 8 with tickets migrates to the lifecycle columns:
// line = service, status from served, est_wait unknown.
func TestLifecycleBackfill(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Start(t).NewDatabase(t)
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("migrations/*.sql")
	sort.Strings(names)
	if _, err := c.Exec(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		base := filepath.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v >= 9 {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, string(b)); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		if _, err := c.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES($1, $2)`, v, base); err != nil {
			t.Fatal(err)
		}
	}
	old := []struct {
		service        string
		number, served int
		status         string
	}{
		{"HT", 1, 2, queue.StatusCalled},
		{"HT", 2, 0, queue.StatusWaiting},
		{"HT", 3, 1, queue.StatusCalled},
		{"CT", 1, 0, queue.StatusWaiting},
	}
	for _, o := range old {
		if _, err := c.Exec(ctx, `INSERT INTO tickets(service, day, number, code, issued_at, served) VALUES($1,$2,$3,$4,$5,$6)`,
			o.service, "2026-11-22", o.number, fmt.Sprintf("%s-%d", o.service, o.number), "2026-11-22T02:00:00Z", o.served); err != nil {
			t.Fatal(err)
		}
	}
	c.Close(ctx)

	db := open(t, dsn)
	ts, err := db.Tickets(ctx, "2026-11-22")
	if err != nil || len(ts) != len(old) {
		t.Fatalf("%d tickets, %v", len(ts), err)
	}
	for i, o := range old {
		got := ts[len(ts)-1-i] // newest first
		if got.Status != o.status || got.Line != o.service || got.Called != (o.served > 0) || got.EstWait != -1 || got.Guidance != nil {
			t.Errorf("old %s-%d (served %d) read as %+v", o.service, o.number, o.served, got)
		}
	}
	l, err := db.Line(ctx, "HT", "2026-11-22")
	if err != nil || fmt.Sprint(l.Called) != "[{3 3 false} {1 1 false}]" || fmt.Sprint(l.Waiting) != "[{2 2 false}]" {
		t.Fatalf("old line %+v %v", l, err)
	}
}
