//go:build linux

package svctest

import (
	"fmt"
	"net"
	"path/filepath"
	"syscall"
)

// message is one datagram on the notify socket with its sender's pid, as
// the kernel vouches for it (SCM_CREDENTIALS).
type message struct {
	pid  int
	text string
}

// notifySocket is the unixgram socket $NOTIFY_SOCKET names, with
// SO_PASSCRED on, as systemd sets it up.
type notifySocket struct {
	conn *net.UnixConn
	path string
}

func listenNotify(dir string) (*notifySocket, error) {
	path := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return nil, fmt.Errorf("notify socket: %w", err)
	}
	raw, err := conn.SyscallConn()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("notify socket: %w", err)
	}
	var serr error
	if err := raw.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_PASSCRED, 1)
	}); err != nil || serr != nil {
		conn.Close()
		return nil, fmt.Errorf("notify socket: SO_PASSCRED: %v %v", err, serr)
	}
	return &notifySocket{conn: conn, path: path}, nil
}

// read delivers datagrams to out until the socket is closed; a datagram
// without credentials has pid 0 (never a main pid).
func (n *notifySocket) read(out chan<- message, done <-chan struct{}, logf func(string, ...any)) {
	buf := make([]byte, 4096)
	oob := make([]byte, syscall.CmsgSpace(syscall.SizeofUcred)*4)
	for {
		nb, noob, _, _, err := n.conn.ReadMsgUnix(buf, oob)
		if err != nil {
			return // closed
		}
		m := message{text: string(buf[:nb])}
		msgs, err := syscall.ParseSocketControlMessage(oob[:noob])
		if err != nil {
			logf("svctest: notify: control message: %v", err)
		}
		for _, cm := range msgs {
			if cred, err := syscall.ParseUnixCredentials(&cm); err == nil {
				m.pid = int(cred.Pid)
			}
		}
		select {
		case out <- m:
		case <-done:
			return
		}
	}
}

func (n *notifySocket) close() error { return n.conn.Close() }
