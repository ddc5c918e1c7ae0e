// Package sqlite opens the kiosk's single SQLite file (modernc.org/sqlite, no cgo)
// and applies the embedded, numbered migrations. *DB implements the storage
// interfaces of the domain packages (queue.Store, payment.Store, rating.Store,
// staff.Store, assist.Store, catalog.Store, audit.Store); the domain packages
// never see SQL. Personal data from an ID card is never written here.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/motcua/kiosk/internal/migrate"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Memory is the path that opens a private in-memory store (tests, benchmarks).
const Memory = ":memory:"

// DB is the kiosk store. It embeds *sql.DB for queries.
type DB struct {
	*sql.DB
	Path string
}

// Typed open errors so the shell can tell a technician what to fix.
var (
	ErrLocked     = errors.New("store file is locked by another process")
	ErrUnwritable = errors.New("store location is not writable")
	ErrCorrupt    = errors.New("store file is not a valid SQLite database")
)

// BusyTimeout is how long a write waits for another connection or process.
var BusyTimeout = 10 * time.Second

// Open opens (creating if needed) the store at path and migrates it.
// Write transactions start with BEGIN IMMEDIATE so two processes on one file
// serialise cleanly instead of failing on a lock upgrade.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("store: empty path")
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	var dsn string
	if path == Memory {
		dsn = "file::memory:?" + q.Encode()
	} else {
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create data dir %s: %w: %v", dir, ErrUnwritable, err)
		}
		if err := checkWritable(dir); err != nil {
			return nil, fmt.Errorf("store: data dir %s: %w: %v", dir, ErrUnwritable, err)
		}
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		dsn = "file:" + path + "?" + q.Encode()
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if path == Memory {
		// Every connection to :memory: is its own database: keep exactly one.
		sdb.SetMaxOpenConns(1)
	} else {
		sdb.SetMaxOpenConns(4)
	}
	db := &DB{DB: sdb, Path: path}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, classify(path, err)
	}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, classify(path, err)
	}
	return db, nil
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".kiosk-write-test-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// classify maps SQLite failures to the typed errors above.
func classify(path string, err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("store %s: %w: %v", path, ErrLocked, err)
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("store %s: %w: %v", path, ErrCorrupt, err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("store %s: %w: %v", path, ErrUnwritable, err)
		}
	}
	return fmt.Errorf("store %s: %w", path, err)
}

// migrate applies each pending migration in its own transaction, recording the
// version in PRAGMA user_version inside the same transaction.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrate.Load(migrationFS, "migrations")
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	for _, m := range ms {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: begin: %w", m.Name, err)
		}
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: read version: %w", m.Name, err)
		}
		if m.Version <= cur {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: set version: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: commit: %w", m.Name, err)
		}
	}
	return nil
}

// Version reports the applied schema version.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Tx runs fn in one write transaction, committing on nil and rolling back otherwise.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", classify(db.Path, err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", classify(db.Path, err))
	}
	return nil
}
