package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/search"
)

// benchQueries are what citizens type; every prefix is one keystroke.
var benchQueries = []string{
	"khai sinh", "dang ky ket hon", "ly lich tu phap", "so do", "chung thuc ban sao", "tam tru", "thuong tru",
	"ho kinh doanh", "giay phep xay dung", "tro cap xa hoi", "mai tang phi", "cap doi giay chung nhan",
	"xac nhan tinh trang hon nhan", "khai tu", "giam ho", "thua ke", "chuyen nhuong quyen su dung dat",
	"an toan thuc pham", "bang tot nghiep", "chuyen truong", "thuong binh", "le hoi", "trang trai",
	"nguoi khuyet tat", "tach thua", "cai chinh ho tich", "nhan cha me con", "hop dong giao dich", "di chuc", "luu tru",
}

func keystrokes() []string {
	var out []string
	for _, q := range benchQueries {
		for i := 1; i <= len(q); i++ {
			if q[i-1] != ' ' {
				out = append(out, q[:i])
			}
		}
	}
	return out
}

func benchSearch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("count", 10000, "procedures in the synthetic catalog")
	rounds := fs.Int("rounds", 3, "times each keystroke query runs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f := catalog.Generate(*n, 7)
	keys := keystrokes()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	ix := search.NewIndex(f.Procedures)
	build := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	mem := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	runtime.KeepAlive(ix)

	ours := make([]time.Duration, 0, len(keys)**rounds)
	for r := 0; r < *rounds; r++ {
		for _, k := range keys {
			s := time.Now()
			ix.Search(k, search.Filter{}, 20)
			ours = append(ours, time.Since(s))
		}
	}
	sort.Slice(ours, func(i, j int) bool { return ours[i] < ours[j] })

	base, fbuild, err := fts5Baseline(f, keys, *rounds)
	if err != nil {
		return fail(stderr, "bench search: FTS5 baseline: %v", err)
	}
	sort.Slice(base, func(i, j int) bool { return base[i] < base[j] })

	fmt.Fprintf(stdout, "catalog: %d synthetic procedures; %d keystroke queries × %d rounds\n", *n, len(keys), *rounds)
	fmt.Fprintf(stdout, "index build: %v (target ≤ 300 ms); index memory: %.1f MB (target ≤ 30 MB)\n", build.Round(time.Millisecond), mem)
	fmt.Fprintf(stdout, "ours:     p50 %s  p99 %s  (target p99 ≤ 1 ms)\n", us(percentile(ours, .5)), us(percentile(ours, .99)))
	fmt.Fprintf(stdout, "FTS5:     p50 %s  p99 %s  (SQLite FTS5 prefix query on a folded shadow column; build %v)\n", us(percentile(base, .5)), us(percentile(base, .99)), fbuild.Round(time.Millisecond))
	ratio50 := float64(percentile(base, .5)) / float64(percentile(ours, .5))
	ratio99 := float64(percentile(base, .99)) / float64(percentile(ours, .99))
	fmt.Fprintf(stdout, "speed-up over FTS5: %.1f× at p50, %.1f× at p99 (target ≥ 5×)\n", ratio50, ratio99)
	ok := build <= 300*time.Millisecond && mem <= 30 && percentile(ours, .99) <= time.Millisecond && ratio50 >= 5
	fmt.Fprintf(stdout, "targets: %s\n", map[bool]string{true: "met", false: "NOT met"}[ok])
	return 0
}

func fts5Baseline(f catalog.File, keys []string, rounds int) ([]time.Duration, time.Duration, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	t0 := time.Now()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE p USING fts5(code UNINDEXED, folded, tokenize = 'unicode61')`); err != nil {
		return nil, 0, err
	}
	tx, _ := db.BeginTx(ctx, nil)
	stmt, _ := tx.PrepareContext(ctx, `INSERT INTO p(code, folded) VALUES(?, ?)`)
	for _, pr := range f.Procedures {
		text := search.Fold(pr.Name + " " + pr.Field + " " + strings.Join(pr.Keywords, " ") + " " + strings.Join(pr.Names, " "))
		if _, err := stmt.ExecContext(ctx, pr.Code, text); err != nil {
			return nil, 0, err
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		return nil, 0, err
	}
	build := time.Since(t0)
	q, err := db.PrepareContext(ctx, `SELECT code FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 20`)
	if err != nil {
		return nil, 0, err
	}
	defer q.Close()
	out := make([]time.Duration, 0, len(keys)*rounds)
	for r := 0; r < rounds; r++ {
		for _, k := range keys {
			var terms []string
			for _, w := range strings.Fields(search.Fold(k)) {
				terms = append(terms, `"`+w+`"*`)
			}
			s := time.Now()
			rows, err := q.QueryContext(ctx, strings.Join(terms, " "))
			if err != nil {
				return nil, 0, err
			}
			for rows.Next() {
				var c string
				rows.Scan(&c)
			}
			rows.Close()
			out = append(out, time.Since(s))
		}
	}
	return out, build, nil
}
