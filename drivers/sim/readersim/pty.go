//go:build linux

package readersim

import (
	"errors"
	"fmt"
	"sync"

	"github.com/motcua/kiosk/drivers/sim/ptylink"
)

// Sim is a simulated reader on a pseudo-terminal.
type Sim struct {
	mu     sync.Mutex
	pty    *ptylink.Link
	closed bool
}

// Start opens a pty in raw mode and points link at its device (replacing an
// old symlink at link, never a regular file).
func Start(link string) (*Sim, error) {
	l, err := ptylink.Open(link)
	if err != nil {
		return nil, fmt.Errorf("readersim: %w", err)
	}
	return &Sim{pty: l}, nil
}

// Link is the stable path a driver opens.
func (s *Sim) Link() string { return s.pty.Path() }

// Device is the pty device behind the link (/dev/pts/N).
func (s *Sim) Device() string { return s.pty.Device() }

// Send writes raw bytes as the reader would (add terminators yourself, or use
// Wire).
func (s *Sim) Send(p []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("readersim: unplugged")
	}
	if _, err := s.pty.Master().Write(p); err != nil {
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
	return s.pty.Close()
}
