package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotFound is returned by Get for a code the stored catalog lacks.
var ErrNotFound = errors.New("catalog: no such procedure")

// Get returns one stored procedure by its full code, or by its short code
// ("1.001193" finds "1.001193.000.00.00.H48").
func (r *Repo) Get(ctx context.Context, code string) (Procedure, error) {
	p, err := r.db.FindProcedure(ctx, code)
	if errors.Is(err, ErrNotFound) {
		return Procedure{}, fmt.Errorf("%w: %s", ErrNotFound, code)
	}
	if err != nil {
		return Procedure{}, fmt.Errorf("catalog: get %s: %w", code, err)
	}
	return p, nil
}

// Fields lists the distinct fields (lĩnh vực) of the stored catalog, sorted.
func (r *Repo) Fields(ctx context.Context) ([]string, error) { return r.distinct(ctx, FacetField) }

// Levels lists the distinct levels (cấp thực hiện), sorted.
func (r *Repo) Levels(ctx context.Context) ([]string, error) { return r.distinct(ctx, FacetLevel) }

// Agencies lists the distinct agencies (cơ quan thực hiện), sorted.
func (r *Repo) Agencies(ctx context.Context) ([]string, error) { return r.distinct(ctx, FacetAgency) }

func (r *Repo) distinct(ctx context.Context, f Facet) ([]string, error) {
	out, err := r.db.FacetValues(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("catalog: list %s: %w", f, err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// Meta describes the stored catalog.
type Meta struct {
	Title      string    `json:"title"`
	Sample     bool      `json:"sample"`
	ImportedAt time.Time `json:"importedAt"`
	Count      int       `json:"count"`
}

// Meta returns what was last imported; ok is false when nothing was.
func (r *Repo) Meta(ctx context.Context) (m Meta, ok bool, err error) {
	m, ok, err = r.db.CatalogMeta(ctx)
	if err != nil {
		return m, false, fmt.Errorf("catalog: meta: %w", err)
	}
	return m, ok, nil
}

// LooksPersonal reports whether a search text may hold personal data that
// must never be stored: 9 or more digits (an ID card or phone number).
func LooksPersonal(q string) bool {
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] >= '0' && q[i] <= '9' {
			if n++; n >= 9 {
				return true
			}
		}
	}
	return false
}

// LogMiss records, for staff, a search that found nothing. Pass the folded
// query; one that LooksPersonal, or is blank, is silently not stored.
func (r *Repo) LogMiss(ctx context.Context, folded string, now time.Time) error {
	folded = strings.TrimSpace(folded)
	if folded == "" || LooksPersonal(folded) {
		return nil
	}
	if len(folded) > 100 {
		folded = folded[:100]
	}
	if err := r.db.LogSearchMiss(ctx, folded, now); err != nil {
		return fmt.Errorf("catalog: log miss: %w", err)
	}
	return nil
}

// Miss is a query that found nothing, with how often and when last.
type Miss struct {
	Query string    `json:"query"`
	Count int       `json:"count"`
	Last  time.Time `json:"last"`
}

// Misses lists the queries that found nothing since a time, most frequent
// first (at most limit; 50 when limit <= 0).
func (r *Repo) Misses(ctx context.Context, since time.Time, limit int) ([]Miss, error) {
	if limit <= 0 {
		limit = 50
	}
	out, err := r.db.SearchMisses(ctx, since, limit)
	if err != nil {
		return nil, fmt.Errorf("catalog: misses: %w", err)
	}
	if out == nil {
		out = []Miss{}
	}
	return out, nil
}

// Stale returns the procedures last updated more than maxAge before now
// (or with no readable date), in file order.
func (f File) Stale(now time.Time, maxAge time.Duration) []Procedure {
	var out []Procedure
	for _, p := range f.Procedures {
		if p.Stale(now, maxAge) {
			out = append(out, p)
		}
	}
	return out
}
