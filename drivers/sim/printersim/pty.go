//go:build linux

package printersim

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"github.com/motcua/kiosk/drivers/serialport/ptytest"
)

// Sim serves a Machine on a pseudo-terminal at a link path.
type Sim struct {
	*Machine
	mu   sync.Mutex
	link string
	pty  *ptytest.Pty
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
	s.Async = true
	if err := s.Plug(link); err != nil {
		return nil, err
	}
	return s, nil
}

// Plug (re)connects the printer at link: after Unplug this is a USB
// adapter coming back.
func (s *Sim) Plug(link string) error {
	l, err := ptytest.New(link)
	if err != nil {
		return err
	}
	s.mu.Lock()
	if s.pty != nil {
		s.mu.Unlock()
		l.Close()
		return errors.New("printersim: already plugged in")
	}
	s.link, s.pty, s.done = link, l, make(chan struct{})
	done := s.done
	s.mu.Unlock()
	go s.serve(l, done)
	return nil
}

func (s *Sim) serve(l *ptytest.Pty, done chan struct{}) {
	defer close(done)
	buf := make([]byte, 4096)
	for {
		n, err := l.Master.Read(buf)
		if n > 0 {
			if reply := s.Feed(buf[:n]); len(reply) > 0 {
				l.Master.Write(reply)
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

// Close stops the emulator, once the files of every finished job are
// written (a test's temporary folder is then safe to remove).
func (s *Sim) Close() error {
	s.mu.Lock()
	plugged := s.pty != nil
	s.mu.Unlock()
	var err error
	if plugged {
		err = s.Unplug()
	}
	s.Machine.Settle()
	return err
}

// Plugged reports whether the pty is there.
func (s *Sim) Plugged() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pty != nil
}

// Set puts the printer in the conditions named (see ParseConditions):
// the status bits, and unplugged or plugged back in at the last link.
func (s *Sim) Set(conds string) error {
	st, unplug, err := ParseConditions(conds)
	if err != nil {
		return err
	}
	s.SetStatus(st)
	s.mu.Lock()
	plugged, link := s.pty != nil, s.link
	s.mu.Unlock()
	switch {
	case unplug && plugged:
		return s.Unplug()
	case !unplug && !plugged:
		return s.Plug(link)
	}
	return nil
}

// WatchControl applies the conditions written in the file at path (e.g.
// `echo paper_end > DIR/status`) whenever it changes, checking every
// interval, until ctx ends. A missing file means no change; a bad word is
// reported through onErr and otherwise ignored.
func (s *Sim) WatchControl(ctx context.Context, path string, every time.Duration, onErr func(error)) {
	var last string
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if b, err := os.ReadFile(path); err == nil && string(b) != last {
			last = string(b)
			if err := s.Set(last); err != nil && onErr != nil {
				onErr(err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
