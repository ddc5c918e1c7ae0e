// Package postgres is the centre's PostgreSQL store: *DB implements the
// storage interfaces of the domain packages (queue.Store, payment.Store,
// rating.Store, staff.Store, assist.Store, catalog.Store, audit.Store,
// device.Store) and, through Events, events.Log. Several centre instances
// may share one database; the domain packages never see SQL. Personal data
// from an ID card is never written here.
//
// It uses github.com/jackc/pgx/v5 directly (pure Go, no cgo) with a small
// connection pool of its own (pool.go).
//
// # Locking
//
// Transactions run at READ COMMITTED. Where a read decides a write, the
// transaction first takes a lock, so the statements after it see whatever
// the previous holder committed:
//
//   - IssueTicket takes pg_advisory_xact_lock on a key hashed from
//     (service, day), reads MAX(number) and inserts MAX+1. CallTicket takes
//     the same kind of lock on (line, day), reads the line, lets the domain
//     pick, and gives that ticket (row locked FOR UPDATE) the line's next
//     call order (served). Act takes the lock of the ticket's line, then its
//     row lock (a ticket transferred in between starts over), and the lock
//     of a new line when it takes a call order there. Under the locks no two
//     instances read the same MAX or call the same ticket;
//     UNIQUE(service, day, number) and the unique idempotency key remain as
//     last guards, and a unique violation, serialization failure or
//     deadlock (23505, 40001, 40P01) retries the transaction. A failed
//     transaction inserts nothing, so numbering has no gap.
//   - payment.Store.Update reads payments with SELECT ... FOR UPDATE, so two
//     Updates of one payment serialise and neither loses the other's write;
//     notices are stored once per UNIQUE(source, tx_id) with ON CONFLICT DO
//     NOTHING, which waits for a concurrent insert of the same key.
//   - The PIN pad row is read FOR UPDATE; assistance requests and catalog
//     imports take an advisory lock and a table lock respectively.
//   - AppendEvent takes one store-wide advisory lock before taking its ID,
//     so event IDs grow in commit order and a reader resuming after an ID
//     never misses an event committed later with a smaller one. The NOTIFY
//     is sent in the same transaction, so it is delivered only on commit.
//   - Migrations run under a session-level pg_advisory_lock, so two
//     instances starting together apply each migration once.
package postgres

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// MaxConns caps the connections one *DB opens for queries (the event
// listener uses one more).
const MaxConns = 8

// DB is the centre store on one PostgreSQL database.
type DB struct {
	cfg  *pgx.ConnConfig
	pool *pool

	listenMu sync.Mutex // guards listener and closed
	listener *listener
	closed   bool

	events *EventLog
}

// Open connects to the database at dsn (a PostgreSQL URL or key=value
// string) and applies the pending migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse dsn: %w", err)
	}
	db := &DB{cfg: cfg, pool: newPool(cfg, MaxConns)}
	db.events = &EventLog{db: db}
	if err := db.migrate(ctx); err != nil {
		db.pool.close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return db, nil
}

// Close stops the event listener and closes every connection.
func (db *DB) Close() error {
	db.listenMu.Lock()
	l := db.listener
	db.listener, db.closed = nil, true
	db.listenMu.Unlock()
	if l != nil {
		l.stop()
	}
	db.pool.close()
	return nil
}

// Ping checks that the server answers (the centre's /healthz).
func (db *DB) Ping(ctx context.Context) error {
	return db.with(ctx, func(q querier) error {
		var one int
		return q.QueryRow(ctx, `SELECT 1`).Scan(&one)
	})
}
