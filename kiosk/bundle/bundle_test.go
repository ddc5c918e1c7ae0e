package bundle

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// makeBundle writes a small catalog bundle into a new folder and signs it.
func makeBundle(t *testing.T, priv ed25519.PrivateKey, kind, version string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"catalog.json":           `{"version":"` + version + `"}`,
		"guides/vneid/index.md":  "# VNeID\n",
		"voice/vi/xin-chao.opus": "\x00\x01opus",
		"empty.txt":              "",
	}
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Sign(dir, kind, version, priv); err != nil {
		t.Fatalf("sign: %v", err)
	}
	return dir
}

func TestSignVerify(t *testing.T) {
	pub, priv := Keygen()
	dir := makeBundle(t, priv, "catalog", "2026.12.1")
	m, err := Verify(dir, pub)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if m.Kind != "catalog" || m.Version != "2026.12.1" || len(m.Files) != 4 || m.Created.IsZero() {
		t.Fatalf("manifest %+v", m)
	}
	want := []string{"catalog.json", "empty.txt", "guides/vneid/index.md", "voice/vi/xin-chao.opus"}
	for i, f := range m.Files {
		if f.Path != want[i] {
			t.Fatalf("files %+v, want paths %v", m.Files, want)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	pub, priv := Keygen()
	otherPub, _ := Keygen()
	cases := []struct {
		name   string
		pub    ed25519.PublicKey
		tamper func(t *testing.T, dir string)
		is     error  // errors.Is target
		path   string // the FileError's path, if one
	}{
		{"good", pub, func(*testing.T, string) {}, nil, ""},
		{"wrong key", otherPub, func(*testing.T, string) {}, ErrBadSignature, ""},
		{"one byte changed", pub, func(t *testing.T, dir string) {
			p := filepath.Join(dir, "guides/vneid/index.md")
			b, _ := os.ReadFile(p)
			b[2] ^= 1
			write(t, p, string(b))
		}, ErrFileChanged, "guides/vneid/index.md"},
		{"truncated", pub, func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "voice/vi/xin-chao.opus"), "\x00")
		}, ErrFileChanged, "voice/vi/xin-chao.opus"},
		{"file missing", pub, func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "catalog.json"))
		}, ErrFileMissing, "catalog.json"},
		{"extra file", pub, func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "guides/evil.js"), "alert(1)")
		}, ErrExtraFile, "guides/evil.js"},
		{"symlink", pub, func(t *testing.T, dir string) {
			if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd")); err != nil {
				t.Skip("no symlinks here:", err)
			}
		}, ErrSymlink, "passwd"},
		{"symlinked folder", pub, func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "voice"))
			if err := os.Symlink(t.TempDir(), filepath.Join(dir, "voice")); err != nil {
				t.Skip("no symlinks here:", err)
			}
		}, ErrSymlink, "voice"},
		{"manifest edited", pub, func(t *testing.T, dir string) {
			p := filepath.Join(dir, ManifestName)
			b, _ := os.ReadFile(p)
			write(t, p, strings.Replace(string(b), "2026.12.1", "2027.1.1", 1))
		}, ErrBadSignature, ""},
		{"signature missing", pub, func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, SignatureName))
		}, ErrBadSignature, ""},
		{"signature garbage", pub, func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, SignatureName), "not base64!")
		}, ErrBadSignature, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := makeBundle(t, priv, "catalog", "2026.12.1")
			c.tamper(t, dir)
			_, err := Verify(dir, c.pub)
			if c.is == nil {
				if err != nil {
					t.Fatalf("verify: %v", err)
				}
				return
			}
			if !errors.Is(err, c.is) {
				t.Fatalf("err = %v, want %v", err, c.is)
			}
			if c.path != "" {
				var fe *FileError
				if !errors.As(err, &fe) || fe.Path != c.path || !strings.Contains(err.Error(), c.path) {
					t.Fatalf("err = %v, want a FileError naming %s", err, c.path)
				}
			}
		})
	}
}

// A manifest signed with the right key can still list paths that leave the
// bundle: the signer's tool is not trusted to have checked them.
func TestVerifyRefusesSignedBadPaths(t *testing.T) {
	pub, priv := Keygen()
	cases := []struct {
		name, path string
		is         error
	}{
		{"parent", "../outside.txt", ErrPathEscapes},
		{"nested parent", "guides/../../outside.txt", ErrPathEscapes},
		{"absolute", "/etc/passwd", ErrPathEscapes},
		{"backslash", `..\outside.txt`, ErrPathEscapes},
		{"drive", "C:/Windows/win.ini", ErrPathEscapes},
		{"itself", ManifestName, ErrBadManifest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			body := `{"kind":"catalog","version":"1","created":"2026-12-02T00:00:00Z","files":[{"path":` +
				quote(c.path) + `,"sha256":"` + strings.Repeat("0", 64) + `","size":1}]}`
			write(t, filepath.Join(dir, ManifestName), body)
			write(t, filepath.Join(dir, SignatureName), b64(ed25519.Sign(priv, []byte(body))))
			_, err := Verify(dir, pub)
			if !errors.Is(err, c.is) {
				t.Fatalf("err = %v, want %v", err, c.is)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	_, priv := Keygen()
	cases := []struct {
		name, kind, version string
		prep                func(t *testing.T, dir string)
	}{
		{"kind with slash", "cat/alog", "1", nil},
		{"version dot-dot", "catalog", "..", nil},
		{"empty version", "catalog", "", nil},
		{"name Windows cannot hold", "catalog", "1", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "a:b.txt"), nil, 0o644); err != nil {
				t.Skip("no such names here:", err)
			}
		}},
		{"symlink inside", "catalog", "1", func(t *testing.T, dir string) {
			if err := os.Symlink("/etc/hosts", filepath.Join(dir, "hosts")); err != nil {
				t.Skip("no symlinks here:", err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.txt"), "a")
			if c.prep != nil {
				c.prep(t, dir)
			}
			if _, err := Sign(dir, c.kind, c.version, priv); err == nil {
				t.Fatal("signed")
			}
		})
	}
}

func TestKeyFiles(t *testing.T) {
	pub, priv := Keygen()
	dir := t.TempDir()
	pubPath, privPath := filepath.Join(dir, "bundle.pub"), filepath.Join(dir, "bundle.key")
	if err := WriteKeys(pubPath, privPath, pub, priv); err != nil {
		t.Fatal(err)
	}
	if err := WriteKeys(pubPath, privPath, pub, priv); err == nil {
		t.Fatal("overwrote existing keys")
	}
	gotPub, err := ReadPublicKey(pubPath)
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("public key: %v", err)
	}
	gotPriv, err := ReadPrivateKey(privPath)
	if err != nil || !gotPriv.Equal(priv) {
		t.Fatalf("private key: %v", err)
	}
	if fi, _ := os.Stat(privPath); fi != nil && fi.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		t.Fatalf("private key mode %v", fi.Mode())
	}
	for name, text := range map[string]string{
		"private as public": string(MarshalPrivateKey(priv)),
		"no header":         b64(pub) + "\n",
		"short":             publicHeader + "\n" + b64(pub[:16]) + "\n",
		"not base64":        publicHeader + "\n@@@\n",
	} {
		if _, err := ParsePublicKey([]byte(text)); !errors.Is(err, ErrKeyFormat) {
			t.Errorf("%s: err = %v, want ErrKeyFormat", name, err)
		}
	}
	if _, err := ParsePublicKey([]byte(strings.ReplaceAll(string(MarshalPublicKey(pub)), "\n", "\r\n"))); err != nil {
		t.Errorf("CRLF public key: %v", err)
	}
}

func write(t *testing.T, p, body string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
