//go:build linux

package printersim

import (
	"errors"
	"os"
	"sync"

	"github.com/motcua/kiosk/drivers/sim/ptylink"
)

// Sim serves a Machine on a pseudo-terminal at a link path.
type Sim struct {
	*Machine
	mu   sync.Mutex
	pty  *ptylink.Link
	done chan struct{}
}

// Start serves a printer dots wide at link, writing jobs into out.
func Start(link, out string, dots int) (*Sim, error) {
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return nil, err
		}
	}
	s := &Sim{Machine: NewMachine(dots, out)}
	if err := s.Plug(link); err != nil {
		return nil, err
	}
	return s, nil
}

// Plug (re)connects the printer at link: after Unplug this is a USB
// adapter coming back.
func (s *Sim) Plug(link string) error {
	l, err := ptylink.Open(link)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.pty, s.done = l, make(chan struct{})
	done := s.done
	s.mu.Unlock()
	go s.serve(l, done)
	return nil
}

func (s *Sim) serve(l *ptylink.Link, done chan struct{}) {
	defer close(done)
	buf := make([]byte, 4096)
	for {
		n, err := l.Master().Read(buf)
		if n > 0 {
			if reply := s.Feed(buf[:n]); len(reply) > 0 {
				l.Master().Write(reply)
			}
		}
		if err != nil {
			return
		}
	}
}

// Unplug pulls the cable: the port disappears mid-whatever.
func (s *Sim) Unplug() error {
	s.mu.Lock()
	l, done := s.pty, s.done
	s.pty = nil
	s.mu.Unlock()
	if l == nil {
		return errors.New("printersim: already unplugged")
	}
	err := l.Close()
	<-done
	return err
}

// Close stops the emulator.
func (s *Sim) Close() error {
	s.mu.Lock()
	plugged := s.pty != nil
	s.mu.Unlock()
	if plugged {
		return s.Unplug()
	}
	return nil
}
