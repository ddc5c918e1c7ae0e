package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBundleCommands(t *testing.T) {
	dir := t.TempDir()
	keys, root := filepath.Join(dir, "keys"), filepath.Join(dir, "kiosk")
	pub, key := filepath.Join(keys, "bundle.pub"), filepath.Join(keys, "bundle.key")
	mk := func(name, body string) string {
		b := filepath.Join(dir, name)
		os.MkdirAll(filepath.Join(b, "guides"), 0o755)
		os.WriteFile(filepath.Join(b, "catalog.json"), []byte(body), 0o644)
		os.WriteFile(filepath.Join(b, "guides", "vneid.md"), []byte("# VNeID"), 0o644)
		return b
	}
	v1, v2 := mk("v1", `{"v":1}`), mk("v2", `{"v":2}`)

	cases := []struct {
		name   string
		args   []string
		prep   func()
		code   int
		stdout string
		stderr string
	}{
		{"keygen", []string{"bundle", "keygen", "--out", keys}, nil, 0, "bundle.pub", ""},
		{"keygen refuses to overwrite", []string{"bundle", "keygen", "--out", keys}, nil, 1, "", "exists"},
		{"sign 1", []string{"bundle", "sign", "--key", key, "--kind", "catalog", "--version", "1", v1}, nil, 0, "signed catalog 1: 2 files", ""},
		{"sign 2", []string{"bundle", "sign", "--key", key, "--kind", "catalog", "--version", "2", v2}, nil, 0, "signed catalog 2", ""},
		{"sign without kind", []string{"bundle", "sign", "--key", key, "--version", "2", v2}, nil, 2, "", "usage"},
		{"verify", []string{"bundle", "verify", "--pub", pub, v1}, nil, 0, "ok: catalog 1", ""},
		{"install 1", []string{"bundle", "install", "--pub", pub, "--root", root, v1}, nil, 0, "installed catalog 1", ""},
		{"install 2", []string{"bundle", "install", "--pub", pub, "--root", root, v2}, nil, 0, "installed catalog 2", ""},
		{"current 2", []string{"bundle", "current", "--root", root, "--kind", "catalog"}, nil, 0, "2\n", ""},
		{"rollback", []string{"bundle", "rollback", "--root", root, "--kind", "catalog"}, nil, 0, "rolled back catalog to 1", ""},
		{"current 1", []string{"bundle", "current", "--root", root, "--kind", "catalog"}, nil, 0, "1\n", ""},
		{"verify tampered", []string{"bundle", "verify", "--pub", pub, v2}, func() {
			os.WriteFile(filepath.Join(v2, "guides", "vneid.md"), []byte("# VNeID!"), 0o644)
		}, 1, "", "guides/vneid.md: file changed"},
		{"install tampered", []string{"bundle", "install", "--pub", pub, "--root", root, v2}, nil, 1, "", "refused, nothing changed"},
		{"still 1", []string{"bundle", "current", "--root", root, "--kind", "catalog"}, nil, 0, "1\n", ""},
		{"no voice", []string{"bundle", "current", "--root", root, "--kind", "voice"}, nil, 1, "", "no voice installed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.prep != nil {
				c.prep()
			}
			var out, errb bytes.Buffer
			if code := dispatch(c.args, &out, &errb); code != c.code {
				t.Fatalf("exit %d, want %d; stdout=%s stderr=%s", code, c.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), c.stdout) || !strings.Contains(errb.String(), c.stderr) {
				t.Fatalf("stdout %q (want %q), stderr %q (want %q)", out.String(), c.stdout, errb.String(), c.stderr)
			}
		})
	}
}
