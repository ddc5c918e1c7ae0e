// Package rating stores the optional one-tap satisfaction rating (Hài lòng /
// Bình thường / Chưa hài lòng) with an optional reason chip, per service and
// day, and summarises it for the staff report. No personal data.
package rating

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/store"
)

// Scores.
const (
	Good = "good"
	OK   = "ok"
	Bad  = "bad"
)

// Reasons are the chips a citizen may add; anything else is refused, so no
// free text (and no personal data) can be stored.
var Reasons = []string{"wait", "staff", "guidance", "kiosk", "fee", "other"}

// Book stores ratings.
type Book struct {
	db  *store.DB
	loc *time.Location
	now func() time.Time
}

// New makes a Book; loc is the kiosk time zone for the business day.
func New(db *store.DB, loc *time.Location, now func() time.Time) *Book {
	return &Book{db: db, loc: loc, now: now}
}

// Add stores one rating.
func (b *Book) Add(ctx context.Context, kind, service, score, reason string) error {
	if score != Good && score != OK && score != Bad {
		return fmt.Errorf("rating: unknown score %q", score)
	}
	if kind != "ticket" && kind != "guide" {
		return fmt.Errorf("rating: unknown context %q", kind)
	}
	if reason != "" && !known(reason) {
		return fmt.Errorf("rating: unknown reason %q", reason)
	}
	now := b.now()
	_, err := b.db.ExecContext(ctx, `INSERT INTO ratings(day, at, context, service, score, reason) VALUES(?,?,?,?,?,?)`,
		now.In(b.loc).Format("2006-01-02"), now.UTC().Format(time.RFC3339), kind, service, score, reason)
	if err != nil {
		return fmt.Errorf("rating: store: %w", err)
	}
	return nil
}

func known(r string) bool {
	for _, x := range Reasons {
		if x == r {
			return true
		}
	}
	return false
}

// Summary counts one day's ratings per service.
type Summary struct {
	Service string `json:"service"`
	Good    int    `json:"good"`
	OK      int    `json:"ok"`
	Bad     int    `json:"bad"`
}

// Day summarises the ratings of a business day (YYYY-MM-DD).
func (b *Book) Day(ctx context.Context, day string) ([]Summary, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT service,
		sum(score = 'good'), sum(score = 'ok'), sum(score = 'bad')
		FROM ratings WHERE day = ? GROUP BY service ORDER BY service`, day)
	if err != nil {
		return nil, fmt.Errorf("rating: summary: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		if err := rows.Scan(&s.Service, &s.Good, &s.OK, &s.Bad); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
