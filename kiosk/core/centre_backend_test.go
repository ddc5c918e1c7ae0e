package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
)

func TestCentreHTTPCAFile(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a certificate"), 0o600)
	cases := []struct {
		name, caFile, wantErr string
	}{
		{"system roots", "", ""},
		{"missing file", filepath.Join(dir, "none.pem"), "centre.ca_file"},
		{"no PEM in it", junk, "no PEM certificate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hc, err := centreHTTP(config.Centre{URL: "https://centre.local", Token: "x", CAFile: c.caFile})
			if hc == nil {
				t.Fatal("no client")
			}
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("err = %v, want %q", err, c.wantErr)
			}
		})
	}
}

func TestDisplayURLDropsUserInfo(t *testing.T) {
	cases := map[string]string{
		"https://centre.local:8443":          "https://centre.local:8443",
		"https://user:secret@centre.local/x": "https://centre.local/x",
	}
	for in, want := range cases {
		if got := displayURL(in); got != want {
			t.Errorf("displayURL(%q) = %q, want %q", in, got, want)
		}
	}
}
