package importer

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// importOurs reads our own format (JSON, or the catalogue-level CSV when
// the name ends in .csv) unchanged; catalog.Parse rejects unknown keys, so
// nothing in it can go unmapped.
func importOurs(name string, data []byte, rep *Report) (catalog.File, error) {
	file := filepath.Base(name)
	if len(bytes.TrimSpace(data)) == 0 {
		return catalog.File{}, brokenf("%s: empty file, expected a %s catalog", file, catalog.FormatID)
	}
	var f catalog.File
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		f, err = catalog.ParseCSV(bytes.NewReader(data))
	} else {
		f, err = catalog.Parse(data)
	}
	rep.Read = len(f.Procedures)
	var probs catalog.Problems
	switch {
	case errors.As(err, &probs):
		return catalog.File{}, probs
	case errors.Is(err, catalog.ErrFormat):
		return catalog.File{}, fmt.Errorf("%w: %s: %v", ErrBroken, file, err)
	case err != nil:
		return catalog.File{}, fmt.Errorf("%s: %w", file, err)
	}
	return f, nil
}
