package postgres

import (
	"context"
	"fmt"

	"github.com/motcua/kiosk/kiosk/queue"
)

// AtCounter implements queue.Counters (index tickets_at_counter).
func (db *DB) AtCounter(ctx context.Context, counter, day string) (ts []queue.Ticket, err error) {
	err = db.with(ctx, func(q querier) error {
		ts, err = tickets(ctx, q, `WHERE day = $1 AND counter = $2 AND status IN ('called', 'serving', 'parked') ORDER BY called_at, id`, day, counter)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: tickets at counter %s: %w", counter, err)
	}
	return ts, nil
}

// WaitingIn implements queue.Counters (index tickets_line).
func (db *DB) WaitingIn(ctx context.Context, lines []string, day string, limit int) (ts []queue.Ticket, err error) {
	if len(lines) == 0 {
		return nil, nil
	}
	err = db.with(ctx, func(q querier) error {
		ts, err = tickets(ctx, q, `WHERE day = $1 AND status = 'waiting' AND line = ANY($2) ORDER BY id LIMIT $3`, day, lines, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: waiting in %v: %w", lines, err)
	}
	return ts, nil
}
