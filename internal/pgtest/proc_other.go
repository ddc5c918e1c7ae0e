//go:build !unix

package pgtest

import (
	"os"
	"syscall"
)

func credential(string) (*syscall.SysProcAttr, error) { return nil, nil }

func interrupt(p *os.Process) error { return p.Kill() }
