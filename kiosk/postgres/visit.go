package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/rating"
)

var _ rating.VisitStore = (*DB)(nil)

// visitAt is a fixed-width UTC time, so visit times sort as text.
const visitAt = "2006-01-02T15:04:05.000000000Z"

// AddVisit implements rating.VisitStore.
func (db *DB) AddVisit(ctx context.Context, v rating.Visit) error {
	_, err := db.exec(ctx, `INSERT INTO visit_ratings(ticket_id, code, day, at, service, counter, officer, stars, reasons, comment)
		VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, v.TicketID, v.Code, v.Day, v.At.UTC().Format(visitAt), v.Service, v.Counter, v.Officer,
		v.Stars, strings.Join(v.Reasons, ","), v.Comment)
	if isUnique(err, "") {
		return fmt.Errorf("%w: ticket %d", rating.ErrRated, v.TicketID)
	}
	if err != nil {
		return fmt.Errorf("postgres: add visit rating of ticket %d: %w", v.TicketID, err)
	}
	return nil
}

func scanVisit(r pgx.Row) (rating.Visit, error) {
	var v rating.Visit
	var at, reasons string
	if err := r.Scan(&v.TicketID, &v.Code, &v.Day, &at, &v.Service, &v.Counter, &v.Officer, &v.Stars, &reasons, &v.Comment); err != nil {
		return v, err
	}
	var err error
	if v.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return v, fmt.Errorf("visit rating of ticket %d: at: %w", v.TicketID, err)
	}
	if reasons != "" {
		v.Reasons = strings.Split(reasons, ",")
	}
	return v, nil
}

// Visits implements rating.VisitStore.
func (db *DB) Visits(ctx context.Context, from, to string) ([]rating.Visit, error) {
	var out []rating.Visit
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, scanVisit, `SELECT ticket_id, code, day, at, service, counter, officer, stars, reasons, comment
			FROM visit_ratings WHERE day >= $1 AND day <= $2 ORDER BY at, id`, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: visit ratings %s..%s: %w", from, to, err)
	}
	if out == nil {
		out = []rating.Visit{}
	}
	return out, nil
}
