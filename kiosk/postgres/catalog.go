package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/catalog"
)

var _ catalog.Store = (*DB)(nil)

// ReplaceCatalog implements catalog.Store: the whole catalog is replaced in
// one transaction holding an exclusive lock on procedures, so concurrent
// imports take turns and readers see the old or the new catalog.
func (db *DB) ReplaceCatalog(ctx context.Context, f catalog.File, at time.Time) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE procedures IN EXCLUSIVE MODE`); err != nil {
			return fmt.Errorf("postgres: lock catalog: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM procedures`); err != nil {
			return fmt.Errorf("postgres: clear catalog: %w", err)
		}
		rows := make([][]any, 0, len(f.Procedures))
		for _, p := range f.Procedures {
			b, err := json.Marshal(p)
			if err != nil {
				return fmt.Errorf("postgres: encode %s: %w", p.Code, err)
			}
			rows = append(rows, []any{p.Code, p.Name, p.Field, p.Level, p.Agency, p.Updated, string(b)})
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"procedures"}, []string{"code", "name", "field", "level", "agency", "updated", "body"},
			pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("postgres: insert catalog: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO catalog_meta(id, title, sample, imported_at, count) VALUES(1,$1,$2,$3,$4)
			ON CONFLICT(id) DO UPDATE SET title=excluded.title, sample=excluded.sample, imported_at=excluded.imported_at, count=excluded.count`,
			f.Title, f.Sample, at.UTC().Format(time.RFC3339), len(f.Procedures))
		if err != nil {
			return fmt.Errorf("postgres: catalog meta: %w", err)
		}
		return nil
	})
}

// StoredCatalog implements catalog.Store.
func (db *DB) StoredCatalog(ctx context.Context) (catalog.File, bool, error) {
	f := catalog.File{Format: catalog.FormatID}
	found := false
	err := db.tx(ctx, func(tx pgx.Tx) error { // one snapshot for meta and entries
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT title, sample FROM catalog_meta WHERE id = 1`).Scan(&f.Title, &f.Sample)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		rows, err := tx.Query(ctx, `SELECT body FROM procedures ORDER BY code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		f.Procedures = []catalog.Procedure{}
		for rows.Next() {
			var b string
			if err := rows.Scan(&b); err != nil {
				return err
			}
			var p catalog.Procedure
			if err := json.Unmarshal([]byte(b), &p); err != nil {
				return fmt.Errorf("decode stored entry: %w", err)
			}
			f.Procedures = append(f.Procedures, p)
		}
		return rows.Err()
	})
	if err != nil {
		return f, false, fmt.Errorf("postgres: stored catalog: %w", err)
	}
	return f, found, nil
}

// CatalogMeta implements catalog.Store.
func (db *DB) CatalogMeta(ctx context.Context) (m catalog.Meta, ok bool, err error) {
	var at string
	err = db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `SELECT title, sample, imported_at, count FROM catalog_meta WHERE id = 1`).Scan(&m.Title, &m.Sample, &at, &m.Count)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("postgres: catalog meta: %w", err)
	}
	m.ImportedAt, _ = time.Parse(time.RFC3339, at)
	return m, true, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// FindProcedure implements catalog.Store: an exact code, else the first
// code under it ("1.001" finds "1.001.x").
func (db *DB) FindProcedure(ctx context.Context, code string) (catalog.Procedure, error) {
	var b string
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `SELECT body FROM procedures WHERE code = $1 OR code LIKE $2 ESCAPE '\' ORDER BY code = $1 DESC, code LIMIT 1`,
			code, likeEscape(code)+".%").Scan(&b)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return catalog.Procedure{}, catalog.ErrNotFound
	}
	if err != nil {
		return catalog.Procedure{}, fmt.Errorf("postgres: find %s: %w", code, err)
	}
	var p catalog.Procedure
	if err := json.Unmarshal([]byte(b), &p); err != nil {
		return catalog.Procedure{}, fmt.Errorf("postgres: decode stored %s: %w", code, err)
	}
	return p, nil
}

// FacetValues implements catalog.Store.
func (db *DB) FacetValues(ctx context.Context, f catalog.Facet) ([]string, error) {
	var col string
	switch f {
	case catalog.FacetField, catalog.FacetLevel, catalog.FacetAgency:
		col = string(f) // a column name, never user input
	default:
		return nil, fmt.Errorf("unknown facet %q", f)
	}
	out := []string{}
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT DISTINCT `+col+` FROM procedures WHERE `+col+` <> '' ORDER BY `+col)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: facet %s: %w", f, err)
	}
	return out, nil
}

// LogSearchMiss implements catalog.Store.
func (db *DB) LogSearchMiss(ctx context.Context, query string, at time.Time) error {
	if _, err := db.exec(ctx, `INSERT INTO search_misses(at, query) VALUES($1,$2)`, at.UTC().Format(time.RFC3339), query); err != nil {
		return fmt.Errorf("postgres: log search miss: %w", err)
	}
	return nil
}

// SearchMisses implements catalog.Store.
func (db *DB) SearchMisses(ctx context.Context, since time.Time, limit int) ([]catalog.Miss, error) {
	out := []catalog.Miss{}
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT query, COUNT(*), MAX(at) FROM search_misses WHERE at >= $1
			GROUP BY query ORDER BY COUNT(*) DESC, MAX(at) DESC, query LIMIT $2`, since.UTC().Format(time.RFC3339), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m catalog.Miss
			var at string
			if err := rows.Scan(&m.Query, &m.Count, &at); err != nil {
				return err
			}
			m.Last, _ = time.Parse(time.RFC3339, at)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: search misses: %w", err)
	}
	return out, nil
}
