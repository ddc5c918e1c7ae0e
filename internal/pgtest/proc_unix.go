//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// runAs is the unprivileged account the server runs as when we are root.
const runAs = "nobody"

// credential returns the SysProcAttr for initdb and postgres: as root, the
// uid/gid of runAs, after handing dir (and everything in it) to that user.
func credential(dir string) (*syscall.SysProcAttr, error) {
	attr := &syscall.SysProcAttr{Setpgid: true}
	dieWithParent(attr)
	if os.Geteuid() != 0 {
		return attr, nil
	}
	u, err := user.Lookup(runAs)
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root and cannot find user %s: %w", runAs, err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: uid of %s: %w", runAs, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: gid of %s: %w", runAs, err)
	}
	err = filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(uid), int(gid))
	})
	if err != nil {
		return nil, fmt.Errorf("pgtest: hand %s to %s: %w", dir, runAs, err)
	}
	// The parent must be traversable by runAs (os.TempDir is /tmp, 1777,
	// unless TMPDIR points somewhere private).
	parent := filepath.Dir(dir)
	if fi, err := os.Stat(parent); err == nil && fi.Mode().Perm()&0o001 == 0 {
		if err := os.Chmod(parent, fi.Mode().Perm()|0o001); err != nil {
			return nil, fmt.Errorf("pgtest: make %s traversable: %w", parent, err)
		}
	}
	attr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}
	return attr, nil
}

// interrupt asks the server for a fast shutdown.
func interrupt(p *os.Process) error { return p.Signal(syscall.SIGINT) }
