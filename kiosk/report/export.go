package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Columns are the export's headers, Vietnamese first (what an officer
// reads), English in brackets.
var Columns = []string{
	"Nhóm (group)", "Mã (key)", "Tên (name)", "Số vé (tickets)", "Đã gọi (called)", "Đã phục vụ (served)",
	"Chờ p50 giây (wait p50 s)", "Chờ p90 giây (wait p90 s)", "Phục vụ p50 giây (service p50 s)",
	"Phục vụ p90 giây (service p90 s)", "Vắng mặt (no-shows)", "Chuyển (transfers)", "Lượt đánh giá (ratings)",
	"Sao TB (mean stars)", "Đánh giá ≤3 (rated ≤3)",
}

// GroupNames are the groupings as an officer reads them.
var GroupNames = map[string]string{
	ByDay: "Ngày", ByService: "Dịch vụ", ByCounter: "Quầy", ByOfficer: "Cán bộ", Total: "Tổng",
}

func (r Row) cells() []any {
	return []any{GroupNames[r.Group], r.Key, r.Name, r.Tickets, r.Called, r.Served, blank(r.WaitP50), blank(r.WaitP90),
		blank(r.ServeP50), blank(r.ServeP90), r.NoShows, r.Transfers, r.Ratings, r.Stars, r.LowRated}
}

// blank shows "nothing measured" (-1) as an empty cell.
func blank(n int) any {
	if n < 0 {
		return ""
	}
	return n
}

// WriteCSV writes every row, then the estimate's error as a last line.
func WriteCSV(w io.Writer, rep Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	for _, r := range rep.Rows {
		cs := r.cells()
		rec := make([]string, len(cs))
		for i, c := range cs {
			rec[i] = str(c)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("report: csv: %w", err)
		}
	}
	est := []string{"Sai số ước lượng chờ (wait estimate error)", "", "", strconv.Itoa(rep.Estimate.N), "", "",
		str(blank(rep.Estimate.MAE)), "", "", "", "", "", "", "", ""}
	if err := cw.Write(est); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

func str(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return fmt.Sprint(c)
}

// WriteXLSX writes one sheet per grouping and a sheet for the estimate.
func WriteXLSX(w io.Writer, rep Report) error {
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, g := range Groupings {
		name := GroupNames[g]
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("report: xlsx: %w", err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		if err := f.SetSheetRow(name, "A1", &Columns); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
		n := 2
		for _, r := range rep.Rows {
			if r.Group != g {
				continue
			}
			cs := r.cells()
			if err := f.SetSheetRow(name, "A"+strconv.Itoa(n), &cs); err != nil {
				return fmt.Errorf("report: xlsx: %w", err)
			}
			n++
		}
		_ = f.SetColWidth(name, "A", "O", 18)
	}
	const est = "Ước lượng chờ"
	if _, err := f.NewSheet(est); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	rows := [][]any{
		{"Từ ngày (from)", rep.From}, {"Đến ngày (to)", rep.To},
		{"Số vé có ước lượng (tickets with an estimate)", rep.Estimate.N},
		{"Sai số tuyệt đối TB, giây (mean absolute error, s)", blank(rep.Estimate.MAE)},
		{"Độ lệch TB, giây (mean bias, s; > 0 = over-estimate)", rep.Estimate.Bias},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(est, "A"+strconv.Itoa(i+1), &r); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	_ = f.SetColWidth(est, "A", "A", 50)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}
