package catalog_test

import (
	"context"
	"errors"
	. "github.com/motcua/kiosk/kiosk/catalog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestSampleIsValidAndHonest(t *testing.T) {
	f, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	if !f.Sample || len(f.Procedures) < 40 {
		t.Fatalf("sample: %v, %d procedures", f.Sample, len(f.Procedures))
	}
	fields := map[string]bool{}
	for _, p := range f.Procedures {
		fields[p.Field] = true
		if p.Source == "" || p.Updated == "" {
			t.Errorf("%s lacks source or date", p.Code)
		}
		// A fee amount without a published fee text is an invented number.
		for _, c := range p.Cases {
			if c.FeeAmount > 0 && c.Fee == "" {
				t.Errorf("%s: fee amount without fee text", p.Code)
			}
		}
	}
	for _, want := range []string{"Hộ tịch", "Chứng thực", "Lý lịch tư pháp", "Cư trú", "Đất đai", "Thành lập và hoạt động của hộ kinh doanh", "Bảo trợ xã hội", "Người có công"} {
		if !fields[want] {
			t.Errorf("sample lacks field %s", want)
		}
	}
}

func TestValidateReportsRecordAndField(t *testing.T) {
	ps := []Procedure{
		{Code: "1.001193", Name: "A", Field: "F", Level: "xã", Cases: []DossierCase{{Name: "c"}}, Source: "s", Updated: "2026-01-01"},
		{Code: "1.001193", Name: "", Field: "F", Level: "xã", Cases: []DossierCase{{Name: "c", Documents: []Document{{Name: ""}}}}, Source: "s", Updated: "2026-13-01", OnlineLevel: "mức 4"},
		{Code: "abc", Name: "B", Field: "F", Level: "xã", Source: "", Updated: "2026-01-01", Validity: "thay thế"},
	}
	probs := Validate(ps)
	text := probs.Error()
	for _, want := range []string{
		"procedure #2 (1.001193): code: duplicate of procedure #1",
		"procedure #2 (1.001193): name: must not be empty",
		"procedure #2 (1.001193): cases[0].documents[0].name: must not be empty",
		"procedure #2 (1.001193): updated: must be a date YYYY-MM-DD",
		"procedure #2 (1.001193): onlineLevel:",
		"procedure #3 (abc): code: must look like",
		"procedure #3 (abc): cases: at least one case",
		"procedure #3 (abc): replacedBy: required",
		"procedure #3 (abc): source:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse([]byte(`{"format": "motcua-catalog/1", "procedures": [`)); !errors.Is(err, ErrFormat) {
		t.Errorf("truncated: %v", err)
	}
	if _, err := Parse([]byte(`{"format": "other", "procedures": []}`)); !errors.Is(err, ErrFormat) {
		t.Errorf("wrong format: %v", err)
	}
	if _, err := Parse([]byte(`{"format": "motcua-catalog/1", "procedures": [], "extra": 1}`)); !errors.Is(err, ErrFormat) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := sqlite.Open(ctx, sqlite.Memory)
	defer db.Close()
	r := NewRepo(db)
	f, _ := LoadSample()
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	if err := r.Replace(ctx, f, now); err != nil {
		t.Fatal(err)
	}
	bad := File{Format: FormatID, Title: "broken", Procedures: append(append([]Procedure{}, f.Procedures[:3]...), Procedure{Code: "x"})}
	if err := r.Replace(ctx, bad, now); err == nil {
		t.Fatal("a broken catalog was imported")
	}
	got, err := r.All(ctx)
	if err != nil || len(got.Procedures) != len(f.Procedures) || got.Title != f.Title {
		t.Fatalf("previous catalog lost: %d %q %v", len(got.Procedures), got.Title, err)
	}
	next := File{Format: FormatID, Title: "next", Procedures: append([]Procedure{}, f.Procedures[1:]...)}
	next.Procedures[0].Name += " (sửa)"
	d, _ := r.Preview(ctx, next)
	if len(d.Removed) != 1 || d.Removed[0] != f.Procedures[0].Code || len(d.Changed) != 1 || len(d.Added) != 0 {
		t.Fatalf("diff %+v", d)
	}
}

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "c.csv")
	os.WriteFile(good, []byte(strings.Join(CSVHeader, ",")+"\n"+
		`1.001193,Đăng ký khai sinh,Hộ tịch,xã,UBND cấp xã,Trong ngày,Miễn lệ phí,0,toàn trình,giấy khai sinh | GKS,Cổng DVC,,2026-01-01`+"\n"), 0o600)
	f, err := ReadFile(good)
	if err != nil || len(f.Procedures) != 1 || f.Procedures[0].Keywords[1] != "GKS" {
		t.Fatalf("csv: %+v %v", f.Procedures, err)
	}
	bad := filepath.Join(dir, "b.csv")
	os.WriteFile(bad, []byte(strings.Join(CSVHeader, ",")+"\n"+`x,,Hộ tịch,xã,UBND,,,abc,,,,,2026-01-01`+"\n"), 0o600)
	_, err = ReadFile(bad)
	var probs Problems
	if !errors.As(err, &probs) || !strings.Contains(err.Error(), "fee_amount") || !strings.Contains(err.Error(), "code:") {
		t.Fatalf("bad csv: %v", err)
	}
}
