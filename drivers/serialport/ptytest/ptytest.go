// Package ptytest gives tests a serial line without hardware: a
// pseudo-terminal pair in raw mode, optionally behind a symlink, so a
// driver under test opens the slave through the real serial code
// (serialport.Open) while the test plays the device on the master.
package ptytest

import (
	"errors"
	"os"
	"testing"
)

// Pty is an open pseudo-terminal pair.
type Pty struct {
	// Master is the device side: what the simulated device reads and writes.
	Master *os.File
	// Path is what a driver opens: the symlink if one was asked for, else Device.
	Path string
	// Device is the slave tty (/dev/pts/N).
	Device string

	slave *os.File // held open so the master outlives the driver's port
	link  string
}

// ErrUnsupported is returned off Linux.
var ErrUnsupported = errors.New("ptytest: pseudo-terminals need Linux")

// New opens a raw pty pair. With link != "" the slave is also reachable at
// link (an old symlink there is replaced; any other file is an error).
func New(link string) (*Pty, error) { return newPty(link) }

// Open is New for tests: it fails the test on error (skips it off Linux)
// and closes the pair at cleanup.
func Open(t testing.TB, link string) *Pty {
	t.Helper()
	p, err := New(link)
	if errors.Is(err, ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// Close unplugs the device: the link goes and both ends close, so a port
// open on the slave sees a hang-up. Closing twice is harmless.
func (p *Pty) Close() error {
	if p.link != "" {
		os.Remove(p.link)
		p.link = ""
	}
	err := p.Master.Close()
	p.slave.Close()
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}
