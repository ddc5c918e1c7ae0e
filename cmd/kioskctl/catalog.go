package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/catalog/importer"
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
// in one transaction; on any problem the previous catalog stays. With
// --format it first converts a national format and prints the import
// report; with --out it writes the converted catalog file instead (the file
// [catalog] path names), whole or not at all.
func catalogImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	dry := fs.Bool("dry-run", false, "only show what would change in the store")
	format := fs.String("format", "", "source format: dvcqg (national procedure JSON), xlsx (the portal's per-ministry list) or ours")
	out := fs.String("out", "", "write the converted catalog to this file instead of the store")
	report := fs.String("report", "-", "where the import report goes: a file, or - for standard output")
	const usage = "usage: kioskctl catalog import [--format dvcqg|xlsx|ours] [--out FILE] [--report FILE|-] [--db PATH] [--dry-run] FILE"
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fail(stderr, usage)
	}
	path := fs.Arg(0)
	var f catalog.File
	if *format == "" && *out == "" {
		var err error
		if f, err = catalog.ReadFile(path); err != nil {
			return reportCatalogErr(stderr, path, err)
		}
	} else {
		var ok bool
		if f, ok = convertCatalog(*format, path, *report, stdout, stderr); !ok {
			return 1
		}
		if *out != "" {
			b, err := importer.Marshal(f)
			if err == nil {
				err = config.WriteFileAtomic(*out, b, 0o644)
			}
			if err != nil {
				return fail(stderr, "catalog import: %v; nothing written", err)
			}
			fmt.Fprintf(stderr, "wrote %d procedures to %s\n", len(f.Procedures), *out)
			return 0
		}
	}
	return storeCatalog(sf, f, *dry, path, stdout, stderr)
}

// convertCatalog reads path in format (our own when empty) and writes the
// import report; ok is false, with every problem on stderr, when the file
// cannot be imported.
func convertCatalog(format, path, reportTo string, stdout, stderr io.Writer) (catalog.File, bool) {
	if format == "" {
		format = string(importer.Ours)
	}
	ft, err := importer.ParseFormat(format)
	if err != nil {
		fail(stderr, "catalog import: %v", err)
		return catalog.File{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fail(stderr, "catalog import: %v", err)
		return catalog.File{}, false
	}
	f, rep, err := importer.Import(ft, path, data, importer.Options{})
	if err != nil {
		if errors.Is(err, importer.ErrBroken) {
			fail(stderr, "catalog import: %v; nothing imported", err)
			return catalog.File{}, false
		}
		for _, n := range rep.Notes { // what the converter saw often explains a problem
			if n.Code != "" {
				fmt.Fprintf(stderr, "%s: note: %s: %s\n", path, n.Code, n.Msg)
			} else {
				fmt.Fprintf(stderr, "%s: note: %s\n", path, n.Msg)
			}
		}
		reportCatalogErr(stderr, path, err)
		return catalog.File{}, false
	}
	var b strings.Builder
	rep.WriteText(&b)
	if reportTo == "-" {
		io.WriteString(stdout, b.String())
	} else if err := config.WriteFileAtomic(reportTo, []byte(b.String()), 0o644); err != nil {
		fail(stderr, "catalog import: report: %v", err)
		return catalog.File{}, false
	}
	return f, true
}

// storeCatalog replaces the catalog in the kiosk's store with f.
func storeCatalog(sf storeFlags, f catalog.File, dry bool, path string, stdout, stderr io.Writer) int {
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
	if dry {
		return 0
	}
	if err := repo.Replace(ctx, f, time.Now()); err != nil {
		return reportCatalogErr(stderr, path, err)
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
	format := fs.String("format", "ours", "ours (our catalog JSON) or dvcqg (the national procedure JSON; what it cannot carry is listed on stderr)")
	out := fs.String("out", "", "write to this file (whole or not at all) instead of standard output")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kioskctl catalog export [--sample] [--format ours|dvcqg] [--out FILE] [--config FILE] [--db PATH]")
		return 2
	}
	ft, ferr := importer.ParseFormat(*format)
	if ferr != nil || ft == importer.XLSX {
		return fail(stderr, "catalog export: unknown format %q (ours or dvcqg)", *format)
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
	var b []byte
	if ft == importer.DVCQG {
		var rep *importer.ExportReport
		if b, rep, err = importer.ExportDVCQG(f); err == nil {
			rep.WriteText(stderr)
		}
	} else {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", " ")
		err = enc.Encode(f)
		b = buf.Bytes()
	}
	if err != nil {
		return fail(stderr, "catalog export: %v", err)
	}
	if *out != "" {
		if err := config.WriteFileAtomic(*out, b, 0o644); err != nil {
			return fail(stderr, "catalog export: %v; nothing written", err)
		}
		fmt.Fprintf(stderr, "wrote %d procedures to %s\n", len(f.Procedures), *out)
		return 0
	}
	if _, err := stdout.Write(b); err != nil {
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
