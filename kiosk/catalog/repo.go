package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/store"
)

// Repo keeps the catalog in the store.
type Repo struct{ db *store.DB }

// NewRepo wraps a store.
func NewRepo(db *store.DB) *Repo { return &Repo{db: db} }

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
	rows, err := r.db.QueryContext(ctx, `SELECT code, body FROM procedures`)
	if err != nil {
		return nil, fmt.Errorf("catalog: read: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var c, b string
		if err := rows.Scan(&c, &b); err != nil {
			return nil, err
		}
		m[c] = b
	}
	return m, rows.Err()
}

// Replace validates f and swaps the whole catalog in one transaction: on any
// error the previous catalog stays.
func (r *Repo) Replace(ctx context.Context, f File, now time.Time) error {
	if probs := Validate(f.Procedures); len(probs) > 0 {
		return probs
	}
	return r.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM procedures`); err != nil {
			return fmt.Errorf("catalog: clear: %w", err)
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
				return fmt.Errorf("catalog: insert %s: %w", p.Code, err)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO catalog_meta(id, title, sample, imported_at, count) VALUES(1,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET title=excluded.title, sample=excluded.sample, imported_at=excluded.imported_at, count=excluded.count`,
			f.Title, f.Sample, now.UTC().Format(time.RFC3339), len(f.Procedures))
		return err
	})
}

// All returns the stored catalog (empty when nothing was imported yet).
func (r *Repo) All(ctx context.Context) (File, error) {
	f := File{Format: FormatID}
	err := r.db.QueryRowContext(ctx, `SELECT title, sample FROM catalog_meta WHERE id = 1`).Scan(&f.Title, &f.Sample)
	if err == sql.ErrNoRows {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("catalog: meta: %w", err)
	}
	rows, err := r.db.QueryContext(ctx, `SELECT body FROM procedures ORDER BY code`)
	if err != nil {
		return f, fmt.Errorf("catalog: read: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return f, err
		}
		var p Procedure
		if err := json.Unmarshal([]byte(b), &p); err != nil {
			return f, fmt.Errorf("catalog: decode stored entry: %w", err)
		}
		f.Procedures = append(f.Procedures, p)
	}
	return f, rows.Err()
}
