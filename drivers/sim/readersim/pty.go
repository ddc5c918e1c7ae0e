//go:build linux

package readersim

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Sim is a simulated reader on a pseudo-terminal.
type Sim struct {
	link string

	mu     sync.Mutex
	master *os.File
	slave  *os.File // kept open so the master survives the port being reopened
	closed bool
}

// Start opens a pty in raw mode and points link at its device (replacing an
// old symlink at link, never a regular file).
func Start(link string) (*Sim, error) {
	master, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("readersim: open pty: %w", err)
	}
	if err := makeRaw(int(slave.Fd())); err != nil {
		master.Close()
		slave.Close()
		return nil, fmt.Errorf("readersim: raw mode: %w", err)
	}
	if fi, err := os.Lstat(link); err == nil {
		if fi.Mode()&os.ModeSymlink == 0 {
			master.Close()
			slave.Close()
			return nil, fmt.Errorf("readersim: %s exists and is not a symlink", link)
		}
		os.Remove(link)
	}
	if err := os.Symlink(slave.Name(), link); err != nil {
		master.Close()
		slave.Close()
		return nil, fmt.Errorf("readersim: link: %w", err)
	}
	return &Sim{link: link, master: master, slave: slave}, nil
}

// Link is the stable path a driver opens.
func (s *Sim) Link() string { return s.link }

// Device is the pty device behind the link (/dev/pts/N).
func (s *Sim) Device() string { return s.slave.Name() }

// Send writes raw bytes as the reader would (add terminators yourself, or use
// Wire).
func (s *Sim) Send(p []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("readersim: unplugged")
	}
	if _, err := s.master.Write(p); err != nil {
		return fmt.Errorf("readersim: write: %w", err)
	}
	return nil
}

// Close unplugs the reader: the pty goes away (an open port sees a hang-up)
// and the link is removed.
func (s *Sim) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	os.Remove(s.link)
	err := s.master.Close()
	s.slave.Close()
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
