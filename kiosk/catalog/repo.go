package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Facet is a filterable attribute of a procedure.
type Facet string

// Facets.
const (
	FacetField  Facet = "field"
	FacetLevel  Facet = "level"
	FacetAgency Facet = "agency"
)

// Store keeps the imported catalog and the search-miss log.
type Store interface {
	// ReplaceCatalog swaps the whole catalog for f in one transaction (on
	// any error the previous one stays), recording at as the import time.
	ReplaceCatalog(ctx context.Context, f File, at time.Time) error
	// StoredCatalog returns the imported catalog, procedures ordered by
	// code; ok is false when nothing was ever imported.
	StoredCatalog(ctx context.Context) (f File, ok bool, err error)
	// CatalogMeta describes the last import; ok is false when none.
	CatalogMeta(ctx context.Context) (m Meta, ok bool, err error)
	// FindProcedure returns the procedure with the full code, or else the
	// first (by code) whose code starts with code + "."; ErrNotFound if none.
	FindProcedure(ctx context.Context, code string) (Procedure, error)
	// FacetValues lists the distinct non-empty values of a facet, sorted.
	FacetValues(ctx context.Context, f Facet) ([]string, error)
	// LogSearchMiss appends one search that found nothing.
	LogSearchMiss(ctx context.Context, query string, at time.Time) error
	// SearchMisses groups misses since a time: most frequent first, then
	// most recent, then by query; at most limit.
	SearchMisses(ctx context.Context, since time.Time, limit int) ([]Miss, error)
}

// Repo keeps the catalog in the store.
type Repo struct{ db Store }

// NewRepo wraps a store.
func NewRepo(db Store) *Repo { return &Repo{db: db} }

// Diff says what an import would change.
type Diff struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// Preview compares f with the stored catalog without changing anything.
func (r *Repo) Preview(ctx context.Context, f File) (Diff, error) {
	cur, err := r.bodies(ctx)
	if err != nil {
		return Diff{}, err
	}
	var d Diff
	next := map[string]bool{}
	for _, p := range f.Procedures {
		next[p.Code] = true
		b, _ := json.Marshal(p)
		old, ok := cur[p.Code]
		switch {
		case !ok:
			d.Added = append(d.Added, p.Code)
		case old != string(b):
			d.Changed = append(d.Changed, p.Code)
		}
	}
	for code := range cur {
		if !next[code] {
			d.Removed = append(d.Removed, code)
		}
	}
	return d, nil
}

func (r *Repo) bodies(ctx context.Context) (map[string]string, error) {
	f, _, err := r.db.StoredCatalog(ctx)
	if err != nil {
		return nil, fmt.Errorf("catalog: read: %w", err)
	}
	m := map[string]string{}
	for _, p := range f.Procedures {
		b, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		m[p.Code] = string(b)
	}
	return m, nil
}

// Replace validates f and swaps the whole catalog in one transaction: on any
// error the previous catalog stays.
func (r *Repo) Replace(ctx context.Context, f File, now time.Time) error {
	if probs := Validate(f.Procedures); len(probs) > 0 {
		return probs
	}
	if err := r.db.ReplaceCatalog(ctx, f, now); err != nil {
		return fmt.Errorf("catalog: replace: %w", err)
	}
	return nil
}

// All returns the stored catalog (no procedures when nothing was imported
// yet; Procedures is then empty, never nil).
func (r *Repo) All(ctx context.Context) (File, error) {
	f, ok, err := r.db.StoredCatalog(ctx)
	if err != nil {
		return File{Format: FormatID, Procedures: []Procedure{}}, fmt.Errorf("catalog: read: %w", err)
	}
	if !ok {
		f = File{}
	}
	f.Format = FormatID
	if f.Procedures == nil {
		f.Procedures = []Procedure{}
	}
	return f, nil
}

// Served is the catalog a kiosk on this store serves when the config names
// no catalog file: the imported one when it has procedures, else the
// shipped sample. Procedures is never nil.
func (r *Repo) Served(ctx context.Context) (File, error) {
	f, err := r.All(ctx)
	if err != nil {
		return f, err
	}
	if len(f.Procedures) > 0 {
		return f, nil
	}
	return LoadSample()
}
