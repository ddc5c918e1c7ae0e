//go:build linux

package ptytest

import (
	"fmt"
	"os"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

func newPty(link string) (*Pty, error) {
	master, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("ptytest: open: %w", err)
	}
	fail := func(err error) (*Pty, error) {
		master.Close()
		slave.Close()
		return nil, err
	}
	if err := makeRaw(int(slave.Fd())); err != nil {
		return fail(fmt.Errorf("ptytest: raw mode: %w", err))
	}
	if master, err = pollable(master); err != nil {
		return fail(fmt.Errorf("ptytest: master: %w", err))
	}
	p := &Pty{Master: master, Path: slave.Name(), Device: slave.Name(), slave: slave}
	if link != "" {
		if fi, err := os.Lstat(link); err == nil {
			if fi.Mode()&os.ModeSymlink == 0 {
				return fail(fmt.Errorf("ptytest: %s exists and is not a symlink", link))
			}
			os.Remove(link)
		}
		if err := os.Symlink(slave.Name(), link); err != nil {
			return fail(fmt.Errorf("ptytest: link: %w", err))
		}
		p.Path, p.link = link, link
	}
	return p, nil
}

// makeRaw: no echo, no line editing, no CR/LF translation, 8 bits.
func makeRaw(fd int) error {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return err
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, unix.TCSETS, t)
}

// pollable returns the master as a non-blocking, poller-driven file, so a
// Read parked on it ends when Close is called (a blocking pty master read
// would wait for the driver's next byte forever) and deadlines work.
func pollable(f *os.File) (*os.File, error) {
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return f, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return f, err
	}
	f.Close()
	return os.NewFile(uintptr(fd), f.Name()), nil
}
