//go:build !linux

package printersim

import "errors"

// Sim is unavailable off Linux: pseudo-terminals are how it plugs in.
type Sim struct{ *Machine }

var errNoPty = errors.New("printersim: needs Linux pseudo-terminals")

// Start fails off Linux.
func Start(link, out string, dots int) (*Sim, error) { return nil, errNoPty }

// Plug fails off Linux.
func (s *Sim) Plug(link string) error { return errNoPty }

// Unplug fails off Linux.
func (s *Sim) Unplug() error { return errNoPty }

// Close does nothing off Linux.
func (s *Sim) Close() error { return nil }
