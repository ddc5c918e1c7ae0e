package postgres_test

import (
	"context"
	"testing"

	"github.com/motcua/kiosk/internal/pgtest"
	"github.com/motcua/kiosk/kiosk/postgres"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open opens a store on dsn, closed when t ends.
func open(t *testing.T, dsn string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fresh opens a store on a new empty database.
func fresh(t *testing.T) *postgres.DB {
	t.Helper()
	return open(t, pgtest.Start(t).NewDatabase(t))
}

func openErr(ctx context.Context, dsn string) (*postgres.DB, error) { return postgres.Open(ctx, dsn) }
