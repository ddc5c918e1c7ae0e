package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/kiosk/kiosk/catalog"
)

const importData = "../../kiosk/catalog/importer/testdata/"

func writeListXLSX(t *testing.T, path string) {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sh := x.GetSheetName(0)
	for r, row := range [][]string{
		{"Danh mục thủ tục hành chính"},
		{"Mã thủ tục", "Số quyết định", "Tên thủ tục", "Cấp thực hiện", "Lĩnh vực"},
		{"1.001193", "1872/QĐ-BTP", "Đăng ký khai sinh", "Cấp Xã", "Hộ tịch"},
	} {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			x.SetCellValue(sh, cell, v)
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestCatalogImportFormats(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "list.xlsx")
	writeListXLSX(t, xlsx)
	ours := filepath.Join(dir, "sample-catalog.json")
	var o, e bytes.Buffer
	if dispatch([]string{"catalog", "export", "--sample"}, &o, &e) != 0 {
		t.Fatal(e.String())
	}
	os.WriteFile(ours, o.Bytes(), 0o600)

	const previous = "previous catalog\n"
	for _, tc := range []struct {
		name      string
		args      []string // FILE last; --out is added
		code      int
		n         int      // procedures written
		stdout    []string // in the report
		stderr    []string
		reportOut bool // --report to a file
	}{
		{name: "dvcqg", args: []string{"--format", "dvcqg", importData + "dvcqg.json"}, n: 4,
			stdout: []string{"procedures read: 4, imported: 4", "without documents (1):\n  1.000656  Đăng ký khai tử", "MUCDO"}, stderr: []string{"wrote 4 procedures"}},
		{name: "report to a file", args: []string{"--format", "dvcqg", importData + "dvcqg.json"}, n: 4, reportOut: true},
		{name: "xlsx", args: []string{"--format", "xlsx", xlsx}, n: 1,
			stdout: []string{"listed only, imported without documents, fee or processing time (1):\n  1.001193  Đăng ký khai sinh"}},
		{name: "ours", args: []string{"--format", "ours", ours}, n: 44, stdout: []string{"source fields not imported (0): none"}},
		{name: "empty file", args: []string{"--format", "dvcqg", os.DevNull}, code: 1, stderr: []string{"empty file", "nothing imported"}},
		{name: "bad JSON", args: []string{"--format", "dvcqg", importData + "broken.json"}, code: 1, stderr: []string{"line 4, column 4"}},
		{name: "not a workbook", args: []string{"--format", "xlsx", importData + "dvcqg.json"}, code: 1, stderr: []string{"not an XLSX workbook"}},
		{name: "bad records", args: []string{"--format", "dvcqg", importData + "invalid-records.json"}, code: 1,
			stderr: []string{"note: 1.001193: TENTTHC: expected text, got object", "duplicate of procedure #1", "5 problems; nothing imported"}},
		{name: "unknown format", args: []string{"--format", "pdf", ours}, code: 1, stderr: []string{`unknown format "pdf"`}},
		{name: "missing file", args: []string{"--format", "dvcqg", filepath.Join(dir, "nope.json")}, code: 1, stderr: []string{"no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".json")
			os.WriteFile(out, []byte(previous), 0o600)
			args := append([]string{"catalog", "import", "--out", out}, tc.args...)
			rep := filepath.Join(dir, tc.name+".report")
			if tc.reportOut {
				args = append([]string{"catalog", "import", "--out", out, "--report", rep}, tc.args...)
			}
			var stdout, stderr bytes.Buffer
			if code := dispatch(args, &stdout, &stderr); code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, stdout.String(), stderr.String())
			}
			for _, w := range tc.stdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tc.stderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if tc.code != 0 {
				if b, _ := os.ReadFile(out); string(b) != previous {
					t.Errorf("a failed import changed the output file:\n%s", b)
				}
				if m, _ := filepath.Glob(filepath.Join(dir, "."+tc.name+"*")); len(m) > 0 {
					t.Errorf("temporary files left: %v", m)
				}
				return
			}
			f, err := catalog.ReadFile(out)
			if err != nil || len(f.Procedures) != tc.n {
				t.Fatalf("written catalog: %d procedures, %v", len(f.Procedures), err)
			}
			if tc.reportOut {
				b, err := os.ReadFile(rep)
				if err != nil || !strings.Contains(string(b), "procedures read: 4, imported: 4") || strings.Contains(stdout.String(), "procedures read") {
					t.Errorf("report file %q (%v); stdout %q", b, err, stdout.String())
				}
			}
		})
	}
}

// Without --out a converted catalog goes into the store like our own files.
func TestCatalogImportFormatIntoStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	var out, errb bytes.Buffer
	if code := dispatch([]string{"catalog", "import", "--db", db, "--format", "dvcqg", importData + "dvcqg.json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"procedures read: 4", "added 4, removed 0, changed 0", "imported 4 procedures"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	if code := dispatch([]string{"search", "--db", db, "--json", "tam tru"}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"code":"1.004222"`) {
		t.Fatalf("imported procedure not found: %s %s", out.String(), errb.String())
	}
}

// catalog export --format dvcqg writes the committed national-shape sample,
// lists what the format cannot carry, and its file imports clean.
func TestCatalogExportDVCQG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sample.dvcqg.json")
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"catalog", "export", "--sample", "--format", "dvcqg", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, w := range []string{"fields the national format cannot carry", "cases[].documents[].notes", "wrote 44 procedures"} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
		}
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../kiosk/catalog/sample/catalog.dvcqg.json")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("export differs from the committed sample (%v)", err)
	}
	stdout.Reset()
	if code := dispatch([]string{"catalog", "import", "--format", "dvcqg", "--out", filepath.Join(t.TempDir(), "c.json"), out}, &stdout, &stderr); code != 0 ||
		!strings.Contains(stdout.String(), "source fields not imported (0): none") || !strings.Contains(stdout.String(), "notes (0): none") {
		t.Fatalf("import: exit %d\n%s", code, stdout.String())
	}
	if code := dispatch([]string{"catalog", "export", "--sample", "--format", "xlsx"}, &stdout, &stderr); code != 1 {
		t.Errorf("export --format xlsx: exit %d, want 1", code)
	}
}
