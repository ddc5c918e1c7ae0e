package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	open := filepath.Join(dir, "open.toml")
	os.WriteFile(open, []byte("[payment]\nlisten = \"0.0.0.0:8787\"\n"), 0o600)
	os.WriteFile(good, []byte("[kiosk]\ncentre_name = \"UBND xã A\"\n"), 0o600)
	os.WriteFile(bad, []byte("[session]\nidle_seconds = 2\n[printer]\nbaud = 1234\ncolour = \"red\"\n"), 0o600)

	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr []string
	}{
		{"valid", []string{"config", "check", good}, 0, "ok", nil},
		{"invalid", []string{"config", "check", bad}, 1, "", []string{"session.idle_seconds: must be between 10 and 3600, got 2", "printer.baud: unsupported baud rate 1234", "printer.colour: unknown key"}},
		{"open listener warns", []string{"config", "check", open}, 0, "ok", []string{"warning: payment.listen: \"0.0.0.0:8787\"", "reverse proxy (README: centre) or enable TLS"}},
		{"missing", []string{"config", "check", filepath.Join(dir, "nope.toml")}, 1, "", []string{"no such file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := dispatch(c.args, &out, &errb); code != c.code {
				t.Fatalf("exit %d, want %d; stderr=%s", code, c.code, errb.String())
			}
			if !strings.Contains(out.String(), c.stdout) {
				t.Fatalf("stdout %q lacks %q", out.String(), c.stdout)
			}
			for _, want := range c.stderr {
				if !strings.Contains(errb.String(), want) {
					t.Fatalf("stderr %q lacks %q", errb.String(), want)
				}
			}
			// One line per problem, each naming the file.
			for _, line := range strings.Split(strings.TrimSpace(errb.String()), "\n") {
				if line != "" && !strings.HasPrefix(line, filepath.Dir(good)) {
					t.Fatalf("line does not name the file: %q", line)
				}
			}
		})
	}
}
