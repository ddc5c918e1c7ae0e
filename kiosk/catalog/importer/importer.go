// Package importer turns the formats procedures are published in into our
// catalog (catalog.File): the national public-service interface's procedure
// JSON (DVCQG), the national portal's per-ministry XLSX lists, and our own
// format as a passthrough. Every import comes with a Report naming each
// source field that had nowhere to go and each procedure that arrived
// without documents, fee or processing time: nothing is dropped silently.
//
// A file that cannot be read at all (bad JSON, not a workbook, no header
// row) is an error wrapping ErrBroken; records that would make an invalid
// catalog are returned as catalog.Problems, all of them. Either way nothing
// is imported: the caller writes or stores only a File returned without error.
package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// Format names a source format.
type Format string

// The formats Import reads.
const (
	DVCQG Format = "dvcqg" // the national public-service interface's procedure JSON
	XLSX  Format = "xlsx"  // the national portal's per-ministry procedure list
	Ours  Format = "ours"  // our own catalog file (motcua-catalog/1 JSON, or the catalogue-level CSV)
)

// Formats lists the accepted --format values.
var Formats = []Format{DVCQG, XLSX, Ours}

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (one of dvcqg, xlsx, ours)", s)
}

// ErrBroken marks a source file that cannot be read as its format at all.
var ErrBroken = errors.New("broken source file")

// Options tune an import.
type Options struct {
	// Now stamps the "updated" date of converted entries (default time.Now).
	Now func() time.Time
}

func (o Options) today() string {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return now().Format("2006-01-02")
}

// Import converts data, read from a file named name, in the given format.
// On success the File validates as the kiosk loads it (catalog.Parse).
func Import(format Format, name string, data []byte, opt Options) (catalog.File, *Report, error) {
	rep := newReport(format, filepath.Base(name))
	var f catalog.File
	var probs catalog.Problems
	var err error
	switch format {
	case DVCQG:
		f, probs, err = importDVCQG(name, data, opt, rep)
	case XLSX:
		f, probs, err = importXLSX(name, data, opt, rep)
	case Ours:
		f, err = importOurs(name, data, rep)
	default:
		return catalog.File{}, rep, fmt.Errorf("import: unknown format %q", format)
	}
	if err != nil {
		return catalog.File{}, rep, err
	}
	// Records the converter could not read at all are not validated again.
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Index] = true
	}
	for _, p := range catalog.Validate(f.Procedures) {
		if !bad[p.Index] {
			probs = append(probs, p)
		}
	}
	if len(probs) > 0 {
		for i, p := range probs {
			if p.Index < len(rep.where) && rep.where[p.Index] != "" {
				probs[i].Msg += " (" + rep.where[p.Index] + ")"
			}
		}
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Index < probs[j].Index })
		return catalog.File{}, rep, probs
	}
	// What we hand back must load in the kiosk exactly as written.
	b, err := Marshal(f)
	if err != nil {
		return catalog.File{}, rep, err
	}
	if _, err := catalog.Parse(b); err != nil {
		return catalog.File{}, rep, fmt.Errorf("import: converted catalog does not load: %w", err)
	}
	rep.Imported = len(f.Procedures)
	if format != XLSX {
		rep.collectGaps(f.Procedures)
	}
	return f, rep, nil
}

// Marshal encodes a catalog file the way the kiosk reads it.
func Marshal(f catalog.File) ([]byte, error) {
	if f.Procedures == nil {
		f.Procedures = []catalog.Procedure{}
	}
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode catalog: %w", err)
	}
	return append(b, '\n'), nil
}

// brokenf wraps ErrBroken with a message.
func brokenf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBroken, fmt.Sprintf(format, a...))
}

// addUnverified appends field to p.Unverified once.
func addUnverified(p *catalog.Procedure, fields ...string) {
	for _, f := range fields {
		dup := false
		for _, u := range p.Unverified {
			dup = dup || u == f
		}
		if !dup {
			p.Unverified = append(p.Unverified, f)
		}
	}
}
