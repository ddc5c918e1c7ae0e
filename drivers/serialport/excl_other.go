//go:build !linux && !windows

package serialport

import (
	"errors"
	"io"
	"os"
)

func classify(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return ErrNotFound
	case errors.Is(err, os.ErrPermission):
		return ErrPermission
	case err != nil && err.Error() == "Unrecognized baud rate":
		return ErrBadBaud
	}
	return ErrDisconnected
}

func exclusive(string) (io.Closer, error) { return nil, nil }
