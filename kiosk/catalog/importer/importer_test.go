package importer

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/kiosk/kiosk/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var fixed = Options{Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func reportText(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func byCode(f catalog.File) map[string]catalog.Procedure {
	m := map[string]catalog.Procedure{}
	for _, p := range f.Procedures {
		m[p.Code] = p
	}
	return m
}

func TestDVCQGGolden(t *testing.T) {
	f, rep, err := Import(DVCQG, "testdata/dvcqg.json", read(t, "dvcqg.json"), fixed)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "dvcqg.report.golden", reportText(t, rep))
	b, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "dvcqg.catalog.golden.json", b)
}

func TestDVCQGMapping(t *testing.T) {
	f, rep, err := Import(DVCQG, "dvcqg.json", read(t, "dvcqg.json"), fixed)
	if err != nil {
		t.Fatal(err)
	}
	ps := byCode(f)
	exemption := "Phí cung cấp thông tin lý lịch tư pháp: 200.000 đồng/lần/người. Sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng/lần/người. Miễn phí đối với trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn."
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"procedures", len(f.Procedures), 4},
		{"read", rep.Read, 4},
		{"mixed-case keys: name", ps["2.000488"].Name, "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"},
		{"level from object", ps["2.000488"].Level, "tỉnh"},
		{"level from string", ps["1.000656"].Level, "xã"},
		{"field from single object", ps["1.000656"].Field, "Hộ tịch"},
		{"fee with exemptions kept whole", ps["2.000488"].Methods[0].Fee, "200.000 Đồng/lần/người: " + exemption},
		{"fee with exemptions is not a fixed amount", ps["2.000488"].Methods[0].FeeAmount, int64(-1)},
		{"exemption of a free procedure", ps["1.001193"].Methods[0].Fee, "Miễn lệ phí đối với đăng ký khai sinh đúng hạn, người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật."},
		{"plain zero fee is free", ps["1.001193"].Methods[1].FeeAmount, int64(0)},
		{"channel names", ps["1.001193"].Methods[0].Method + " / " + ps["1.001193"].Methods[1].Method, "Trực tiếp / Trực tuyến"},
		{"time with description", ps["1.001193"].Methods[1].Time, "1 Ngày làm việc"},
		{"fee as text kept", ps["1.004222"].Methods[0].Fee, "Theo quy định của Hội đồng nhân dân tỉnh"},
		{"fee as text varies", ps["1.004222"].Methods[0].FeeAmount, int64(-1)},
		{"missing fee is not free", ps["1.000656"].Methods[0].FeeAmount, int64(-1)},
		{"form name", ps["1.001193"].Cases[0].Documents[0].Form, "Mẫu tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP)"},
		{"form URL", ps["1.001193"].Cases[0].Documents[0].FormURL, "https://csdl.dichvucong.gov.vn/mau/to-khai-khai-sinh.docx"},
		{"procedure forms", len(ps["1.001193"].Forms), 1},
		{"originals as text", ps["1.001193"].Cases[0].Documents[0].Originals, 1},
		{"copies", ps["2.000488"].Cases[0].Documents[1].Copies, 1},
		{"case name defaults to the procedure", ps["2.000488"].Cases[0].Name, ps["2.000488"].Name},
		{"no documents: one empty case", len(ps["1.000656"].Cases), 1},
		{"no documents and fee marked", strings.Join(ps["1.000656"].Unverified, ","), "documents,fee"},
		{"legal basis", strings.Join(ps["1.001193"].LegalBasis, ","), "60/2014/QH13: Luật Hộ tịch"},
		{"result as text", ps["2.000488"].Result, "Phiếu lý lịch tư pháp"},
		{"validity", ps["1.001193"].Validity, "hiệu lực"},
		{"updated", ps["1.001193"].Updated, "2026-12-01"},
		{"unknown field counted", rep.Unmapped["MUCDO"], 1},
		{"nested unknown field counted", rep.Unmapped["CANCUPHAPLY[].NGAYBANHANH"], 1},
		{"codes not kept counted", rep.Unmapped["LINHVUCTHUCHIEN[].MALINHVUC"], 4},
		{"without documents", entries(rep.NoDocuments), "1.000656"},
		{"without fee", entries(rep.NoFee), "1.000656"},
		{"without time", entries(rep.NoTime), "1.004222"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func entries(es []Entry) string {
	var s []string
	for _, e := range es {
		s = append(s, e.Code)
	}
	return strings.Join(s, ",")
}

// makeXLSX writes a ministry list the way the portal's are laid out: a
// title, a header merged over two rows with its own spelling and order, a
// section heading row, and a column we do not import.
func makeXLSX(t *testing.T, header []string, rows [][]string, merges ...[2]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sh := x.GetSheetName(0)
	set := func(r int, vals []string) {
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			if err := x.SetCellValue(sh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	set(1, []string{"DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI QUẢN LÝ CỦA BỘ TƯ PHÁP"})
	if err := x.MergeCell(sh, "A1", "F1"); err != nil {
		t.Fatal(err)
	}
	set(3, header)
	if header != nil {
		for c := range header { // each heading merged over rows 3 and 4
			top, _ := excelize.CoordinatesToCellName(c+1, 3)
			bottom, _ := excelize.CoordinatesToCellName(c+1, 4)
			if err := x.MergeCell(sh, top, bottom); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, r := range rows {
		set(5+i, r)
	}
	for _, m := range merges {
		if err := x.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var xlsxHeader = []string{"STT", "TÊN THỦ TỤC HÀNH CHÍNH", "Mã  thủ tục", "lĩnh vực", "Cap thuc hien", "Số Quyết định công bố", "Ghi chú"}

var xlsxRows = [][]string{
	{"", "I. THỦ TỤC HÀNH CHÍNH CẤP XÃ"},
	{"1", "Đăng ký khai sinh", "1.001193", "Hộ tịch", "Cấp Xã", "1872/QĐ-BTP", ""},
	{"2", "Đăng ký kết hôn", "1.000894", "", "Cấp Xã", "1872/QĐ-BTP", "Sửa đổi"}, // field merged from the row above
	{"", "II. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"},
	{"3", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "2.000488", "Lý lịch tư pháp", "Cấp Tỉnh", "", ""},
}

func TestXLSX(t *testing.T) {
	data := makeXLSX(t, xlsxHeader, xlsxRows, [2]string{"D6", "D7"})
	f, rep, err := Import(XLSX, "bo-tu-phap.xlsx", data, fixed)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "xlsx.report.golden", reportText(t, rep))
	ps := byCode(f)
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"procedures", len(f.Procedures), 3},
		{"name", ps["1.000894"].Name, "Đăng ký kết hôn"},
		{"field", ps["2.000488"].Field, "Lý lịch tư pháp"},
		{"field from merged cells", ps["1.000894"].Field, "Hộ tịch"},
		{"level", ps["2.000488"].Level + "/" + ps["1.001193"].Level, "tỉnh/xã"},
		{"decision in source", strings.Contains(ps["1.001193"].Source, "1872/QĐ-BTP"), true},
		{"listed only", len(rep.ListedOnly), 3},
		{"unverified", strings.Join(ps["1.001193"].Unverified, ","), "documents,fee,time"},
		{"no documents", len(ps["1.001193"].Cases[0].Documents), 0},
		{"unmapped note column", rep.Unmapped["column Ghi chú"], 1},
		{"unmapped STT column", rep.Unmapped["column STT"], 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func TestOursPassthrough(t *testing.T) {
	s, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	f, rep, err := Import(Ours, "catalog.json", b, fixed)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Marshal(f)
	if !bytes.Equal(out, b) {
		t.Error("ours: the catalog changed on the way through")
	}
	if rep.Read != len(s.Procedures) || rep.Imported != len(s.Procedures) || len(rep.Unmapped) != 0 {
		t.Errorf("report: read %d imported %d unmapped %v", rep.Read, rep.Imported, rep.Unmapped)
	}
}

// Broken files fail whole, with a message that says where.
func TestBroken(t *testing.T) {
	noHeader := makeXLSX(t, []string{"Số TT", "Nội dung"}, [][]string{{"1", "Đăng ký khai sinh"}})
	noLevel := makeXLSX(t, []string{"Mã thủ tục", "Tên thủ tục", "Lĩnh vực"}, [][]string{{"1.001193", "Đăng ký khai sinh", "Hộ tịch"}})
	dupCode := makeXLSX(t, xlsxHeader, [][]string{
		{"1", "Đăng ký khai sinh", "1.001193", "Hộ tịch", "Cấp Xã"},
		{"2", "Đăng ký kết hôn", "1.001193", "Hộ tịch", ""},
	})
	for _, tc := range []struct {
		name   string
		format Format
		file   string
		data   []byte
		broken bool // ErrBroken, else catalog.Problems
		want   []string
	}{
		{"empty", DVCQG, "empty.json", nil, true, []string{"empty file"}},
		{"bad JSON", DVCQG, "broken.json", read(t, "broken.json"), true, []string{"broken.json", "at line 4, column 4 (byte offset 108)", "invalid character"}},
		{"not procedures", DVCQG, "x.json", []byte(`{"status":"ok"}`), true, []string{"no procedures"}},
		{"a number", DVCQG, "x.json", []byte(`42`), true, []string{"holds number"}},
		{"empty result", DVCQG, "x.json", []byte(`{"result":[]}`), true, []string{"no procedures"}},
		{"records wrong", DVCQG, "invalid-records.json", read(t, "invalid-records.json"), false, []string{
			"procedure #1 (1.001193): name: must not be empty",
			"procedure #2 (1.001193): code: duplicate of procedure #1",
			"procedure #3 (): record: expected a procedure object, got text",
			`procedure #4 (): code: must look like 1.001193 or 1.001612.000.00.00.H48, got ""`,
		}},
		{"not a workbook", XLSX, "broken.xlsx", read(t, "broken.xlsx"), true, []string{"broken.xlsx: not an XLSX workbook"}},
		{"json given as xlsx", XLSX, "dvcqg.json", read(t, "dvcqg.json"), true, []string{"not an XLSX workbook"}},
		{"no header row", XLSX, "list.xlsx", noHeader, true, []string{"no header row found"}},
		{"xlsx rows wrong", XLSX, "list.xlsx", dupCode, false, []string{
			`procedure #2 (1.001193): code: duplicate of procedure #1 (sheet "Sheet1" row 6)`,
			`procedure #2 (1.001193): level: must not be empty (sheet "Sheet1" row 6)`,
		}},
		{"no level column", XLSX, "list.xlsx", noLevel, true, []string{"no Cấp thực hiện column"}},
		{"ours: unknown key", Ours, "c.json", []byte(`{"format":"motcua-catalog/1","procedures":[],"extra":1}`), true, []string{"unknown field"}},
		{"ours: bad JSON", Ours, "c.json", []byte(`{"format":`), true, []string{"not a catalog"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, err := Import(tc.format, tc.file, tc.data, fixed)
			if err == nil {
				t.Fatalf("imported %d procedures from a broken file", len(f.Procedures))
			}
			if len(f.Procedures) != 0 {
				t.Error("a failed import returned procedures")
			}
			var probs catalog.Problems
			if tc.broken != errors.Is(err, ErrBroken) || !tc.broken && !errors.As(err, &probs) {
				t.Errorf("error kind: %T %v", err, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestNormLevel(t *testing.T) {
	for in, want := range map[string]string{
		"Cấp Xã": "xã", "cấp tỉnh": "tỉnh", "CẤP HUYỆN": "huyện", "Cấp Bộ": "trung ương",
		"Cấp Tỉnh, Cấp Huyện; Cấp Xã": "tỉnh, huyện, xã", "Cấp Xã, cấp xã": "xã", "Ban quản lý khu kinh tế": "Ban quản lý khu kinh tế",
	} {
		if got := normLevel(in); got != want {
			t.Errorf("normLevel(%q) = %q, want %q", in, got, want)
		}
	}
}

// One procedure object at a time, the shapes and values real feeds vary in.
func TestDVCQGValues(t *testing.T) {
	const base = `"MATTHC":"1.000656","TENTTHC":"Đăng ký khai tử","LINHVUCTHUCHIEN":[{"TENLINHVUC":"Hộ tịch"}]`
	for _, tc := range []struct {
		name  string
		json  string // after base
		check func(catalog.Procedure, *Report) (got, want any)
	}{
		{"amount as number is written the Vietnamese way", `,"CAPTHUCHIEN":"Cấp Xã","CACHTHUCTHUCHIEN":[{"KENH":1,"THOIGIAN":[{"PHILEPHI":[{"SOTIEN":50000,"DONVI":"Đồng"}]}]}]`,
			func(p catalog.Procedure, _ *Report) (any, any) {
				return p.Methods[0].Fee + fmt.Sprint(p.Methods[0].FeeAmount), "50.000 Đồng50000"
			}},
		{"amount as text is kept as written", `,"CAPTHUCHIEN":"Cấp Xã","CACHTHUCTHUCHIEN":[{"KENH":1,"THOIGIAN":[{"PHILEPHI":[{"SOTIEN":"50.000","DONVI":"đồng/bản"}]}]}]`,
			func(p catalog.Procedure, _ *Report) (any, any) {
				return p.Methods[0].Fee + fmt.Sprint(p.Methods[0].FeeAmount), "50.000 đồng/bản50000"
			}},
		{"two amounts vary", `,"CAPTHUCHIEN":"Cấp Xã","CACHTHUCTHUCHIEN":[{"KENH":1,"THOIGIAN":[{"PHILEPHI":[{"SOTIEN":50000,"DONVI":"Đồng"},{"SOTIEN":100000,"DONVI":"Đồng"}]}]}]`,
			func(p catalog.Procedure, _ *Report) (any, any) {
				return p.Methods[0].Fee + fmt.Sprint(p.Methods[0].FeeAmount), "50.000 Đồng; 100.000 Đồng-1"
			}},
		{"time as decimal text", `,"CAPTHUCHIEN":"Cấp Xã","CACHTHUCTHUCHIEN":[{"KENH":1,"THOIGIAN":[{"THOIGIANGIAIQUYET":"0,5","DONVITINH":"Ngày"}]}]`,
			func(p catalog.Procedure, _ *Report) (any, any) { return p.Methods[0].Time, "0,5 Ngày" }},
		{"unknown channel", `,"CAPTHUCHIEN":"Cấp Xã","CACHTHUCTHUCHIEN":[{"KENH":7}]`,
			func(p catalog.Procedure, r *Report) (any, any) {
				return p.Methods[0].Method + " / " + r.Notes[0].Msg, `Kênh 7 / CACHTHUCTHUCHIEN: unknown KENH "7" (1, 2 or 3 expected); named "Kênh 7"`
			}},
		{"levels folded and deduplicated", `,"CAPTHUCHIEN":["Cấp Xã",{"TENCAP":"cấp xã"},"Cấp Huyện"]`,
			func(p catalog.Procedure, _ *Report) (any, any) { return p.Level, "xã, huyện" }},
		{"several fields noted", `,"CAPTHUCHIEN":"Cấp Xã","LINHVUCTHUCHIEN":[{"TENLINHVUC":"Hộ tịch"},{"TENLINHVUC":"Chứng thực"}]`,
			func(p catalog.Procedure, r *Report) (any, any) {
				return p.Field + " / " + r.Notes[len(r.Notes)-1].Msg, `Hộ tịch / 2 fields (lĩnh vực); kept the first, "Hộ tịch", left out "Chứng thực"`
			}},
		{"a key in two cases noted", `,"CAPTHUCHIEN":"Cấp Xã","MaTTHC":"1.000656"`,
			func(_ catalog.Procedure, r *Report) (any, any) {
				return r.Notes[0].Msg, `MATTHC given twice in different cases; kept "MaTTHC"`
			}},
		{"not in force", `,"CAPTHUCHIEN":"Cấp Xã","TRANGTHAI":2`,
			func(p catalog.Procedure, r *Report) (any, any) {
				return p.Validity + "|" + r.Notes[0].Msg, `|TRANGTHAI "2" is not 1 (in force); validity left empty`
			}},
		{"steps per case", `,"CAPTHUCHIEN":"Cấp Xã","TRINHTUTHUCHIEN":[{"TRUONGHOP":"Đúng hạn","TRINHTU":"Nộp hồ sơ"},{"TRUONGHOP":"Quá hạn","TRINHTU":[{"TENTRINHTU":"Nộp hồ sơ và văn bản cam đoan"}]}]`,
			func(p catalog.Procedure, _ *Report) (any, any) {
				return strings.Join(p.Steps, " | "), "Đúng hạn: Nộp hồ sơ | Quá hạn: Nộp hồ sơ và văn bản cam đoan"
			}},
		{"wrong type noted, not fatal", `,"CAPTHUCHIEN":"Cấp Xã","KETQUATHUCHIEN":[{"TENKETQUA":["a"]}]`,
			func(p catalog.Procedure, r *Report) (any, any) {
				return p.Result + "|" + r.Notes[0].Msg, "|KETQUATHUCHIEN[].TENKETQUA: expected text, got array; left out"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, rep, err := Import(DVCQG, "one.json", []byte("{"+base+tc.json+"}"), fixed)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := tc.check(f.Procedures[0], rep); got != want {
				t.Errorf("got  %#v\nwant %#v", got, want)
			}
		})
	}
}
