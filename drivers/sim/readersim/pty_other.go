//go:build !linux

package readersim

import "errors"

// Sim is a simulated reader; pseudo-terminals are only wired up on Linux.
type Sim struct{}

// Start is not supported on this platform.
func Start(link string) (*Sim, error) { return nil, errors.New("readersim: needs Linux ptys") }

// Link is empty here.
func (s *Sim) Link() string { return "" }

// Device is empty here.
func (s *Sim) Device() string { return "" }

// Send fails here.
func (s *Sim) Send(p []byte) error { return errors.New("readersim: needs Linux ptys") }

// Close does nothing here.
func (s *Sim) Close() error { return nil }
