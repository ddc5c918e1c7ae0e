package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/catalog"
)

var _ catalog.Store = (*DB)(nil)

// ReplaceCatalog implements catalog.Store.
func (db *DB) ReplaceCatalog(ctx context.Context, f catalog.File, at time.Time) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM procedures`); err != nil {
			return fmt.Errorf("clear: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO procedures(code, name, field, level, agency, updated, body) VALUES(?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, p := range f.Procedures {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, p.Code, p.Name, p.Field, p.Level, p.Agency, p.Updated, string(b)); err != nil {
				return fmt.Errorf("insert %s: %w", p.Code, err)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO catalog_meta(id, title, sample, imported_at, count) VALUES(1,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET title=excluded.title, sample=excluded.sample, imported_at=excluded.imported_at, count=excluded.count`,
			f.Title, f.Sample, at.UTC().Format(time.RFC3339), len(f.Procedures))
		return err
	})
}

// StoredCatalog implements catalog.Store.
func (db *DB) StoredCatalog(ctx context.Context) (catalog.File, bool, error) {
	f := catalog.File{Format: catalog.FormatID}
	err := db.QueryRowContext(ctx, `SELECT title, sample FROM catalog_meta WHERE id = 1`).Scan(&f.Title, &f.Sample)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, err
	}
	rows, err := db.QueryContext(ctx, `SELECT body FROM procedures ORDER BY code`)
	if err != nil {
		return f, false, err
	}
	defer rows.Close()
	f.Procedures = []catalog.Procedure{}
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return f, false, err
		}
		var p catalog.Procedure
		if err := json.Unmarshal([]byte(b), &p); err != nil {
			return f, false, fmt.Errorf("decode stored entry: %w", err)
		}
		f.Procedures = append(f.Procedures, p)
	}
	return f, true, rows.Err()
}

// CatalogMeta implements catalog.Store.
func (db *DB) CatalogMeta(ctx context.Context) (m catalog.Meta, ok bool, err error) {
	var at string
	err = db.QueryRowContext(ctx, `SELECT title, sample, imported_at, count FROM catalog_meta WHERE id = 1`).Scan(&m.Title, &m.Sample, &at, &m.Count)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, err
	}
	m.ImportedAt, _ = time.Parse(time.RFC3339, at)
	return m, true, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// FindProcedure implements catalog.Store.
func (db *DB) FindProcedure(ctx context.Context, code string) (catalog.Procedure, error) {
	var b string
	err := db.QueryRowContext(ctx, `SELECT body FROM procedures WHERE code = ? OR code LIKE ? ESCAPE '\' ORDER BY code = ? DESC, code LIMIT 1`,
		code, likeEscape(code)+".%", code).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return catalog.Procedure{}, catalog.ErrNotFound
	}
	if err != nil {
		return catalog.Procedure{}, err
	}
	var p catalog.Procedure
	if err := json.Unmarshal([]byte(b), &p); err != nil {
		return catalog.Procedure{}, fmt.Errorf("decode stored %s: %w", code, err)
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
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT `+col+` FROM procedures WHERE `+col+` <> '' ORDER BY `+col)
	if err != nil {
		return nil, err
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

// LogSearchMiss implements catalog.Store.
func (db *DB) LogSearchMiss(ctx context.Context, query string, at time.Time) error {
	_, err := db.ExecContext(ctx, `INSERT INTO search_misses(at, query) VALUES(?,?)`, at.UTC().Format(time.RFC3339), query)
	return err
}

// SearchMisses implements catalog.Store.
func (db *DB) SearchMisses(ctx context.Context, since time.Time, limit int) ([]catalog.Miss, error) {
	rows, err := db.QueryContext(ctx, `SELECT query, COUNT(*), MAX(at) FROM search_misses WHERE at >= ?
		GROUP BY query ORDER BY COUNT(*) DESC, MAX(at) DESC, query LIMIT ?`, since.UTC().Format(time.RFC3339), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []catalog.Miss{}
	for rows.Next() {
		var m catalog.Miss
		var at string
		if err := rows.Scan(&m.Query, &m.Count, &at); err != nil {
			return nil, err
		}
		m.Last, _ = time.Parse(time.RFC3339, at)
		out = append(out, m)
	}
	return out, rows.Err()
}
