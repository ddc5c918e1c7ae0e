package bundle

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// On a kiosk, bundles of one kind live under root/<kind>/:
//
//	versions/<version>/   one folder per installed version, manifest included
//	current               which version is in force
//	previous              the version before it, for Rollback
//
// current and previous are symbolic links to versions/<version> (replaced by
// renaming a new link over them), or on Windows, where links need a privilege
// kiosks do not have, small files holding the version, written to a
// temporary file and renamed over. Either way a switch is one rename: a
// crash leaves the old version in force or the new one, nothing between.
const (
	versionsDir = "versions"
	currentName = "current"
	prevName    = "previous"
	stagingPfx  = ".staging-"
)

// pointerFiles chooses pointer files over symbolic links (tests try both).
var pointerFiles = runtime.GOOS == "windows"

var (
	// ErrNoVersion: nothing of that kind is installed.
	ErrNoVersion = errors.New("no version installed")
	// ErrNoPrevious: there is no earlier version to roll back to.
	ErrNoPrevious = errors.New("no previous version to roll back to")
	// ErrVersionClash: the version is installed already with other content.
	ErrVersionClash = errors.New("version already installed with other content")
)

// Install verifies the bundle in bundleDir, copies it to
// root/<kind>/versions/<version>/, checks the copy again and then makes it
// the current version; the one it replaces becomes the previous. A bundle
// that fails a check changes nothing. Installing the version in force again
// does nothing.
func Install(bundleDir, root string, pub ed25519.PublicKey) (Manifest, error) {
	m, body, err := verify(bundleDir, pub)
	if err != nil {
		return Manifest{}, err
	}
	if err := stage(bundleDir, root, m, body, pub); err != nil {
		return Manifest{}, err
	}
	if err := activate(root, m.Kind, m.Version); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// stage copies a verified bundle into versions/<version>/ without making it
// current: to a staging folder first, checked again there (the source may
// have changed since it was verified), then renamed into place.
func stage(bundleDir, root string, m Manifest, body []byte, pub ed25519.PublicKey) error {
	vdir := filepath.Join(root, m.Kind, versionsDir)
	dest := filepath.Join(vdir, m.Version)
	// Staging folders left by an install that crashed are never in force
	// (one installer runs at a time).
	if old, _ := filepath.Glob(filepath.Join(vdir, stagingPfx+"*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	if _, err := os.Lstat(dest); err == nil {
		_, have, err := verify(dest, pub)
		if err != nil || !bytes.Equal(have, body) {
			return fmt.Errorf("bundle: install %s %s: %w (%s)", m.Kind, m.Version, ErrVersionClash, dest)
		}
		return nil
	}
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return fmt.Errorf("bundle: install: %w", err)
	}
	tmp, err := os.MkdirTemp(vdir, stagingPfx+m.Version+"-")
	if err != nil {
		return fmt.Errorf("bundle: install: %w", err)
	}
	defer os.RemoveAll(tmp) // gone after the rename; cleans up on failure
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("bundle: install: %w", err)
	}
	names := []string{ManifestName, SignatureName}
	for _, f := range m.Files {
		names = append(names, f.Path)
	}
	for _, n := range names {
		if err := copyFile(filepath.Join(bundleDir, filepath.FromSlash(n)), filepath.Join(tmp, filepath.FromSlash(n))); err != nil {
			return fmt.Errorf("bundle: install %s %s: %w", m.Kind, m.Version, err)
		}
	}
	if _, copied, err := verify(tmp, pub); err != nil {
		return fmt.Errorf("bundle: install %s %s: the copy fails its check: %w", m.Kind, m.Version, err)
	} else if !bytes.Equal(copied, body) {
		return fmt.Errorf("bundle: install %s %s: the bundle changed while it was copied", m.Kind, m.Version)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("bundle: install %s %s: %w", m.Kind, m.Version, err)
	}
	syncDir(vdir)
	return nil
}

// activate makes an installed version current, keeping the one it replaces
// as the previous.
func activate(root, kind, version string) error {
	kdir := filepath.Join(root, kind)
	if fi, err := os.Stat(filepath.Join(kdir, versionsDir, version)); err != nil || !fi.IsDir() {
		return fmt.Errorf("bundle: activate %s %s: not installed", kind, version)
	}
	cur, err := readPointer(kdir, currentName)
	if err != nil && !errors.Is(err, ErrNoVersion) {
		return fmt.Errorf("bundle: activate %s %s: %w", kind, version, err)
	}
	if cur == version {
		return nil
	}
	if cur != "" {
		if err := setPointer(kdir, prevName, cur); err != nil {
			return fmt.Errorf("bundle: activate %s %s: %w", kind, version, err)
		}
	}
	if err := setPointer(kdir, currentName, version); err != nil {
		return fmt.Errorf("bundle: activate %s %s: %w", kind, version, err)
	}
	return nil
}

// Rollback makes the previous version current again and returns it. The
// version rolled back from stays installed but is no longer the previous:
// a second Rollback fails with ErrNoPrevious rather than re-apply it.
func Rollback(root, kind string) (string, error) {
	if err := checkName("kind", kind); err != nil {
		return "", fmt.Errorf("bundle: rollback: %w", err)
	}
	kdir := filepath.Join(root, kind)
	prev, err := readPointer(kdir, prevName)
	if errors.Is(err, ErrNoVersion) {
		return "", fmt.Errorf("bundle: rollback %s: %w", kind, ErrNoPrevious)
	}
	if err != nil {
		return "", fmt.Errorf("bundle: rollback %s: %w", kind, err)
	}
	if fi, err := os.Stat(filepath.Join(kdir, versionsDir, prev)); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("bundle: rollback %s: previous version %s is not installed", kind, prev)
	}
	if err := setPointer(kdir, currentName, prev); err != nil {
		return "", fmt.Errorf("bundle: rollback %s: %w", kind, err)
	}
	if err := os.Remove(filepath.Join(kdir, prevName)); err != nil {
		return "", fmt.Errorf("bundle: rollback %s: %w", kind, err)
	}
	return prev, nil
}

// Current returns the version of kind in force under root.
func Current(root, kind string) (string, error) {
	if err := checkName("kind", kind); err != nil {
		return "", fmt.Errorf("bundle: current: %w", err)
	}
	v, err := readPointer(filepath.Join(root, kind), currentName)
	if err != nil {
		return "", fmt.Errorf("bundle: current %s: %w", kind, err)
	}
	return v, nil
}

// Dir returns the folder of the version of kind in force under root.
func Dir(root, kind string) (string, error) {
	v, err := Current(root, kind)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, kind, versionsDir, v), nil
}

func setPointer(kdir, name, version string) error {
	path := filepath.Join(kdir, name)
	if pointerFiles {
		return writeFile(path, []byte(version+"\n"), 0o644)
	}
	f, err := os.CreateTemp(kdir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // only its unique name was wanted
	if err := os.Symlink(versionsDir+"/"+version, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	syncDir(kdir)
	return nil
}

// readPointer reads current or previous, link or file whichever it is.
func readPointer(kdir, name string) (string, error) {
	path := filepath.Join(kdir, name)
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", ErrNoVersion
	}
	if err != nil {
		return "", err
	}
	var v string
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		target = filepath.ToSlash(target)
		if !strings.HasPrefix(target, versionsDir+"/") {
			return "", fmt.Errorf("%s points outside %s/: %s", path, versionsDir, target)
		}
		v = strings.TrimPrefix(target, versionsDir+"/")
	} else {
		b, err := readLimited(path, 256)
		if err != nil {
			return "", err
		}
		v = strings.TrimSpace(string(b))
	}
	if err := checkName("version", v); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

// syncDir makes a rename in dir durable where the system allows it
// (Windows cannot open a folder for syncing; NTFS journals renames).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
