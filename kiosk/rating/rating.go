// Package rating stores the optional one-tap satisfaction rating (Hài lòng /
// Bình thường / Chưa hài lòng) with an optional reason chip, per service and
// day, and summarises it for the staff report. No personal data.
package rating

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/kiosk/kiosk/queue"
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

// Rating is one stored rating.
type Rating struct {
	Day     string    // business day YYYY-MM-DD, kiosk time zone
	At      time.Time // when it was given
	Context string    // ticket | guide
	Service string    // queue service code or procedure field, or ""
	Score   string    // Good, OK or Bad
	Reason  string    // one of Reasons, or ""
}

// Store keeps ratings: each AddRating stores exactly one row.
type Store interface {
	AddRating(ctx context.Context, r Rating) error
	// RatingSummary counts a day's ratings per service, ordered by service.
	RatingSummary(ctx context.Context, day string) ([]Summary, error)
}

// Book stores ratings.
type Book struct {
	db  Store
	loc *time.Location
	now func() time.Time
}

// New makes a Book; loc is the kiosk time zone for the business day.
func New(db Store, loc *time.Location, now func() time.Time) *Book {
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
	err := b.db.AddRating(ctx, Rating{Day: now.In(b.loc).Format("2006-01-02"), At: now,
		Context: kind, Service: service, Score: score, Reason: reason})
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
	out, err := b.db.RatingSummary(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("rating: summary: %w", err)
	}
	return out, nil
}

// Visit is a citizen's rating of one service at a counter, given on the
// counter's rating tablet after "finish" or later on a kiosk by scanning
// the ticket's QR. One per ticket.
type Visit struct {
	TicketID int64     `json:"ticketId"`
	Code     string    `json:"code"`    // ticket code, "B-0012"
	Day      string    `json:"day"`     // the ticket's business day
	At       time.Time `json:"at"`      // when it was given
	Service  string    `json:"service"` // the service (line) it was served in
	Counter  string    `json:"counter"`
	Officer  string    `json:"officer"`
	Stars    int       `json:"stars"`             // 1-5
	Reasons  []string  `json:"reasons,omitempty"` // VisitReasons, only at 3 stars or fewer
	Comment  string    `json:"comment,omitempty"` // only at 3 stars or fewer, ≤ MaxComment runes
}

// VisitReasons are the chips offered at 3 stars or fewer.
var VisitReasons = []string{"wait", "attitude", "guidance", "papers", "fee", "facilities", "other"}

// MaxComment bounds a visit comment (runes).
const MaxComment = 300

// ErrRated: the ticket was rated already.
var ErrRated = errors.New("rating: this ticket was rated already")

// VisitStore keeps visit ratings.
type VisitStore interface {
	// AddVisit stores one rating (ErrRated when the ticket has one).
	AddVisit(ctx context.Context, v Visit) error
	// Visits lists the ratings of business days from..to (inclusive,
	// YYYY-MM-DD), oldest first.
	Visits(ctx context.Context, from, to string) ([]Visit, error)
}

// ErrNotServed: the ticket is not a recently finished one, so it cannot be
// rated yet (or any more).
var ErrNotServed = errors.New("rating: the ticket is not a recently finished one")

// ErrBadVisit: stars outside 1-5 or an unknown reason.
var ErrBadVisit = errors.New("rating: stars must be 1 to 5 and reasons from VisitReasons")

// NewVisit checks a rating of ticket t given at now and builds the Visit:
// stars 1-5, known reasons, t finished at a counter no longer than within
// ago (ErrBadVisit, ErrNotServed). At more than 3 stars reasons and the
// comment are dropped; the comment is trimmed and cut to MaxComment. The
// centre and the lone kiosk both rate through it.
func NewVisit(t queue.Ticket, stars int, reasons []string, comment string, now time.Time, within time.Duration) (Visit, error) {
	if stars < 1 || stars > 5 {
		return Visit{}, fmt.Errorf("%w: %d stars", ErrBadVisit, stars)
	}
	for _, r := range reasons {
		if !slices.Contains(VisitReasons, r) {
			return Visit{}, fmt.Errorf("%w: reason %q", ErrBadVisit, r)
		}
	}
	comment = strings.TrimSpace(comment)
	if stars > 3 {
		reasons, comment = nil, ""
	}
	if utf8.RuneCountInString(comment) > MaxComment {
		comment = string([]rune(comment)[:MaxComment])
	}
	done, err := time.Parse(time.RFC3339, t.FinishedAt)
	if t.Status != queue.StatusDone || err != nil || now.Sub(done) > within {
		return Visit{}, fmt.Errorf("%w: %s", ErrNotServed, t.Code)
	}
	return Visit{TicketID: t.ID, Code: t.Code, Day: t.Day, At: now.UTC(), Service: t.InLine(), Counter: t.Counter,
		Officer: t.Officer, Stars: stars, Reasons: reasons, Comment: comment}, nil
}
