//go:build !linux

package printersim

import (
	"context"
	"errors"
	"time"
)

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

// Plugged is false off Linux.
func (s *Sim) Plugged() bool { return false }

// Set fails off Linux.
func (s *Sim) Set(string) error { return errNoPty }

// WatchControl does nothing off Linux.
func (s *Sim) WatchControl(context.Context, string, time.Duration, func(error)) {}
