package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
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
	var b string
	err := r.db.QueryRowContext(ctx, `SELECT body FROM procedures WHERE code = ? OR code LIKE ? ESCAPE '\' ORDER BY code = ? DESC, code LIMIT 1`,
		code, likeEscape(code)+".%", code).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return Procedure{}, fmt.Errorf("%w: %s", ErrNotFound, code)
	}
	if err != nil {
		return Procedure{}, fmt.Errorf("catalog: get %s: %w", code, err)
	}
	var p Procedure
	if err := json.Unmarshal([]byte(b), &p); err != nil {
		return Procedure{}, fmt.Errorf("catalog: decode stored %s: %w", code, err)
	}
	return p, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Fields lists the distinct fields (lĩnh vực) of the stored catalog, sorted.
func (r *Repo) Fields(ctx context.Context) ([]string, error) { return r.distinct(ctx, "field") }

// Levels lists the distinct levels (cấp thực hiện), sorted.
func (r *Repo) Levels(ctx context.Context) ([]string, error) { return r.distinct(ctx, "level") }

// Agencies lists the distinct agencies (cơ quan thực hiện), sorted.
func (r *Repo) Agencies(ctx context.Context) ([]string, error) { return r.distinct(ctx, "agency") }

func (r *Repo) distinct(ctx context.Context, col string) ([]string, error) {
	// col is one of three constants above, never user input.
	rows, err := r.db.QueryContext(ctx, `SELECT DISTINCT `+col+` FROM procedures WHERE `+col+` <> '' ORDER BY `+col)
	if err != nil {
		return nil, fmt.Errorf("catalog: list %s: %w", col, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
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
	var at string
	err = r.db.QueryRowContext(ctx, `SELECT title, sample, imported_at, count FROM catalog_meta WHERE id = 1`).Scan(&m.Title, &m.Sample, &at, &m.Count)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("catalog: meta: %w", err)
	}
	m.ImportedAt, _ = time.Parse(time.RFC3339, at)
	return m, true, nil
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
	_, err := r.db.ExecContext(ctx, `INSERT INTO search_misses(at, query) VALUES(?,?)`, now.UTC().Format(time.RFC3339), folded)
	if err != nil {
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
	rows, err := r.db.QueryContext(ctx, `SELECT query, COUNT(*), MAX(at) FROM search_misses WHERE at >= ?
		GROUP BY query ORDER BY COUNT(*) DESC, MAX(at) DESC, query LIMIT ?`, since.UTC().Format(time.RFC3339), limit)
	if err != nil {
		return nil, fmt.Errorf("catalog: misses: %w", err)
	}
	defer rows.Close()
	out := []Miss{}
	for rows.Next() {
		var m Miss
		var at string
		if err := rows.Scan(&m.Query, &m.Count, &at); err != nil {
			return nil, err
		}
		m.Last, _ = time.Parse(time.RFC3339, at)
		out = append(out, m)
	}
	return out, rows.Err()
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
