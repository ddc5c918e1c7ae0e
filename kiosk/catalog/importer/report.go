package importer

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// Entry names one procedure in the report.
type Entry struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Note is one finding about a procedure (or the file, when Code is empty).
type Note struct {
	Code string `json:"code,omitempty"`
	Msg  string `json:"msg"`
}

// Report says what an import could not carry over.
type Report struct {
	Format   Format `json:"format"`
	File     string `json:"file"`
	Read     int    `json:"read"`     // procedure records in the source
	Imported int    `json:"imported"` // procedures in the converted catalog (0 when the import failed)
	// Unmapped counts, per source field (a path such as
	// THANHPHANHOSO[].GIAYTO[].MAGIAYTO, or an XLSX column heading), the
	// values found there that we have no place for.
	Unmapped map[string]int `json:"unmapped"`
	// Procedures that arrived without documents, fee or processing time.
	NoDocuments []Entry `json:"noDocuments"`
	NoFee       []Entry `json:"noFee"`
	NoTime      []Entry `json:"noTime"`
	// ListedOnly are entries from a list (XLSX) with no documents, fee or time at all.
	ListedOnly []Entry `json:"listedOnly"`
	Notes      []Note  `json:"notes"`

	// where says, per converted procedure, where it sits in the source
	// ("sheet X row N"), for problems; empty when the index says it.
	where []string
}

func newReport(f Format, file string) *Report {
	return &Report{Format: f, File: file, Unmapped: map[string]int{}}
}

func (r *Report) unmapped(field string) { r.Unmapped[field]++ }

func (r *Report) note(code, format string, a ...any) {
	r.Notes = append(r.Notes, Note{Code: code, Msg: fmt.Sprintf(format, a...)})
}

// collectGaps lists the procedures lacking documents, a fee or a time.
func (r *Report) collectGaps(ps []catalog.Procedure) {
	for _, p := range ps {
		e := Entry{Code: p.Code, Name: p.Name}
		docs, fee, tm := false, false, false
		for _, c := range p.Cases {
			docs = docs || len(c.Documents) > 0
			fee = fee || strings.TrimSpace(c.Fee) != ""
			tm = tm || strings.TrimSpace(c.Time) != ""
		}
		for _, m := range p.Methods {
			fee = fee || strings.TrimSpace(m.Fee) != ""
			tm = tm || strings.TrimSpace(m.Time) != ""
		}
		if !docs {
			r.NoDocuments = append(r.NoDocuments, e)
		}
		if !fee {
			r.NoFee = append(r.NoFee, e)
		}
		if !tm {
			r.NoTime = append(r.NoTime, e)
		}
	}
}

// Gaps reports whether anything was left out or missing.
func (r *Report) Gaps() bool {
	return len(r.Unmapped)+len(r.NoDocuments)+len(r.NoFee)+len(r.NoTime)+len(r.ListedOnly)+len(r.Notes) > 0
}

// WriteText writes the report for a technician, one finding per line.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog import report: %s (%s)\n", r.File, r.Format)
	fmt.Fprintf(&b, "procedures read: %d, imported: %d\n", r.Read, r.Imported)

	fields := make([]string, 0, len(r.Unmapped))
	width := 0
	for f := range r.Unmapped {
		fields = append(fields, f)
		width = max(width, len([]rune(f)))
	}
	sort.Strings(fields)
	fmt.Fprintf(&b, "\nsource fields not imported (%d):%s\n", len(fields), noneIf(len(fields) == 0))
	for _, f := range fields {
		fmt.Fprintf(&b, "  %s%s  %d×\n", f, strings.Repeat(" ", width-len([]rune(f))), r.Unmapped[f])
	}
	section := func(title string, es []Entry) {
		fmt.Fprintf(&b, "\n%s (%d):%s\n", title, len(es), noneIf(len(es) == 0))
		for _, e := range es {
			fmt.Fprintf(&b, "  %s  %s\n", e.Code, e.Name)
		}
	}
	if r.Format == XLSX {
		section("listed only, imported without documents, fee or processing time", r.ListedOnly)
	} else {
		section("without documents", r.NoDocuments)
		section("without fee", r.NoFee)
		section("without processing time", r.NoTime)
	}
	fmt.Fprintf(&b, "\nnotes (%d):%s\n", len(r.Notes), noneIf(len(r.Notes) == 0))
	for _, n := range r.Notes {
		if n.Code != "" {
			fmt.Fprintf(&b, "  %s: %s\n", n.Code, n.Msg)
		} else {
			fmt.Fprintf(&b, "  %s\n", n.Msg)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func noneIf(empty bool) string {
	if empty {
		return " none"
	}
	return ""
}
