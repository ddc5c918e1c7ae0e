package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestInstalledDataDir(t *testing.T) {
	pd := filepath.Join("C:", "ProgramData")
	want := filepath.Join(pd, "MotCua")
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "ProgramData" {
				return v
			}
			return ""
		}
	}
	has := func(paths ...string) func(string) bool {
		return func(p string) bool {
			for _, q := range paths {
				if p == q {
					return true
				}
			}
			return false
		}
	}
	// Installed: the installer wrote %ProgramData%\MotCua\kiosk.toml.
	if d, ok := installedDataDir(env(pd), has(filepath.Join(want, "kiosk.toml"))); !ok || d != want {
		t.Fatalf("installed: got %q %v, want %q", d, ok, want)
	}
	// Not installed (no kiosk.toml there): the per-user folder stays in use.
	if d, ok := installedDataDir(env(pd), has(want)); ok {
		t.Fatalf("folder without kiosk.toml chosen: %q", d)
	}
	// No %ProgramData% at all (not Windows, or a stripped environment).
	if d, ok := installedDataDir(env(""), has(filepath.Join("MotCua", "kiosk.toml"))); ok {
		t.Fatalf("empty ProgramData chosen: %q", d)
	}
}

func TestDataDirOverrideWins(t *testing.T) {
	t.Setenv("KIOSK_DATA_DIR", "/srv/kiosk")
	if d, err := DataDir(); err != nil || d != "/srv/kiosk" {
		t.Fatalf("DataDir = %q, %v", d, err)
	}
	if p := Resolve(""); p != filepath.Join("/srv/kiosk", "kiosk.toml") {
		t.Fatalf("Resolve = %q", p)
	}
}

func TestRestartAt(t *testing.T) {
	for s, want := range map[string][2]int{"03:30": {3, 30}, "00:00": {0, 0}, "23:59": {23, 59}} {
		h, m, ok := Window{RestartAt: s}.RestartClock()
		if !ok || h != want[0] || m != want[1] {
			t.Errorf("%q: %d:%d %v", s, h, m, ok)
		}
	}
	for _, s := range []string{"", "3:30", "24:00", "12:60", "03-30", "03:3a", " 03:30", "03:30:00"} {
		if _, _, ok := (Window{RestartAt: s}).RestartClock(); ok {
			t.Errorf("%q accepted", s)
		}
	}
	c := Default()
	c.Window.RestartAt = "25:00"
	if p := c.Validate(); len(p) != 1 || !strings.HasPrefix(p[0], "window.restart_at") {
		t.Fatalf("validate 25:00: %v", p)
	}
	c.Window.RestartAt = ""
	if p := c.Validate(); len(p) != 0 {
		t.Fatalf("validate empty: %v", p)
	}
	if _, err := Parse([]byte("[window]\nrestart_at = \"03:30\"\n")); err != nil {
		t.Fatalf("parse: %v", err)
	}
}
