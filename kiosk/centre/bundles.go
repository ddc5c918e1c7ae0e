package centre

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/motcua/kiosk/kiosk/bundle"
)

// published is one signed bundle folder found under the centre's bundles
// directory. The centre holds no key and checks no signature: it publishes
// what it was given, and every kiosk verifies before it applies.
type published struct {
	dir      string
	manifest bundle.Manifest
	sha256   string // of manifest.json's exact bytes
	size     int64  // the files' total, from the manifest
}

// scanBundles lists the bundle folders under dir: each folder directly
// under it that holds a manifest.json, or one level further down
// (dir/<kind>/<version>/). A folder whose manifest cannot be read, or whose
// version cannot be ordered, is logged and left out.
func scanBundles(dir string, log *slog.Logger) ([]published, error) {
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("bundles %s: %w", dir, err)
	}
	var out []published
	try := func(d string) bool {
		raw, err := os.ReadFile(filepath.Join(d, bundle.ManifestName))
		if errors.Is(err, os.ErrNotExist) {
			return false
		}
		if err != nil {
			log.Warn("bundle folder left out: manifest unreadable", "dir", d, "err", err)
			return true
		}
		var m bundle.Manifest
		if err := json.Unmarshal(raw, &m); err != nil || m.Kind == "" || m.Version == "" {
			log.Warn("bundle folder left out: not a bundle manifest", "dir", d, "err", err)
			return true
		}
		if _, err := bundle.CompareVersions(m.Version, m.Version); err != nil {
			log.Warn("bundle folder left out: its version cannot be ordered", "dir", d, "err", err)
			return true
		}
		sum := sha256.Sum256(raw)
		p := published{dir: d, manifest: m, sha256: hex.EncodeToString(sum[:])}
		for _, f := range m.Files {
			p.size += f.Size
		}
		out = append(out, p)
		return true
	}
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		d := filepath.Join(dir, e.Name())
		if try(d) {
			continue
		}
		sub, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, s := range sub {
			if s.IsDir() {
				try(filepath.Join(d, s.Name()))
			}
		}
	}
	return out, nil
}

// newestBundles keeps the newest bundle of each kind, sorted by kind.
func newestBundles(all []published) []published {
	best := map[string]published{}
	for _, p := range all {
		cur, ok := best[p.manifest.Kind]
		if !ok {
			best[p.manifest.Kind] = p
			continue
		}
		if c, _ := bundle.CompareVersions(p.manifest.Version, cur.manifest.Version); c > 0 {
			best[p.manifest.Kind] = p
		}
	}
	out := make([]published, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].manifest.Kind < out[j].manifest.Kind })
	return out
}

// writeArchive writes a bundle folder as one tar stream: manifest.json,
// manifest.sig, then the manifest's files in its order (files on disk that
// the manifest does not list are not sent). Entries are plain files with a
// fixed mode and the manifest's time, so the same folder gives the same bytes.
func writeArchive(w io.Writer, p published) error {
	tw := tar.NewWriter(w)
	mod := p.manifest.Created
	if mod.IsZero() {
		mod = time.Unix(0, 0)
	}
	names := []string{bundle.ManifestName, bundle.SignatureName}
	for _, f := range p.manifest.Files {
		names = append(names, f.Path)
	}
	for _, n := range names {
		if err := addFile(tw, p.dir, n, mod); err != nil {
			return err
		}
	}
	return tw.Close()
}

func addFile(tw *tar.Writer, dir, name string, mod time.Time) error {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", name)
	}
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: fi.Size(), Mode: 0o644, ModTime: mod.UTC(), Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	if _, err := io.CopyN(tw, f, fi.Size()); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
