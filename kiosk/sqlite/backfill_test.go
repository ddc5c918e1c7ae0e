package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/motcua/kiosk/internal/migrate"
	"github.com/motcua/kiosk/kiosk/queue"
)

// oldTickets are rows written before 0015_lifecycle: served > 0 was "called".
var oldTickets = []struct {
	service      string
	number       int
	served       int
	status, line string
}{
	{"HT", 1, 2, queue.StatusCalled, "HT"},
	{"HT", 2, 0, queue.StatusWaiting, "HT"},
	{"HT", 3, 1, queue.StatusCalled, "HT"},
	{"CT", 1, 0, queue.StatusWaiting, "CT"},
}

// A store at schema 14 with tickets migrates to the lifecycle columns:
// line = service, status from served, est_wait unknown.
func TestLifecycleBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrate.Load(migrationFS, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version < 15 {
			if _, err := raw.ExecContext(ctx, m.SQL); err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
		}
	}
	for _, o := range oldTickets {
		if _, err := raw.ExecContext(ctx, `INSERT INTO tickets(service, day, number, code, issued_at, served) VALUES(?,?,?,?,?,?)`,
			o.service, "2026-11-22", o.number, fmt.Sprintf("%s-%d", o.service, o.number), "2026-11-22T02:00:00Z", o.served); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.ExecContext(ctx, `PRAGMA user_version = 14`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts, err := db.Tickets(ctx, "2026-11-22")
	if err != nil || len(ts) != len(oldTickets) {
		t.Fatalf("%d tickets, %v", len(ts), err)
	}
	for i, o := range oldTickets {
		got := ts[len(ts)-1-i] // newest first
		if got.Status != o.status || got.Line != o.line || got.Called != (o.served > 0) || got.EstWait != -1 || got.Guidance != nil {
			t.Errorf("old %s-%d (served %d) read as %+v", o.service, o.number, o.served, got)
		}
	}
	l, err := db.Line(ctx, "HT", "2026-11-22")
	if err != nil || fmt.Sprint(l.Called) != "[{3 3 false} {1 1 false}]" || fmt.Sprint(l.Waiting) != "[{2 2 false}]" {
		t.Fatalf("old line %+v %v", l, err)
	}
}
