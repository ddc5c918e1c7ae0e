//go:build linux

// Package ptylink gives simulated devices a serial port: a pseudo-terminal
// in raw mode whose device is reachable at a stable symlink, so drivers open
// it through the real serial code exactly like /dev/ttyUSB0.
package ptylink

import (
	"fmt"
	"os"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Link is an open pty pair behind a symlink.
type Link struct {
	path   string
	master *os.File
	slave  *os.File // kept open so the master survives the port being reopened
}

// Open creates the pty and points path at its device, replacing an old
// symlink there (never a regular file).
func Open(path string) (*Link, error) {
	master, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("pty: open: %w", err)
	}
	fail := func(err error) (*Link, error) {
		master.Close()
		slave.Close()
		return nil, err
	}
	if err := makeRaw(int(slave.Fd())); err != nil {
		return fail(fmt.Errorf("pty: raw mode: %w", err))
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSymlink == 0 {
			return fail(fmt.Errorf("pty: %s exists and is not a symlink", path))
		}
		os.Remove(path)
	}
	if err := os.Symlink(slave.Name(), path); err != nil {
		return fail(fmt.Errorf("pty: link: %w", err))
	}
	return &Link{path: path, master: master, slave: slave}, nil
}

// Path is the stable path a driver opens.
func (l *Link) Path() string { return l.path }

// Device is the pty device behind the link (/dev/pts/N).
func (l *Link) Device() string { return l.slave.Name() }

// Master is the device side: what the simulated device reads and writes.
func (l *Link) Master() *os.File { return l.master }

// Close unplugs the device: the link goes, the pty closes and an open port
// sees a hang-up.
func (l *Link) Close() error {
	os.Remove(l.path)
	err := l.master.Close()
	l.slave.Close()
	return err
}

func makeRaw(fd int) error {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return err
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, unix.TCSETS, t)
}
