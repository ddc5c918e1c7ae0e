// Package bundle makes, checks and installs signed update bundles: a catalog,
// the digital-skills guides, config fragments or a voice pack carried to the
// kiosks as a directory with a manifest of checksums (manifest.json) and an
// ed25519 signature over the manifest's exact bytes (manifest.sig).
//
// A bundle is checked whole before anything is applied: a bad signature, a
// missing, changed or extra file, a path leaving the directory and symbolic
// links are each refused with a typed error (see FileError).
package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// The two files a signed bundle adds to its content, at its top level.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.sig"
)

// maxManifest bounds what Verify reads before the signature is checked.
const maxManifest = 16 << 20

// Manifest lists a bundle's content.
type Manifest struct {
	Kind    string    `json:"kind"`    // catalog, guides, config, voice, …: the install folder
	Version string    `json:"version"` // the folder under <kind>/versions/
	Created time.Time `json:"created"`
	Files   []File    `json:"files"` // sorted by path
}

// File is one file of a bundle. Path is relative to the bundle directory,
// with forward slashes on every system.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"` // lower-case hex
	Size   int64  `json:"size"`
}

var (
	// ErrBadSignature: manifest.sig is missing, malformed or does not match
	// manifest.json under the given public key.
	ErrBadSignature = errors.New("bad signature")
	// ErrBadManifest: the signed manifest itself is unusable (bad kind or
	// version, duplicate paths, not JSON).
	ErrBadManifest = errors.New("bad manifest")

	// The reasons of a FileError.
	ErrFileMissing = errors.New("file missing")
	ErrFileChanged = errors.New("file changed")
	ErrExtraFile   = errors.New("file not in the manifest")
	ErrPathEscapes = errors.New("path escapes the bundle directory")
	ErrSymlink     = errors.New("symbolic links are refused")
	ErrNotRegular  = errors.New("not a regular file")
)

// FileError names the file of a bundle that failed a check. Err is one of
// ErrFileMissing, ErrFileChanged, ErrExtraFile, ErrPathEscapes, ErrSymlink
// or ErrNotRegular (errors.Is works on the FileError).
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("bundle: %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// name checks kind and version: they become folder names on the kiosk.
var name = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$`)

func checkName(what, v string) error {
	if !name.MatchString(v) || strings.Contains(v, "..") {
		return fmt.Errorf("%w: %s %q: letters, digits, '.', '_', '+', '-', at most 64, not starting with a dot", ErrBadManifest, what, v)
	}
	return nil
}

// now is the clock Sign stamps manifests with (tests replace it).
var now = time.Now

// Sign writes manifest.json and manifest.sig into dir for every regular file
// under it (an existing manifest and signature are replaced). Symbolic links
// and other special files are refused.
func Sign(dir, kind, version string, priv ed25519.PrivateKey) (Manifest, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return Manifest{}, fmt.Errorf("bundle: sign %s: private key has %d bytes, want %d", dir, len(priv), ed25519.PrivateKeySize)
	}
	if err := checkName("kind", kind); err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign %s: %w", dir, err)
	}
	if err := checkName("version", version); err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign %s: %w", dir, err)
	}
	files, err := scan(dir)
	if err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign: %w", err)
	}
	m := Manifest{Kind: kind, Version: version, Created: now().UTC().Truncate(time.Second), Files: []File{}}
	for _, p := range files {
		sum, size, err := hashFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return Manifest{}, fmt.Errorf("bundle: sign %s: %w", dir, err)
		}
		m.Files = append(m.Files, File{Path: p, SHA256: sum, Size: size})
	}
	// What Verify would refuse is not signed (names with a backslash or ':' cannot
	// be installed on Windows).
	if err := checkManifest(m); err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign %s: %w", dir, err)
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign %s: %w", dir, err)
	}
	body = append(body, '\n')
	sig := ed25519.Sign(priv, body)
	if err := writeFile(filepath.Join(dir, ManifestName), body, 0o644); err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign: %w", err)
	}
	if err := writeFile(filepath.Join(dir, SignatureName), []byte(base64.StdEncoding.EncodeToString(sig)+"\n"), 0o644); err != nil {
		return Manifest{}, fmt.Errorf("bundle: sign: %w", err)
	}
	return m, nil
}

// Verify checks the signature of dir's manifest under pub, then every file
// against it, and returns the manifest. Nothing is trusted before the
// signature is: the manifest is parsed only once it verifies.
func Verify(dir string, pub ed25519.PublicKey) (Manifest, error) {
	m, _, err := verify(dir, pub)
	return m, err
}

// verify is Verify returning the manifest's exact bytes too.
func verify(dir string, pub ed25519.PublicKey) (Manifest, []byte, error) {
	if len(pub) != ed25519.PublicKeySize {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: public key has %d bytes, want %d", dir, len(pub), ed25519.PublicKeySize)
	}
	body, err := readLimited(filepath.Join(dir, ManifestName), maxManifest)
	if err != nil {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w", dir, err)
	}
	sigText, err := readLimited(filepath.Join(dir, SignatureName), 1024)
	if errors.Is(err, fs.ErrNotExist) {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w: no %s", dir, ErrBadSignature, SignatureName)
	}
	if err != nil {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w", dir, err)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sigText)))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w: %s is not a base64 ed25519 signature", dir, ErrBadSignature, SignatureName)
	}
	if !ed25519.Verify(pub, body, sig) {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w (signed with another key, or %s was changed)", dir, ErrBadSignature, ManifestName)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w: %v", dir, ErrBadManifest, err)
	}
	if err := checkManifest(m); err != nil {
		return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w", dir, err)
	}
	present, err := scan(dir)
	if err != nil {
		return Manifest{}, nil, fmt.Errorf("bundle: verify: %w", err)
	}
	listed := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	on := make(map[string]bool, len(present))
	for _, p := range present {
		on[p] = true
		if !listed[p] {
			return Manifest{}, nil, &FileError{Path: p, Err: ErrExtraFile}
		}
	}
	for _, f := range m.Files {
		if !on[f.Path] {
			return Manifest{}, nil, &FileError{Path: f.Path, Err: ErrFileMissing}
		}
		sum, size, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return Manifest{}, nil, fmt.Errorf("bundle: verify %s: %w", dir, err)
		}
		if size != f.Size || sum != f.SHA256 {
			return Manifest{}, nil, &FileError{Path: f.Path, Err: fmt.Errorf("%w: %d bytes sha256 %s, manifest says %d bytes sha256 %s", ErrFileChanged, size, sum, f.Size, f.SHA256)}
		}
	}
	return m, body, nil
}

// checkManifest refuses what a signed manifest must still not contain.
func checkManifest(m Manifest) error {
	if err := checkName("kind", m.Kind); err != nil {
		return err
	}
	if err := checkName("version", m.Version); err != nil {
		return err
	}
	seen := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		if !fs.ValidPath(f.Path) || f.Path == "." || strings.ContainsAny(f.Path, `\:`) || filepath.IsAbs(f.Path) {
			return &FileError{Path: f.Path, Err: ErrPathEscapes}
		}
		if f.Path == ManifestName || f.Path == SignatureName {
			return fmt.Errorf("%w: lists its own %s", ErrBadManifest, f.Path)
		}
		if seen[f.Path] {
			return fmt.Errorf("%w: %s listed twice", ErrBadManifest, f.Path)
		}
		seen[f.Path] = true
		if len(f.SHA256) != sha256.Size*2 || f.Size < 0 {
			return fmt.Errorf("%w: %s: bad checksum or size", ErrBadManifest, f.Path)
		}
	}
	return nil
}

// scan lists the regular files under dir (slash paths, sorted), leaving out
// the top-level manifest and signature. It does not follow links: any
// symbolic link, or special file, fails with a FileError.
func scan(dir string) ([]string, error) {
	root, err := filepath.EvalSymlinks(dir) // the bundle folder itself may be reached through a link
	if err != nil {
		return nil, fmt.Errorf("open bundle %s: %w", dir, err)
	}
	var out []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			return &FileError{Path: rel, Err: ErrSymlink}
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return &FileError{Path: rel, Err: ErrNotRegular}
		case rel == ManifestName || rel == SignatureName:
			return nil
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, fmt.Errorf("scan bundle %s: %w", dir, err)
	}
	sort.Strings(out)
	return out, nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// writeFile writes through a temporary file and a rename, so a reader sees
// the old content or the new, never half of it.
func writeFile(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}
