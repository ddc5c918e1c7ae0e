//go:build !linux

package ptytest

func newPty(string) (*Pty, error) { return nil, ErrUnsupported }
