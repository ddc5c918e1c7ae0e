package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/kiosk/drivers/vnfold"
	"github.com/motcua/kiosk/kiosk/catalog"
)

// headerScanRows is how far down a sheet the header row is looked for
// (ministry lists open with a title, a date and the decision number).
const headerScanRows = 30

type column int

const (
	colCode column = iota
	colDecision
	colName
	colLevel
	colField
	colAgency
	numColumns
)

// headings are the folded column headings (lower case, no diacritics) each
// column may start with.
var headings = [numColumns][]string{
	colCode:     {"ma thu tuc", "ma tthc"},
	colDecision: {"so quyet dinh", "so qd", "quyet dinh cong bo"},
	colName:     {"ten thu tuc", "ten tthc"},
	colLevel:    {"cap thuc hien"},
	colField:    {"linh vuc"},
	colAgency:   {"co quan thuc hien"},
}

var columnTitles = [numColumns]string{"Mã thủ tục", "Số quyết định", "Tên thủ tục", "Cấp thực hiện", "Lĩnh vực", "Cơ quan thực hiện"}

func matchHeading(cell string) (column, bool) {
	k := vnfold.Key(cell)
	for c, alts := range headings {
		for _, a := range alts {
			if k == a || strings.HasPrefix(k, a+" ") {
				return column(c), true
			}
		}
	}
	return 0, false
}

// importXLSX reads every sheet that has a header row. The lists carry no
// documents, fee or time: each procedure is imported as listed only.
func importXLSX(file string, data []byte, opt Options, rep *Report) (catalog.File, catalog.Problems, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return catalog.File{}, nil, brokenf("%s: empty file, expected an XLSX workbook", file)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return catalog.File{}, nil, brokenf("%s: not an XLSX workbook: %v", file, err)
	}
	defer wb.Close()
	f := catalog.File{Format: catalog.FormatID, Title: "Danh mục thủ tục nhập từ " + filepath.Base(file) + " (danh sách của Cổng Dịch vụ công quốc gia)"}
	byCode := map[string]int{}
	found := false
	for _, sheet := range wb.GetSheetList() {
		rows, err := sheetRows(wb, sheet)
		if err != nil {
			return catalog.File{}, nil, brokenf("%s: sheet %q: %v", file, sheet, err)
		}
		hdr, cols := findHeader(rows)
		if hdr < 0 {
			if hasData(rows) {
				rep.note("", "sheet %q: no header row with Mã thủ tục and Tên thủ tục in the first %d rows; skipped", sheet, headerScanRows)
			}
			continue
		}
		found = true
		for _, c := range []column{colField, colLevel} {
			if cols[c] < 0 {
				return catalog.File{}, nil, brokenf("%s: sheet %q: the header row %d has no %s column", file, sheet, hdr+1, columnTitles[c])
			}
		}
		known := map[int]bool{}
		for _, i := range cols {
			if i >= 0 {
				known[i] = true
			}
		}
		head := rows[hdr]
		for r := hdr + 1; r < len(rows); r++ {
			row := rows[r]
			cell := func(c column) string {
				if i := cols[c]; i >= 0 && i < len(row) {
					return strings.TrimSpace(row[i])
				}
				return ""
			}
			if !hasData([][]string{row}) {
				continue
			}
			code := cell(colCode)
			if c, ok := matchHeading(code); ok && c == colCode {
				continue // the second row of a header merged over two rows
			}
			if code == "" {
				rep.note("", "sheet %q row %d: no Mã thủ tục; skipped (%s)", sheet, r+1, strings.Join(nonEmpty(row), " | "))
				continue
			}
			for i, v := range row {
				if !known[i] && strings.TrimSpace(v) != "" {
					rep.unmapped(columnName(head, i))
				}
			}
			rep.Read++
			level := normLevel(cell(colLevel))
			if j, dup := byCode[code]; dup && f.Procedures[j].Name == cell(colName) {
				p := &f.Procedures[j]
				p.Level = normLevel(p.Level + ", " + level)
				rep.note(code, "sheet %q row %d repeats the procedure (merged cells?); levels combined: %s", sheet, r+1, p.Level)
				continue
			}
			source := "Cổng Dịch vụ công quốc gia, danh sách thủ tục (" + filepath.Base(file) + ", trang " + sheet + ")"
			if d := cell(colDecision); d != "" {
				source += "; quyết định công bố " + d
			}
			p := catalog.Procedure{
				Code: code, Name: cell(colName), Field: cell(colField), Level: level, Agency: cell(colAgency),
				Cases:      []catalog.DossierCase{{Name: cell(colName), Documents: []catalog.Document{}}},
				Source:     source,
				Updated:    opt.today(),
				Unverified: []string{"documents", "fee", "time"},
			}
			byCode[code] = len(f.Procedures)
			f.Procedures = append(f.Procedures, p)
			rep.where = append(rep.where, fmt.Sprintf("sheet %q row %d", sheet, r+1))
			rep.ListedOnly = append(rep.ListedOnly, Entry{Code: p.Code, Name: p.Name})
		}
	}
	if !found {
		return catalog.File{}, nil, brokenf("%s: no header row found: no sheet has Mã thủ tục and Tên thủ tục in its first %d rows", file, headerScanRows)
	}
	if len(f.Procedures) == 0 {
		return catalog.File{}, nil, brokenf("%s: the header row is there but no procedure follows it", file)
	}
	return f, nil, nil
}

// sheetRows reads a sheet with every merged range filled with its value,
// so a heading or value merged over several cells is seen in each.
func sheetRows(wb *excelize.File, sheet string) ([][]string, error) {
	rows, err := wb.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	merged, err := wb.GetMergeCells(sheet)
	if err != nil {
		return nil, fmt.Errorf("read merged cells: %w", err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		for r := r1; r <= r2; r++ {
			for len(rows) < r {
				rows = append(rows, nil)
			}
			for c := c1; c <= c2; c++ {
				for len(rows[r-1]) < c {
					rows[r-1] = append(rows[r-1], "")
				}
				rows[r-1][c-1] = m.GetCellValue()
			}
		}
	}
	return rows, nil
}

// findHeader returns the header row's index and each column's position (-1
// when absent), or -1 when no row in reach names both code and name.
func findHeader(rows [][]string) (int, [numColumns]int) {
	var cols [numColumns]int
	for r := 0; r < len(rows) && r < headerScanRows; r++ {
		for i := range cols {
			cols[i] = -1
		}
		for i, v := range rows[r] {
			if c, ok := matchHeading(v); ok && cols[c] < 0 {
				cols[c] = i
			}
		}
		if cols[colCode] >= 0 && cols[colName] >= 0 {
			return r, cols
		}
	}
	return -1, cols
}

func columnName(head []string, i int) string {
	if i < len(head) {
		if h := strings.Join(strings.Fields(head[i]), " "); h != "" {
			return "column " + h
		}
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return "column " + name + " (no heading)"
}

func hasData(rows [][]string) bool {
	for _, row := range rows {
		if len(nonEmpty(row)) > 0 {
			return true
		}
	}
	return false
}

func nonEmpty(row []string) []string {
	var out []string
	for _, v := range row {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
