//go:build windows

package serialport

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// Windows opens COM ports without sharing, so a port in use answers
// ERROR_ACCESS_DENIED: on a COM port that means busy, not permissions.
func classify(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ERROR_FILE_NOT_FOUND, syscall.ERROR_PATH_NOT_FOUND, 1168: // ERROR_NOT_FOUND
			return ErrNotFound
		case syscall.ERROR_ACCESS_DENIED, 32: // ERROR_SHARING_VIOLATION
			return ErrBusy
		}
	}
	if errors.Is(err, os.ErrNotExist) {
		return ErrNotFound
	}
	return ErrDisconnected
}

func exclusive(string) (io.Closer, error) { return nil, nil }
