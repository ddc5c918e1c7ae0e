package bundle

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// withPointers runs f with symbolic-link pointers and with pointer files.
func withPointers(t *testing.T, f func(t *testing.T)) {
	for _, files := range []bool{false, true} {
		name := "symlink"
		if files {
			name = "pointer file"
		}
		t.Run(name, func(t *testing.T) {
			old := pointerFiles
			pointerFiles = files
			defer func() { pointerFiles = old }()
			f(t)
		})
	}
}

func current(t *testing.T, root, kind string) string {
	t.Helper()
	v, err := Current(root, kind)
	if err != nil {
		t.Fatalf("current: %v", err)
	}
	return v
}

func TestInstallRollback(t *testing.T) {
	withPointers(t, func(t *testing.T) {
		pub, priv := Keygen()
		root := t.TempDir()
		if _, err := Current(root, "catalog"); !errors.Is(err, ErrNoVersion) {
			t.Fatalf("empty root: %v", err)
		}
		v1 := makeBundle(t, priv, "catalog", "1")
		v2 := makeBundle(t, priv, "catalog", "2")
		if _, err := Install(v1, root, pub); err != nil {
			t.Fatal(err)
		}
		if _, err := Rollback(root, "catalog"); !errors.Is(err, ErrNoPrevious) {
			t.Fatalf("rollback with one version: %v", err)
		}
		if _, err := Install(v2, root, pub); err != nil {
			t.Fatal(err)
		}
		if v := current(t, root, "catalog"); v != "2" {
			t.Fatalf("current %q after installing 2", v)
		}
		// The version in force again: nothing changes, the previous is kept.
		if _, err := Install(v2, root, pub); err != nil {
			t.Fatalf("reinstall: %v", err)
		}
		dir, err := Dir(root, "catalog")
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "catalog.json")); string(b) != `{"version":"2"}` {
			t.Fatalf("current catalog.json %q", b)
		}
		if _, err := Verify(dir, pub); err != nil {
			t.Fatalf("installed copy: %v", err)
		}
		got, err := Rollback(root, "catalog")
		if err != nil || got != "1" || current(t, root, "catalog") != "1" {
			t.Fatalf("rollback = %q, %v; current %q", got, err, current(t, root, "catalog"))
		}
		if _, err := Rollback(root, "catalog"); !errors.Is(err, ErrNoPrevious) {
			t.Fatalf("second rollback: %v", err)
		}
		// Version 2 stays installed: installing it again only switches.
		if _, err := Install(v2, root, pub); err != nil || current(t, root, "catalog") != "2" {
			t.Fatalf("install 2 again: %v", err)
		}
	})
}

func TestInstallRefusedChangesNothing(t *testing.T) {
	withPointers(t, func(t *testing.T) {
		pub, priv := Keygen()
		otherPub, otherPriv := Keygen()
		root := t.TempDir()
		if _, err := Install(makeBundle(t, priv, "catalog", "1"), root, pub); err != nil {
			t.Fatal(err)
		}
		tampered := makeBundle(t, priv, "catalog", "2")
		write(t, filepath.Join(tampered, "catalog.json"), `{"version":"evil"}`)
		cases := []struct {
			name string
			dir  string
			is   error
		}{
			{"tampered", tampered, ErrFileChanged},
			{"other signer", makeBundle(t, otherPriv, "catalog", "3"), ErrBadSignature},
		}
		_ = otherPub
		for _, c := range cases {
			if _, err := Install(c.dir, root, pub); !errors.Is(err, c.is) {
				t.Fatalf("%s: err = %v, want %v", c.name, err, c.is)
			}
			if v := current(t, root, "catalog"); v != "1" {
				t.Fatalf("%s: current %q", c.name, v)
			}
		}
		left, _ := os.ReadDir(filepath.Join(root, "catalog", versionsDir))
		if len(left) != 1 || left[0].Name() != "1" {
			t.Fatalf("versions left: %v", left)
		}
	})
}

// A crash after the copy and before the switch: the new version is on disk
// but the old one stays in force; the next install completes the switch.
func TestCrashBeforeSwitch(t *testing.T) {
	withPointers(t, func(t *testing.T) {
		pub, priv := Keygen()
		root := t.TempDir()
		if _, err := Install(makeBundle(t, priv, "voice", "1"), root, pub); err != nil {
			t.Fatal(err)
		}
		v2 := makeBundle(t, priv, "voice", "2")
		m, body, err := verify(v2, pub)
		if err != nil {
			t.Fatal(err)
		}
		if err := stage(v2, root, m, body, pub); err != nil {
			t.Fatal(err)
		}
		// And a staging folder of an install that died during the copy.
		os.MkdirAll(filepath.Join(root, "voice", versionsDir, stagingPfx+"3-123", "half"), 0o755)
		if v := current(t, root, "voice"); v != "1" {
			t.Fatalf("current %q after a crash before the switch", v)
		}
		if _, err := Install(v2, root, pub); err != nil || current(t, root, "voice") != "2" {
			t.Fatalf("install after the crash: %v", err)
		}
		if v, err := Rollback(root, "voice"); err != nil || v != "1" {
			t.Fatalf("rollback %q %v", v, err)
		}
		left, _ := filepath.Glob(filepath.Join(root, "voice", versionsDir, stagingPfx+"*"))
		if len(left) != 0 {
			t.Fatalf("staging folders left: %v", left)
		}
	})
}

// The same version number with other content is refused, not mixed in.
func TestInstallVersionClash(t *testing.T) {
	pub, priv := Keygen()
	root := t.TempDir()
	if _, err := Install(makeBundle(t, priv, "guides", "1"), root, pub); err != nil {
		t.Fatal(err)
	}
	other := makeBundle(t, priv, "guides", "1")
	write(t, filepath.Join(other, "new.md"), "new")
	if _, err := Sign(other, "guides", "1", priv); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(other, root, pub); !errors.Is(err, ErrVersionClash) {
		t.Fatalf("err = %v, want ErrVersionClash", err)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
func b64(b []byte) string   { return base64.StdEncoding.EncodeToString(b) }
