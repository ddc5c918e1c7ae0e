package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/search"
)

func init() {
	register("search", "search procedures as the kiosk does: kioskctl search [--json] QUERY", searchCmd)
}

func searchCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	limit := fs.Int("limit", 10, "results to print")
	asJSON := fs.Bool("json", false, "print a JSON array")
	file := fs.String("catalog", "", "catalog file (default: the shipped sample)")
	dbPath := fs.String("db", "", "search the catalog imported into this store")
	field := fs.String("field", "", "only this field (lĩnh vực)")
	level := fs.String("level", "", "only this level")
	agency := fs.String("agency", "", "only agencies whose name contains this (accents optional)")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return fail(stderr, "usage: kioskctl search [--limit N] [--json] [--catalog FILE | --db PATH] [--field F] [--level L] [--agency A] QUERY")
	}
	var f catalog.File
	var err error
	switch {
	case *file != "":
		f, err = catalog.ReadFile(*file)
	case *dbPath != "":
		sf := storeFlags{db: *dbPath}
		_, db, oerr := sf.open(context.Background())
		if oerr != nil {
			return fail(stderr, "search: %v", oerr)
		}
		defer db.Close()
		f, err = catalog.NewRepo(db).All(context.Background())
	default:
		f, err = catalog.LoadSample()
	}
	if err != nil {
		return fail(stderr, "search: %v", err)
	}
	ix := search.NewIndex(f.Procedures)
	rs := ix.Search(strings.Join(fs.Args(), " "), search.Filter{Field: *field, Level: *level, Agency: *agency}, *limit)
	if *asJSON {
		if rs == nil {
			rs = []search.Result{}
		}
		if err := json.NewEncoder(stdout).Encode(rs); err != nil {
			return fail(stderr, "search: %v", err)
		}
		return 0
	}
	if len(rs) == 0 {
		sug, _ := ix.Suggest(strings.Join(fs.Args(), " "), 5)
		fmt.Fprintln(stdout, "no results; suggestions:")
		for _, r := range sug {
			fmt.Fprintf(stdout, "  %-10s %s\n", r.Code, r.Name)
		}
		return 0
	}
	for i, r := range rs {
		fmt.Fprintf(stdout, "%2d. %-10s %6.2f  %s  [%s, %s]  matched: %s\n", i+1, r.Code, r.Score, r.Name, r.Field, r.Level, strings.Join(r.Words, ", "))
	}
	return 0
}
