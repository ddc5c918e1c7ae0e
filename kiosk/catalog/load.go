package catalog

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

//go:embed sample/catalog.json
var sampleFS embed.FS

// LoadSample returns the shipped sample catalog.
func LoadSample() (File, error) {
	b, err := sampleFS.ReadFile("sample/catalog.json")
	if err != nil {
		return File{}, err
	}
	return Parse(b)
}

// ErrFormat marks a file that is not a catalog at all.
var ErrFormat = errors.New("not a catalog file")

// Parse reads the JSON format and validates every procedure; it returns
// Problems (all of them) when any record is wrong.
func Parse(b []byte) (File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n")) + 1
			return f, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
		}
		return f, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if f.Format != FormatID {
		return f, fmt.Errorf("%w: format must be %q, got %q", ErrFormat, FormatID, f.Format)
	}
	if probs := Validate(f.Procedures); len(probs) > 0 {
		return f, probs
	}
	return f, nil
}

// ReadFile reads a catalog in JSON, or CSV when the name ends in .csv.
func ReadFile(path string) (File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	if strings.HasSuffix(strings.ToLower(path), ".csv") {
		return ParseCSV(bytes.NewReader(b))
	}
	return Parse(b)
}

// CSVHeader is the catalogue-level CSV layout: one procedure per row, the
// single-case fee and time; lists separated by " | ".
var CSVHeader = []string{"code", "name", "field", "level", "agency", "time", "fee", "fee_amount", "online_level", "keywords", "source", "source_url", "updated"}

// ParseCSV reads the catalogue-level CSV (no documents: one empty case).
func ParseCSV(r io.Reader) (File, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(CSVHeader)
	head, err := cr.Read()
	if err != nil {
		return File{}, fmt.Errorf("%w: csv header: %v", ErrFormat, err)
	}
	for i, h := range CSVHeader {
		if strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff")) != h {
			return File{}, fmt.Errorf("%w: csv column %d must be %q, got %q", ErrFormat, i+1, h, head[i])
		}
	}
	f := File{Format: FormatID, Title: "CSV import"}
	var probs Problems
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return f, fmt.Errorf("%w: csv row %d: %v", ErrFormat, row, err)
		}
		amount := int64(0)
		if s := strings.TrimSpace(rec[7]); s != "" {
			if amount, err = strconv.ParseInt(s, 10, 64); err != nil {
				probs = append(probs, Problem{Index: len(f.Procedures), Code: rec[0], Field: "fee_amount", Msg: "not a whole number of VND"})
			}
		}
		p := Procedure{Code: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), Field: strings.TrimSpace(rec[2]), Level: strings.TrimSpace(rec[3]), Agency: strings.TrimSpace(rec[4]),
			Cases:       []DossierCase{{Name: strings.TrimSpace(rec[1]), Time: rec[5], Fee: rec[6], FeeAmount: amount, Documents: []Document{}}},
			OnlineLevel: strings.TrimSpace(rec[8]), Keywords: splitList(rec[9]), Source: rec[10], SourceURL: rec[11], Updated: strings.TrimSpace(rec[12]), Validity: "hiệu lực"}
		f.Procedures = append(f.Procedures, p)
	}
	probs = append(probs, Validate(f.Procedures)...)
	if len(probs) > 0 {
		return f, probs
	}
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
