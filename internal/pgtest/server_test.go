package pgtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// connect retries until the server answers or ctx ends: after a restart the
// first attempts may still find it starting.
func connect(ctx context.Context, t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	for {
		c, err := pgx.Connect(ctx, dsn)
		if err == nil {
			return c
		}
		select {
		case <-ctx.Done():
			t.Fatalf("connect %s: %v", dsn, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func TestNewDatabaseIsFreshAndSeparate(t *testing.T) {
	s := pgtest.Start(t)
	ctx := context.Background()
	a, b := s.NewDatabase(t), s.NewDatabase(t)
	if a == b {
		t.Fatalf("two databases share DSN %s", a)
	}
	ca := connect(ctx, t, a)
	defer ca.Close(ctx)
	if _, err := ca.Exec(ctx, `CREATE TABLE x(id int)`); err != nil {
		t.Fatal(err)
	}
	cb := connect(ctx, t, b)
	defer cb.Close(ctx)
	var n int
	if err := cb.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename = 'x'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("table leaked into the other database: %d %v", n, err)
	}
}

func TestRestartBreaksAndRecovers(t *testing.T) {
	s := pgtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dsn := s.NewDatabase(t)
	c := connect(ctx, t, dsn)
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE TABLE kept(v text); INSERT INTO kept VALUES ('before')`); err != nil {
		t.Fatal(err)
	}
	port := s.Port()
	s.Restart(t)
	if s.Port() != port {
		t.Fatalf("port changed %d → %d", port, s.Port())
	}
	if err := c.Ping(ctx); err == nil {
		t.Fatal("a connection from before the restart still works")
	}
	c2 := connect(ctx, t, dsn)
	defer c2.Close(ctx)
	var v string
	if err := c2.QueryRow(ctx, `SELECT v FROM kept`).Scan(&v); err != nil || v != "before" {
		t.Fatalf("data after restart: %q %v", v, err)
	}
}
