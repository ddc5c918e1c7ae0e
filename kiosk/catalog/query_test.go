package catalog_test

import (
	"context"
	"errors"
	. "github.com/motcua/kiosk/kiosk/catalog"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sqlite"
)

func openRepo(t *testing.T) *Repo {
	t.Helper()
	db, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return NewRepo(db)
}

func TestRepoQueries(t *testing.T) {
	ctx := context.Background()
	r := openRepo(t)
	if _, ok, err := r.Meta(ctx); ok || err != nil {
		t.Fatalf("empty store meta: %v %v", ok, err)
	}
	sample, _ := LoadSample()
	// A full code first, so a short-code lookup must prefer the exact match.
	f := File{Format: FormatID, Title: "t", Sample: true, Procedures: append([]Procedure{{Code: "1.001612.000.00.00.H48", Name: "Mã đầy đủ",
		Field: "Nuôi con nuôi", Level: "xã", Agency: "UBND cấp xã", Cases: []DossierCase{{Name: "Một"}}, Source: "test", Updated: "2026-01-01"}},
		sample.Procedures...)}
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	if err := r.Replace(ctx, f, now); err != nil {
		t.Fatal(err)
	}
	m, ok, err := r.Meta(ctx)
	if !ok || err != nil || m.Count != len(f.Procedures) || !m.Sample || !m.ImportedAt.Equal(now) {
		t.Fatalf("meta %+v %v %v", m, ok, err)
	}
	for code, want := range map[string]string{"2.000488": "2.000488", "1.001612.000.00.00.H48": "1.001612.000.00.00.H48"} {
		p, err := r.Get(ctx, code)
		if err != nil || p.Code != want || len(p.Cases) == 0 {
			t.Errorf("Get(%s) = %s %v", code, p.Code, err)
		}
	}
	// The sample's own 1.001612 is an exact match and wins over the full code.
	if p, err := r.Get(ctx, "1.001612"); err != nil || p.Code != "1.001612" {
		t.Errorf("Get(1.001612) = %s %v", p.Code, err)
	}
	if _, err := r.Get(ctx, "9.999999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing code: %v", err)
	}
	if _, err := r.Get(ctx, "2.00048%"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LIKE wildcard not escaped: %v", err)
	}
	fields, err := r.Fields(ctx)
	if err != nil || !contains(fields, "Hộ tịch") || !contains(fields, "Lý lịch tư pháp") {
		t.Fatalf("fields %v %v", fields, err)
	}
	levels, _ := r.Levels(ctx)
	if !contains(levels, "xã") || !contains(levels, "tỉnh") {
		t.Errorf("levels %v", levels)
	}
	agencies, _ := r.Agencies(ctx)
	if len(agencies) < 3 {
		t.Errorf("agencies %v", agencies)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestMissLogKeepsNoPersonalData(t *testing.T) {
	ctx := context.Background()
	r := openRepo(t)
	t0 := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	for i, q := range []string{"giay phep nuoi cho", "giay phep nuoi cho", "001204012345", "so 0912 345 678", "  ", "ban do"} {
		if err := r.LogMiss(ctx, q, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := r.Misses(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Query != "giay phep nuoi cho" || ms[0].Count != 2 || ms[1].Query != "ban do" || !ms[1].Last.Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("misses %+v", ms)
	}
	var n int
	StoreOf(r).(*sqlite.DB).QueryRow(`SELECT COUNT(*) FROM search_misses WHERE query GLOB '*[0-9][0-9][0-9]*'`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d number-like queries stored", n)
	}
	if ms, _ := r.Misses(ctx, t0.Add(time.Hour), 10); len(ms) != 0 {
		t.Errorf("since filter: %+v", ms)
	}
}

func TestLooksPersonal(t *testing.T) {
	for q, want := range map[string]bool{"001204012345": true, "0912 345 678": true, "123456789": true, "12345678": false, "1.001193": false, "2.000488.000.00.00.h48": true, "ly lich": false} {
		if got := LooksPersonal(q); got != want {
			t.Errorf("LooksPersonal(%q) = %v", q, got)
		}
	}
}

func TestValidateFeesAndNotes(t *testing.T) {
	base := Procedure{Code: "1.001193", Name: "A", Field: "F", Level: "xã", Source: "s", Updated: "2026-01-01"}
	p := base
	p.Cases = []DossierCase{{Name: "c", FeeAmount: 50000}}
	p.Methods = []Method{{Method: "Trực tiếp", FeeAmount: 2000}}
	p.Unverified = []string{"fee", "lệ phí"}
	p.ReplacedBy = "mới"
	text := Validate([]Procedure{p}).Error()
	for _, want := range []string{"cases[0].fee: a fee amount needs", "methods[0].fee: a fee amount needs", `unverified: "lệ phí" is not a field name`, "replacedBy: must be a procedure code"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, `"fee" is not`) {
		t.Errorf("fee is a valid unverified note:\n%s", text)
	}
}

func TestStale(t *testing.T) {
	f := File{Procedures: []Procedure{{Code: "1.000001", Updated: "2026-01-01"}, {Code: "1.000002", Updated: "2024-01-01"}, {Code: "1.000003", Updated: "?"}}}
	st := f.Stale(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), 365*24*time.Hour)
	if len(st) != 2 || st[0].Code != "1.000002" || st[1].Code != "1.000003" {
		t.Fatalf("stale %+v", st)
	}
}
