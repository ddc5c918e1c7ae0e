package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"search", "--json", "--limit", "3", "ly", "lich"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rs []struct {
		Code  string  `json:"code"`
		Name  string  `json:"name"`
		Score float64 `json:"score"`
	}
	if err := json.Unmarshal(out.Bytes(), &rs); err != nil || len(rs) == 0 || rs[0].Code != "2.000488" || rs[0].Score <= 0 {
		t.Fatalf("%s %v", out.String(), err)
	}
}

func TestCatalogImportKeepsPreviousOnError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	good := filepath.Join(dir, "good.json")
	var out, errb bytes.Buffer
	if code := dispatch([]string{"catalog", "gen", "--count", "50", "-o", good}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if code := dispatch([]string{"catalog", "import", "--db", db, good}, &out, &errb); code != 0 || !strings.Contains(out.String(), "imported 50") {
		t.Fatalf("import: %d %s %s", code, out.String(), errb.String())
	}
	b, _ := os.ReadFile(good)
	broken := strings.Replace(string(b), `"code":"9.000007"`, `"code":"bad code"`, 1)
	broken = strings.Replace(broken, `"updated":"2026-01-01"`, `"updated":"yesterday"`, 1)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(broken), 0o600)
	out.Reset()
	errb.Reset()
	if code := dispatch([]string{"catalog", "import", "--db", db, bad}, &out, &errb); code != 1 {
		t.Fatalf("broken import exit %d", code)
	}
	for _, want := range []string{"procedure #1 (9.000001): updated: must be a date", "procedure #7 (bad code): code: must look like", "nothing imported"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
	out.Reset()
	if code := dispatch([]string{"search", "--db", db, "--json", "khai"}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"code":"9.`) {
		t.Fatalf("previous catalog not kept: %s", out.String())
	}
}

func TestCatalogCheckExportAndMisses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	var out, errb bytes.Buffer
	run := func(args ...string) int {
		out.Reset()
		errb.Reset()
		return dispatch(args, &out, &errb)
	}
	// The shipped sample exports, checks clean and imports.
	if run("catalog", "export", "--sample") != 0 {
		t.Fatal(errb.String())
	}
	sample := filepath.Join(dir, "sample.json")
	os.WriteFile(sample, out.Bytes(), 0o600)
	if run("catalog", "check", sample) != 0 || !strings.Contains(out.String(), "ok, 44 procedures") {
		t.Fatalf("check: %s %s", out.String(), errb.String())
	}
	if run("catalog", "import", "--db", db, sample) != 0 {
		t.Fatal(errb.String())
	}
	if run("catalog", "export", "--db", db) != 0 || !strings.Contains(out.String(), `"code": "2.000488"`) {
		t.Fatalf("export: %s", errb.String())
	}
	// Filters reach the index.
	if run("search", "--json", "--agency", "cong an", "--limit", "50", "tru") != 0 {
		t.Fatal(errb.String())
	}
	var rs []struct{ Code, Agency string }
	json.Unmarshal(out.Bytes(), &rs)
	if len(rs) == 0 {
		t.Fatal("agency filter found nothing")
	}
	for _, r := range rs {
		if !strings.Contains(strings.ToLower(r.Agency), "công an") {
			t.Errorf("agency filter let through %+v", r)
		}
	}
	if run("catalog", "misses", "--db", db) != 0 || !strings.Contains(out.String(), "no unanswered searches") {
		t.Fatalf("misses: %s %s", out.String(), errb.String())
	}
}

// A fresh store has no imported catalog: export gives the sample the kiosk
// serves, with procedures always a JSON array; after an import, the import.
func TestCatalogExportFreshStoreIsSample(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	var out, errb bytes.Buffer
	if code := dispatch([]string{"catalog", "export", "--db", db}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got struct {
		Sample     bool              `json:"sample"`
		Procedures []json.RawMessage `json:"procedures"`
	}
	if strings.Contains(out.String(), `"procedures": null`) {
		t.Fatalf("procedures null:\n%.300s", out.String())
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got.Procedures) == 0 {
		t.Fatalf("export of a fresh store: %d procedures, %v\n%.300s", len(got.Procedures), err, out.String())
	}
	var sample bytes.Buffer
	if code := dispatch([]string{"catalog", "export", "--sample"}, &sample, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if out.String() != sample.String() {
		t.Fatal("fresh-store export differs from the sample")
	}
	gen := filepath.Join(dir, "gen.json")
	if code := dispatch([]string{"catalog", "gen", "--count", "7", "-o", gen}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if code := dispatch([]string{"catalog", "import", "--db", db, gen}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	out.Reset()
	if code := dispatch([]string{"catalog", "export", "--db", db}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got.Procedures) != 7 {
		t.Fatalf("after import: %d procedures, %v", len(got.Procedures), err)
	}
}
