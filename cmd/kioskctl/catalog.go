package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/catalog"
)

func init() {
	register("catalog", "check, import, export or generate a procedure catalog", subcommands("catalog", map[string]func([]string, io.Writer, io.Writer) int{
		"check":  catalogCheck,
		"import": catalogImport,
		"export": catalogExport,
		"gen":    catalogGen,
		"misses": catalogMisses,
	}))
}

func reportCatalogErr(stderr io.Writer, path string, err error) int {
	var probs catalog.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintf(stderr, "%s: %s\n", path, p)
		}
		fmt.Fprintf(stderr, "%s: %d problems; nothing imported\n", path, len(probs))
		return 1
	}
	return fail(stderr, "%s: %v", path, err)
}

// catalogCheck validates FILE and reports every problem and stale entry.
func catalogCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	staleDays := fs.Int("stale-days", config.Default().Catalog.StaleDays, "warn about entries older than this")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fail(stderr, "usage: kioskctl catalog check [--stale-days N] FILE")
	}
	f, err := catalog.ReadFile(fs.Arg(0))
	if err != nil {
		return reportCatalogErr(stderr, fs.Arg(0), err)
	}
	warnStale(stderr, f, *staleDays)
	fmt.Fprintf(stdout, "%s: ok, %d procedures\n", fs.Arg(0), len(f.Procedures))
	return 0
}

func warnStale(w io.Writer, f catalog.File, days int) {
	n := 0
	for _, p := range f.Procedures {
		if p.Stale(time.Now(), time.Duration(days)*24*time.Hour) {
			if n < 10 {
				fmt.Fprintf(w, "warning: %s updated %s, older than %d days\n", p.Code, p.Updated, days)
			}
			n++
		}
	}
	if n > 10 {
		fmt.Fprintf(w, "warning: %d stale entries in all\n", n)
	}
}

// catalogImport validates the whole file, then replaces the stored catalog
// in one transaction; on any problem the previous catalog stays.
func catalogImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	dry := fs.Bool("dry-run", false, "only show what would change")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fail(stderr, "usage: kioskctl catalog import [--db PATH] [--dry-run] FILE")
	}
	f, err := catalog.ReadFile(fs.Arg(0))
	if err != nil {
		return reportCatalogErr(stderr, fs.Arg(0), err)
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "catalog import: %v", err)
	}
	defer db.Close()
	warnStale(stderr, f, cfg.Catalog.StaleDays)
	repo := catalog.NewRepo(db)
	d, err := repo.Preview(ctx, f)
	if err != nil {
		return fail(stderr, "catalog import: %v", err)
	}
	fmt.Fprintf(stdout, "added %d, removed %d, changed %d\n", len(d.Added), len(d.Removed), len(d.Changed))
	if *dry {
		return 0
	}
	if err := repo.Replace(ctx, f, time.Now()); err != nil {
		return reportCatalogErr(stderr, fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "imported %d procedures into %s\n", len(f.Procedures), db.Path)
	return 0
}

func catalogExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	sample := fs.Bool("sample", false, "export the shipped sample catalog")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var f catalog.File
	var err error
	if *sample {
		f, err = catalog.LoadSample()
	} else {
		cfg, db, oerr := sf.open(context.Background())
		if oerr != nil {
			return fail(stderr, "catalog export: %v", oerr)
		}
		defer db.Close()
		// What the kiosk serves: the configured file if it loads, else the
		// imported catalog, else the shipped sample.
		if p := cfg.Catalog.Path; p != "" {
			if f, err = catalog.ReadFile(p); err != nil {
				fmt.Fprintf(stderr, "warning: catalog file %s rejected (%v); exporting the stored or sample catalog\n", p, err)
			}
		}
		if cfg.Catalog.Path == "" || err != nil {
			f, err = catalog.NewRepo(db).Served(context.Background())
		}
	}
	if err == nil && f.Procedures == nil {
		f.Procedures = []catalog.Procedure{}
	}
	if err != nil {
		return fail(stderr, "catalog export: %v", err)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return fail(stderr, "catalog export: %v", err)
	}
	return 0
}

func catalogGen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("count", 1000, "number of procedures")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("o", "", "output file (default stdout)")
	if err := fs.Parse(args); err != nil || *n < 1 {
		return fail(stderr, "usage: kioskctl catalog gen --count N [--seed S] [-o FILE]")
	}
	w := stdout
	if *out != "" {
		fh, err := os.Create(*out)
		if err != nil {
			return fail(stderr, "catalog gen: %v", err)
		}
		defer fh.Close()
		w = fh
	}
	if err := json.NewEncoder(w).Encode(catalog.Generate(*n, *seed)); err != nil {
		return fail(stderr, "catalog gen: %v", err)
	}
	return 0
}

// catalogMisses lists, for staff, what citizens searched for and did not
// find (folded queries only; number-like ones are never stored).
func catalogMisses(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog misses", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	days := fs.Int("days", 30, "look back this many days")
	limit := fs.Int("limit", 50, "rows to print")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *days < 1 {
		return fail(stderr, "usage: kioskctl catalog misses [--db PATH] [--days N] [--limit N]")
	}
	_, db, err := sf.open(context.Background())
	if err != nil {
		return fail(stderr, "catalog misses: %v", err)
	}
	defer db.Close()
	ms, err := catalog.NewRepo(db).Misses(context.Background(), time.Now().AddDate(0, 0, -*days), *limit)
	if err != nil {
		return fail(stderr, "catalog misses: %v", err)
	}
	if len(ms) == 0 {
		fmt.Fprintf(stdout, "no unanswered searches in the last %d days\n", *days)
		return 0
	}
	for _, m := range ms {
		fmt.Fprintf(stdout, "%5d  %s  %s\n", m.Count, m.Last.Local().Format("2006-01-02 15:04"), m.Query)
	}
	return 0
}
