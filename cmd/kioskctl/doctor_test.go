package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDoctor(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, []byte("[store]\npath = \""+filepath.Join(dir, "k.db")+"\"\n"), 0o600)
	var out, errb bytes.Buffer
	if code := dispatch([]string{"doctor", "--config", good}, &out, &errb); code != 0 {
		t.Fatalf("healthy doctor exit %d: %s", code, out.String())
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[store]\npath = \""+filepath.Join(dir, "k.db")+"\"\n[printer]\ndriver = \"serial\"\nport = \"/dev/does-not-exist\"\n"), 0o600)
	out.Reset()
	if code := dispatch([]string{"doctor", "--config", bad}, &out, &errb); code != 1 || !strings.Contains(out.String(), `"name": "printer"`) || !strings.Contains(out.String(), "does-not-exist") {
		t.Fatalf("missing printer: exit %d\n%s", code, out.String())
	}
}
