package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/motcua/kiosk/kiosk/queue"
)

// AtCounter implements queue.Counters (index tickets_at_counter).
func (db *DB) AtCounter(ctx context.Context, counter, day string) ([]queue.Ticket, error) {
	ts, err := tickets(ctx, db, `WHERE day = ? AND counter = ? AND status IN ('called', 'serving', 'parked') ORDER BY called_at, id`, day, counter)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tickets at counter %s: %w", counter, err)
	}
	return ts, nil
}

// WaitingIn implements queue.Counters (index on line).
func (db *DB) WaitingIn(ctx context.Context, lines []string, day string, limit int) ([]queue.Ticket, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	args := []any{day}
	for _, l := range lines {
		args = append(args, l)
	}
	args = append(args, limit)
	ts, err := tickets(ctx, db, `WHERE day = ? AND status = 'waiting' AND line IN (?`+strings.Repeat(", ?", len(lines)-1)+`) ORDER BY id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: waiting in %v: %w", lines, err)
	}
	return ts, nil
}
