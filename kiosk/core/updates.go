package core

import (
	"archive/tar"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/bundle"
	"github.com/motcua/kiosk/kiosk/centre"
)

// Signed updates (issue 14): with [update] public_key set, a kiosk in
// centre mode asks the centre for its newest bundles on each heartbeat (or
// every [update] check_minutes) and applies each bundle newer than the
// version in force:
//
//  1. download the archive to a temporary file (a body shorter than the
//     announced length is a truncated download);
//  2. unpack it into a staging folder (an archive read error is a
//     truncated download) and check manifest.json against the listing's
//     sha256;
//  3. bundle.Verify with the public key (bad signature, tampered file);
//  4. refuse a signed version older than or equal to the one in force
//     (rollback protection: bundle.CompareVersions, dot-separated integers);
//  5. bundle.Install: the atomic switch of <dir>/<kind>/current.
//
// Each refusal is one log line for the technician (repeated only when the
// offer changes) and changes nothing. After a catalog bundle the catalog is
// reloaded from <dir>/catalog/current/catalog.json (or catalog.csv). A
// technician's rollback stays kioskctl bundle rollback (then restart the
// kiosk): the version rolled back from is not pulled again, a newer one is.

// Refusal reasons (the log line's "reason").
const (
	refuseOlder     = "older or equal version (rollback protection)"
	refuseUnordered = "version cannot be ordered"
	refuseTruncated = "truncated download"
	refuseSignature = "bad signature"
	refuseTampered  = "tampered or missing file"
	refuseMismatch  = "the signed bundle is not the one listed"
	refuseInstall   = "install failed"
	refuseDownload  = "download failed"
	refuseRolled    = "rolled back by a technician (a newer version is applied)"
)

// Limits on an archive from the centre.
const (
	maxBundleBytes   = 4 << 30
	maxBundleEntries = 100000
	downloadTimeout  = 30 * time.Minute
)

// catalogBundleFiles are the files a catalog bundle may carry, in order of preference.
var catalogBundleFiles = []string{"catalog.json", "catalog.csv"}

// refusal is why a bundle was not applied.
type refusal struct {
	reason string
	err    error
}

func (r *refusal) Error() string {
	if r.err == nil {
		return r.reason
	}
	return r.reason + ": " + r.err.Error()
}
func (r *refusal) Unwrap() error { return r.err }

func refuse(reason string, err error) error { return &refusal{reason: reason, err: err} }

// updater pulls signed bundles for one kiosk.
type updater struct {
	k      *Kiosk
	client *centre.Client
	pub    ed25519.PublicKey
	root   string
	every  time.Duration // 0: on every heartbeat

	mu     sync.Mutex // one check at a time
	last   time.Time
	logged map[string]string // kind → the refusal last logged (not logged again)
}

// newUpdater reads [update]; nil when updates are off or the key is unusable
// (then a Problem says why).
func newUpdater(k *Kiosk, u config.Update, client *centre.Client) *updater {
	if !u.Enabled() {
		return nil
	}
	pub, err := bundle.ParsePublicKeyText(u.PublicKey)
	if err == nil {
		var root string
		if root, err = u.Root(); err == nil {
			k.log.Info("signed updates on", "dir", root)
			return &updater{k: k, client: client, pub: pub, root: root, every: time.Duration(u.CheckMinutes) * time.Minute, logged: map[string]string{}}
		}
	}
	k.addProblem(Problem{Area: "update", Detail: "signed updates are off: [update]: " + err.Error()})
	k.log.Error("signed updates are off: [update] unusable", "err", err)
	return nil
}

// due reports whether a check is due now, and marks it done.
func (u *updater) due() bool {
	now := u.k.now()
	if u.every > 0 && !u.last.IsZero() && now.Sub(u.last) < u.every {
		return false
	}
	u.last = now
	return true
}

// check asks the centre for its newest bundles and applies each newer one.
func (u *updater) check(ctx context.Context) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if !u.due() {
		return
	}
	lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	list, err := u.client.Bundles(lctx)
	cancel()
	if err != nil {
		var e *centre.Error
		if !(errors.As(err, &e) && e.Code == centre.CodeNotFound) && ctx.Err() == nil {
			u.note("*", "list", err.Error(), "the centre's bundle list failed; retrying on the next check", "err", err)
		}
		return
	}
	for _, b := range list {
		if ctx.Err() != nil {
			return
		}
		from, _ := bundle.Current(u.root, b.Kind)
		m, applied, err := u.apply(ctx, b)
		var r *refusal
		switch {
		case errors.As(err, &r):
			key := b.Version + "|" + b.ManifestSHA256 + "|" + r.reason
			u.note(b.Kind, key, "update "+b.Kind+" "+b.Version+" refused: "+r.reason,
				"update refused; nothing changed", "kind", b.Kind, "version", b.Version, "in_force", orNone(from), "reason", r.reason, "err", r.err)
		case err != nil:
			u.k.log.Error("update failed; nothing changed", "kind", b.Kind, "version", b.Version, "err", err)
		case applied:
			delete(u.logged, b.Kind)
			u.k.log.Info("update applied", "kind", m.Kind, "version", m.Version, "was", orNone(from), "files", len(m.Files))
			if m.Kind == "catalog" {
				u.k.loadCatalog(ctx)
			}
		}
	}
}

// note logs a refusal once per distinct key of a kind, and keeps it as the
// heartbeat's last error.
func (u *updater) note(kind, key, lastErr, msg string, args ...any) {
	if u.logged[kind] == key {
		return
	}
	u.logged[kind] = key
	u.k.log.Warn(msg, args...)
	u.k.noteError(lastErr)
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

// apply brings one listed bundle in force if it is newer than the version
// in force and passes every check. It reports applied false with a nil
// error when the listed version is the one in force.
func (u *updater) apply(ctx context.Context, b centre.BundleInfo) (bundle.Manifest, bool, error) {
	cur, err := bundle.Current(u.root, b.Kind)
	if err != nil && !errors.Is(err, bundle.ErrNoVersion) {
		return bundle.Manifest{}, false, err
	}
	if cmp, err := newer(b.Version, cur); err != nil {
		return bundle.Manifest{}, false, refuse(refuseUnordered, err)
	} else if cmp == 0 && b.Version == cur && u.inForce(b) {
		return bundle.Manifest{}, false, nil // the very bundle in force
	} else if cmp <= 0 {
		return bundle.Manifest{}, false, refuse(refuseOlder, fmt.Errorf("the centre offers %s, %s is in force", b.Version, cur))
	}
	// A version installed but not in force was rolled back from (kioskctl
	// bundle rollback): the technician's choice stands until a newer one.
	if fi, err := os.Stat(filepath.Join(u.root, b.Kind, "versions", b.Version)); err == nil && fi.IsDir() {
		return bundle.Manifest{}, false, refuse(refuseRolled, fmt.Errorf("%s is installed but %s is in force", b.Version, orNone(cur)))
	}
	if err := os.MkdirAll(u.root, 0o755); err != nil {
		return bundle.Manifest{}, false, err
	}
	tmp, err := os.CreateTemp(u.root, ".download-*.tar")
	if err != nil {
		return bundle.Manifest{}, false, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	dctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	_, err = u.client.DownloadBundle(dctx, b.Kind, b.Version, tmp)
	cancel()
	if errors.Is(err, centre.ErrTruncated) {
		return bundle.Manifest{}, false, refuse(refuseTruncated, err)
	}
	if err != nil {
		return bundle.Manifest{}, false, refuse(refuseDownload, err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return bundle.Manifest{}, false, err
	}
	staging, err := os.MkdirTemp(u.root, ".incoming-")
	if err != nil {
		return bundle.Manifest{}, false, err
	}
	defer os.RemoveAll(staging)
	if err := unpack(tmp, staging); err != nil {
		return bundle.Manifest{}, false, refuse(refuseTruncated, fmt.Errorf("archive read error: %w", err))
	}
	if sum, err := fileSHA256(filepath.Join(staging, bundle.ManifestName)); err != nil || sum != b.ManifestSHA256 {
		return bundle.Manifest{}, false, refuse(refuseTruncated, fmt.Errorf("manifest.json does not match the centre's listing (sha256 %s, listed %s): %v", sum, b.ManifestSHA256, err))
	}
	m, err := bundle.Verify(staging, u.pub)
	if errors.Is(err, bundle.ErrBadSignature) {
		return bundle.Manifest{}, false, refuse(refuseSignature, err)
	}
	if err != nil {
		return bundle.Manifest{}, false, refuse(refuseTampered, err)
	}
	// The signed manifest decides, not the listing: a centre listing a
	// newer version than the bundle it sends is refused here.
	if m.Kind != b.Kind || m.Version != b.Version {
		if cmp, _ := newer(m.Version, cur); m.Kind == b.Kind && cmp <= 0 {
			return bundle.Manifest{}, false, refuse(refuseOlder, fmt.Errorf("listed as %s, signed as %s; %s is in force", b.Version, m.Version, orNone(cur)))
		}
		return bundle.Manifest{}, false, refuse(refuseMismatch, fmt.Errorf("listed %s %s, signed %s %s", b.Kind, b.Version, m.Kind, m.Version))
	}
	if _, err := bundle.Install(staging, u.root, u.pub); err != nil {
		return bundle.Manifest{}, false, refuse(refuseInstall, err)
	}
	return m, true, nil
}

// inForce reports whether the listed bundle is the one in force (same
// manifest bytes).
func (u *updater) inForce(b centre.BundleInfo) bool {
	dir, err := bundle.Dir(u.root, b.Kind)
	if err != nil {
		return false
	}
	sum, err := fileSHA256(filepath.Join(dir, bundle.ManifestName))
	return err == nil && sum == b.ManifestSHA256
}

// newer compares an offered version with the one in force ("" for none).
func newer(offered, cur string) (int, error) {
	if cur == "" {
		_, err := bundle.CompareVersions(offered, offered)
		return 1, err
	}
	return bundle.CompareVersions(offered, cur)
}

// unpack writes a bundle archive's regular files under dir; any other entry,
// a path leaving dir, a duplicate or a read error fails it.
func unpack(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	var total int64
	for n := 0; ; n++ {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n >= maxBundleEntries {
			return fmt.Errorf("more than %d entries", maxBundleEntries)
		}
		if h.Typeflag != tar.TypeReg {
			return fmt.Errorf("%s: not a regular file", h.Name)
		}
		if !fs.ValidPath(h.Name) || h.Name == "." || strings.ContainsAny(h.Name, `\:`) {
			return fmt.Errorf("%q: path not allowed", h.Name)
		}
		if total += h.Size; h.Size < 0 || total > maxBundleBytes {
			return fmt.Errorf("larger than %d bytes", int64(maxBundleBytes))
		}
		dst := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = io.CopyN(f, tr, h.Size)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", h.Name, err)
		}
	}
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// bundleVersions is the version in force of each kind under the update
// folder (nil when updates are off or none is installed).
func (k *Kiosk) bundleVersions() map[string]string {
	u := k.Config().Update
	if !u.Enabled() {
		return nil
	}
	root, err := u.Root()
	if err != nil {
		return nil
	}
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if v, err := bundle.Current(root, e.Name()); err == nil {
			out[e.Name()] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// bundledCatalog is the catalog file of the catalog bundle in force, if any.
func (k *Kiosk) bundledCatalog() (path, version string, ok bool) {
	u := k.Config().Update
	if !u.Enabled() {
		return "", "", false
	}
	root, err := u.Root()
	if err != nil {
		return "", "", false
	}
	dir, err := bundle.Dir(root, "catalog")
	if err != nil {
		return "", "", false
	}
	v, _ := bundle.Current(root, "catalog")
	for _, n := range catalogBundleFiles {
		p := filepath.Join(dir, n)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, v, true
		}
	}
	return "", "", false
}
