package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pingAfter is how long a connection may idle before it is checked with a
// ping on its next use: a server restart breaks idle connections silently.
const pingAfter = time.Second

// errClosed is returned by a pool after close.
var errClosed = errors.New("postgres: store is closed")

// pool is a small connection pool: at most max connections in use, idle
// ones kept for reuse, broken ones dropped.
type pool struct {
	cfg  *pgx.ConnConfig
	slot chan struct{} // one token per connection in use

	mu     sync.Mutex
	idle   []idleConn
	closed bool
}

type idleConn struct {
	c     *pgx.Conn
	since time.Time
}

func newPool(cfg *pgx.ConnConfig, max int) *pool {
	return &pool{cfg: cfg, slot: make(chan struct{}, max)}
}

// acquire returns a live connection, waiting for a free slot.
func (p *pool) acquire(ctx context.Context) (*pgx.Conn, error) {
	select {
	case p.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			<-p.slot
			return nil, errClosed
		}
		if len(p.idle) == 0 {
			p.mu.Unlock()
			break
		}
		ic := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		p.mu.Unlock()
		if ic.c.IsClosed() {
			continue
		}
		if time.Since(ic.since) > pingAfter {
			if err := ic.c.Ping(ctx); err != nil {
				ic.c.Close(context.Background())
				if ctx.Err() != nil {
					<-p.slot
					return nil, ctx.Err()
				}
				continue
			}
		}
		return ic.c, nil
	}
	c, err := pgx.ConnectConfig(ctx, p.cfg.Copy())
	if err != nil {
		<-p.slot
		return nil, fmt.Errorf("connect: %w", err)
	}
	return c, nil
}

// release gives c back, dropping it when broken or left inside a transaction.
func (p *pool) release(c *pgx.Conn) {
	defer func() { <-p.slot }()
	if c.IsClosed() || c.PgConn().IsBusy() || c.PgConn().TxStatus() != 'I' {
		c.Close(context.Background())
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		c.Close(context.Background())
		return
	}
	p.idle = append(p.idle, idleConn{c, time.Now()})
	p.mu.Unlock()
}

// close closes the idle connections; connections in use close on release.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, ic := range idle {
		ic.c.Close(context.Background())
	}
}

// querier is what both a connection and a transaction offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// collect runs a query on q and scans every row with scan (pgx.CollectRows).
func collect[T any](ctx context.Context, q querier, scan func(pgx.Row) (T, error), sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) { return scan(r) })
}

// with runs fn on one pooled connection, outside any transaction.
func (db *DB) with(ctx context.Context, fn func(q querier) error) error {
	c, err := db.pool.acquire(ctx)
	if err != nil {
		return err
	}
	defer db.pool.release(c)
	return fn(c)
}

// tx runs fn in one transaction, committing on nil and rolling back otherwise.
func (db *DB) tx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	c, err := db.pool.acquire(ctx)
	if err != nil {
		return err
	}
	defer db.pool.release(c)
	tx, err := c.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback(context.Background())
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// exec runs one statement on a pooled connection.
func (db *DB) exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	var tag pgconn.CommandTag
	err := db.with(ctx, func(q querier) error {
		var err error
		tag, err = q.Exec(ctx, sql, args...)
		return err
	})
	return tag, err
}
