package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/migrate"
)

func TestOpenMemoryMigrates(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := migrate.Load(migrationFS, "migrations")
	v, err := db.Version(ctx)
	if err != nil || v != ms[len(ms)-1].Version {
		t.Fatalf("version %d (%v), want %d", v, err, ms[len(ms)-1].Version)
	}
	var fk int
	db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Fatal("foreign keys off")
	}
}

func TestFileStoreWALAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "kiosk.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Fatalf("journal_mode %q", mode)
	}
	if err := db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES('k','v')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path) // migrations are not re-applied
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(`SELECT value FROM settings WHERE key='k'`).Scan(&v); err != nil || v != "v" {
		t.Fatalf("reopen lost data: %q %v", v, err)
	}
}

func TestTxRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	db, _ := Open(ctx, Memory)
	defer db.Close()
	boom := errors.New("boom")
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		tx.Exec(`INSERT INTO settings(key, value) VALUES('a','1')`)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM settings`).Scan(&n)
	if n != 0 {
		t.Fatal("rolled-back row is visible")
	}
}

func TestOpenErrorsAreTyped(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A regular file where the data dir should be: unwritable, even for root.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o600)
	if _, err := Open(ctx, filepath.Join(blocker, "kiosk.db")); !errors.Is(err, ErrUnwritable) {
		t.Errorf("under a file: %v", err)
	}

	// Garbage in the store file.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte("this is not a database, just some text that is long enough to have a header"), 0o600)
	if _, err := Open(ctx, bad); !errors.Is(err, ErrCorrupt) {
		t.Errorf("garbage file: %v", err)
	}

	// Another process holds the write lock (e.g. a second kiosk).
	locked := filepath.Join(dir, "locked.db")
	holder, err := Open(ctx, locked)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, _ := holder.Conn(ctx)
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA locking_mode=EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE; INSERT INTO settings VALUES('x','y'); COMMIT"); err != nil {
		t.Fatal(err)
	}
	old := BusyTimeout
	BusyTimeout = 200 * time.Millisecond
	defer func() { BusyTimeout = old }()
	if _, err := Open(ctx, locked); !errors.Is(err, ErrLocked) {
		t.Errorf("locked file: %v", err)
	}
}
