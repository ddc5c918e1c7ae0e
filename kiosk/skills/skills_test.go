package skills

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShippedGuidesCoverTheFiveSkills(t *testing.T) {
	gs, probs := Load("")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	ids := map[string]bool{}
	for _, g := range gs {
		ids[g.ID] = true
		for i, s := range g.Steps {
			if s.EN == "" {
				t.Errorf("%s step %d has no English", g.ID, i)
			}
		}
	}
	for _, want := range []string{"vneid", "dvc", "pay", "safety", "platforms"} {
		if !ids[want] {
			t.Errorf("missing guide %s", want)
		}
	}
	if gs[0].ID != "vneid" {
		t.Errorf("order: first is %s", gs[0].ID)
	}
}

func TestLocalOverrideAndBrokenFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "vneid.json"), []byte(`{"id":"vneid","order":1,"title":{"vi":"VNeID (tỉnh)"},"steps":[{"vi":"Bước 1"}]}`), 0o600)
	os.WriteFile(filepath.Join(dir, "local.json"), []byte(`{"id":"tinh-app","order":9,"title":{"vi":"Ứng dụng của tỉnh"},"steps":[{"vi":"Tải ứng dụng"}],"url":"https://example.gov.vn"}`), 0o600)
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"id":"x",`), 0o600)
	os.WriteFile(filepath.Join(dir, "nourl.json"), []byte(`{"id":"y","title":{"vi":"Y"},"steps":[{"vi":"a"}],"url":"http://insecure"}`), 0o600)
	gs, probs := Load(dir)
	if len(probs) != 2 || !strings.Contains(probs[0].Error()+probs[1].Error(), "broken.json") || !strings.Contains(probs[0].Error()+probs[1].Error(), "url: must start with https://") {
		t.Fatalf("problems: %v", probs)
	}
	var found bool
	for _, g := range gs {
		if g.ID == "vneid" && g.Title.VI != "VNeID (tỉnh)" {
			t.Fatal("local file did not replace the shipped guide")
		}
		found = found || g.ID == "tinh-app"
	}
	if !found || len(gs) != 7 {
		t.Fatalf("guides: %d, local added=%v", len(gs), found)
	}
}
