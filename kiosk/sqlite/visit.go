package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/rating"
)

var _ rating.VisitStore = (*DB)(nil)

// visitAt is a fixed-width UTC time, so visit times sort as text.
const visitAt = "2006-01-02T15:04:05.000000000Z"

// AddVisit implements rating.VisitStore.
func (db *DB) AddVisit(ctx context.Context, v rating.Visit) error {
	_, err := db.ExecContext(ctx, `INSERT INTO visit_ratings(ticket_id, code, day, at, service, counter, officer, stars, reasons, comment)
		VALUES(?,?,?,?,?,?,?,?,?,?)`, v.TicketID, v.Code, v.Day, v.At.UTC().Format(visitAt), v.Service, v.Counter, v.Officer,
		v.Stars, strings.Join(v.Reasons, ","), v.Comment)
	if isUnique(err) {
		return fmt.Errorf("%w: ticket %d", rating.ErrRated, v.TicketID)
	}
	if err != nil {
		return fmt.Errorf("add visit rating of ticket %d: %w", v.TicketID, err)
	}
	return nil
}

// Visits implements rating.VisitStore.
func (db *DB) Visits(ctx context.Context, from, to string) ([]rating.Visit, error) {
	rows, err := db.QueryContext(ctx, `SELECT ticket_id, code, day, at, service, counter, officer, stars, reasons, comment
		FROM visit_ratings WHERE day >= ? AND day <= ? ORDER BY at, id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("visit ratings %s..%s: %w", from, to, err)
	}
	defer rows.Close()
	out := []rating.Visit{}
	for rows.Next() {
		var v rating.Visit
		var at, reasons string
		if err := rows.Scan(&v.TicketID, &v.Code, &v.Day, &at, &v.Service, &v.Counter, &v.Officer, &v.Stars, &reasons, &v.Comment); err != nil {
			return nil, fmt.Errorf("visit ratings: %w", err)
		}
		if v.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("visit rating of ticket %d: at: %w", v.TicketID, err)
		}
		if reasons != "" {
			v.Reasons = strings.Split(reasons, ",")
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
