//go:build linux

package serialport

import (
	"errors"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

func classify(err error) error {
	var errno syscall.Errno
	switch {
	case errors.Is(err, os.ErrNotExist), errors.As(err, &errno) && (errno == unix.ENODEV || errno == unix.ENXIO):
		return ErrNotFound
	case errors.Is(err, os.ErrPermission):
		return ErrPermission
	case errors.As(err, &errno) && errno == unix.EBUSY:
		return ErrBusy
	case err != nil && err.Error() == "Unrecognized baud rate":
		return ErrBadBaud
	}
	return ErrDisconnected
}

// exclusive marks the tty for exclusive use (later opens get EBUSY) through
// a second descriptor kept until Close, which clears the mark again: the
// mark outlives our descriptors when someone else (a pty's owner) keeps
// the tty open, and a reconnect must not find its own port busy.
func exclusive(name string) (io.Closer, error) {
	f, err := os.OpenFile(name, unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if err := unix.IoctlSetInt(int(f.Fd()), unix.TIOCEXCL, 0); err != nil {
		// Not a tty that supports it: no exclusivity, not an error.
		f.Close()
		return nil, nil
	}
	return exclHold{f}, nil
}

type exclHold struct{ f *os.File }

func (h exclHold) Close() error {
	unix.IoctlSetInt(int(h.f.Fd()), unix.TIOCNXCL, 0)
	return h.f.Close()
}
