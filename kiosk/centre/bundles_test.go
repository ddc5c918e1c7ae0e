package centre

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/motcua/kiosk/kiosk/bundle"
	"github.com/motcua/kiosk/kiosk/device"
)

// signedBundle writes a signed bundle folder under dir/name with files.
func signedBundle(t *testing.T, dir, name, kind, version string, files map[string]string) string {
	t.Helper()
	_, priv := bundle.Keygen()
	d := filepath.Join(dir, name)
	for p, body := range files {
		full := filepath.Join(d, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := bundle.Sign(d, kind, version, priv); err != nil {
		t.Fatal(err)
	}
	return d
}

// The centre lists the newest bundle of each kind (versions compared as
// numbers, folders flat or <kind>/<version>) and sends one as a tar of its
// manifest, signature and listed files.
func TestBundlesPublished(t *testing.T) {
	dir := t.TempDir()
	signedBundle(t, dir, "catalog-9", "catalog", "2026.9", map[string]string{"catalog.json": "old"})
	newest := signedBundle(t, dir, "catalog-10", "catalog", "2026.10", map[string]string{"catalog.json": "new", "img/a.txt": "a"})
	signedBundle(t, filepath.Join(dir, "guides"), "7", "guides", "7", map[string]string{"g.json": "g"})
	signedBundle(t, dir, "odd", "voice", "v1-beta", map[string]string{"x": "x"}) // cannot be ordered: left out
	os.WriteFile(filepath.Join(newest, "stray.txt"), []byte("not in the manifest"), 0o644)

	c := newCentreOpt(t, func(o *Options) { o.Bundles = dir })
	kiosk := c.enroll(device.Kiosk, "KIOSK-01")
	ctx := context.Background()
	list, err := kiosk.Bundles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(newest, bundle.ManifestName))
	sum := sha256.Sum256(raw)
	if len(list) != 2 || list[0].Kind != "catalog" || list[0].Version != "2026.10" || list[0].ManifestSHA256 != hex.EncodeToString(sum[:]) ||
		list[0].Files != 2 || list[0].Size != 4 || list[1].Kind != "guides" || list[1].Version != "7" {
		t.Fatalf("list %+v", list)
	}

	var buf bytes.Buffer
	n, err := kiosk.DownloadBundle(ctx, "catalog", "2026.10", &buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("download: %d %v", n, err)
	}
	tr := tar.NewReader(&buf)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
	if want := []string{"manifest.json", "manifest.sig", "catalog.json", "img/a.txt"}; !equalStrings(names, want) {
		t.Fatalf("archive %v, want %v", names, want)
	}

	var e *Error
	if _, err := kiosk.DownloadBundle(ctx, "catalog", "1", io.Discard); !errors.As(err, &e) || e.Code != CodeNotFound {
		t.Fatalf("unknown version: %v", err)
	}
	counter := c.enroll(device.Counter, "QUAY-1")
	if _, err := counter.Bundles(ctx); !errors.As(err, &e) || e.Code != CodeForbidden {
		t.Fatalf("counter: %v", err)
	}
	off := newCentre(t).enroll(device.Kiosk, "KIOSK-01")
	if _, err := off.Bundles(ctx); !errors.As(err, &e) || e.Code != CodeNotFound {
		t.Fatalf("no --bundles: %v", err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
