// Package serialport opens serial ports for the drivers (through
// github.com/tarm/serial) behind a tiny Port interface, with typed errors a
// caller can branch on, a reconnecting port for USB-serial adapters that
// come and go, and a list of candidate ports for technicians.
package serialport

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/tarm/serial"
)

// Port is an open serial port. Read returns ErrTimeout (wrapped) when the
// read timeout passes with no byte, and ErrDisconnected (wrapped) when the
// device went away; Write and Read after Close return ErrClosed.
type Port interface {
	io.ReadWriteCloser
}

// Opener opens a port; reconnecting code calls it again after a loss.
type Opener func() (Port, error)

// Errors a caller branches on (with errors.Is). Every error from Open and
// from a Port's methods wraps one of them and the system error behind it.
var (
	ErrNotFound     = errors.New("serial port not found")
	ErrPermission   = errors.New("serial port permission denied")
	ErrBusy         = errors.New("serial port busy (open in another program)")
	ErrClosed       = errors.New("serial port closed")
	ErrDisconnected = errors.New("serial port disconnected")
	ErrBadBaud      = errors.New("serial port: unsupported baud rate")
	// ErrTimeout is a read that saw no byte within the read timeout. It is
	// not io.EOF (tarm/serial returns io.EOF for both a timeout and a hang-up).
	ErrTimeout error = timeoutError{}
)

type timeoutError struct{}

func (timeoutError) Error() string   { return "serial port read timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// Error is a failed operation on a named port: Kind is one of the Err*
// values above, Err the system error (may be nil).
type Error struct {
	Op   string // open, read, write, close
	Name string
	Kind error
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("serialport: %s %s: %v", e.Op, e.Name, e.Kind)
	}
	return fmt.Sprintf("serialport: %s %s: %v: %v", e.Op, e.Name, e.Kind, e.Err)
}

// Unwrap lets errors.Is match both the kind and the system error.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// ReadTimeout is the read timeout the kiosk's devices are opened with:
// short enough that a reader or printer loop notices a stop or a lost
// device promptly, one step of the tty layer's 0.1 s resolution.
const ReadTimeout = 100 * time.Millisecond

// Bauds are the rates Open accepts.
var Bauds = []int{1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400}

// Open opens name at baud, 8N1, no flow control. readTimeout > 0 makes a
// Read return ErrTimeout after that long without a byte (0.1 s steps, at
// most 25.5 s, a limit of the tty layer); 0 makes Read block for a byte.
// On Linux the port is opened exclusively (TIOCEXCL): a second program
// gets ErrBusy instead of stealing half the bytes.
func Open(name string, baud int, readTimeout time.Duration) (Port, error) {
	ok := false
	for _, b := range Bauds {
		ok = ok || b == baud
	}
	if !ok {
		return nil, &Error{Op: "open", Name: name, Kind: ErrBadBaud, Err: fmt.Errorf("%d", baud)}
	}
	if !claim(name) {
		return nil, &Error{Op: "open", Name: name, Kind: ErrBusy, Err: errors.New("already open in this process")}
	}
	sp, err := serial.OpenPort(&serial.Config{Name: name, Baud: baud, ReadTimeout: readTimeout})
	if err != nil {
		release(name)
		return nil, &Error{Op: "open", Name: name, Kind: classify(err), Err: err}
	}
	ex, err := exclusive(name)
	if err != nil {
		sp.Close()
		release(name)
		return nil, &Error{Op: "open", Name: name, Kind: classify(err), Err: err}
	}
	return &port{name: name, sp: sp, ex: ex, timeout: readTimeout}, nil
}

// OpenerFor is an Opener for Open(name, baud, readTimeout).
func OpenerFor(name string, baud int, readTimeout time.Duration) Opener {
	return func() (Port, error) { return Open(name, baud, readTimeout) }
}

// open names in this process: a second Open of the same port is ErrBusy
// even where the OS would allow it (and for root, whom TIOCEXCL ignores).
var (
	openMu sync.Mutex
	opened = map[string]bool{}
)

func claim(name string) bool {
	openMu.Lock()
	defer openMu.Unlock()
	if opened[name] {
		return false
	}
	opened[name] = true
	return true
}

func release(name string) {
	openMu.Lock()
	delete(opened, name)
	openMu.Unlock()
}

type port struct {
	name    string
	sp      *serial.Port
	ex      io.Closer // the exclusive-use hold, released at Close
	timeout time.Duration

	mu     sync.Mutex
	closed bool
	gone   bool
}

func (p *port) state() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.closed:
		return ErrClosed
	case p.gone:
		return ErrDisconnected
	}
	return nil
}

func (p *port) lost() {
	p.mu.Lock()
	p.gone = true
	p.mu.Unlock()
}

func (p *port) Read(b []byte) (int, error) {
	if err := p.state(); err != nil {
		return 0, &Error{Op: "read", Name: p.name, Kind: err}
	}
	if len(b) == 0 {
		return 0, nil
	}
	start := time.Now()
	n, err := p.sp.Read(b)
	if n > 0 {
		return n, nil
	}
	if err != nil && err != io.EOF {
		if p.state() == ErrClosed {
			return 0, &Error{Op: "read", Name: p.name, Kind: ErrClosed, Err: err}
		}
		p.lost()
		return 0, &Error{Op: "read", Name: p.name, Kind: ErrDisconnected, Err: err}
	}
	// Zero bytes: a timeout, or a hung-up tty (which answers at once).
	if p.timeout > 0 && time.Since(start) >= p.timeout/2 {
		return 0, &Error{Op: "read", Name: p.name, Kind: ErrTimeout}
	}
	if p.state() == ErrClosed {
		return 0, &Error{Op: "read", Name: p.name, Kind: ErrClosed}
	}
	p.lost()
	return 0, &Error{Op: "read", Name: p.name, Kind: ErrDisconnected, Err: errors.New("hang-up")}
}

func (p *port) Write(b []byte) (int, error) {
	if err := p.state(); err != nil {
		return 0, &Error{Op: "write", Name: p.name, Kind: err}
	}
	n, err := p.sp.Write(b)
	if err != nil {
		if p.state() == ErrClosed {
			return n, &Error{Op: "write", Name: p.name, Kind: ErrClosed, Err: err}
		}
		p.lost()
		return n, &Error{Op: "write", Name: p.name, Kind: ErrDisconnected, Err: err}
	}
	return n, nil
}

func (p *port) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return &Error{Op: "close", Name: p.name, Kind: ErrClosed}
	}
	p.closed = true
	p.mu.Unlock()
	if p.ex != nil {
		p.ex.Close()
	}
	err := p.sp.Close()
	release(p.name)
	if err != nil {
		return &Error{Op: "close", Name: p.name, Kind: ErrDisconnected, Err: err}
	}
	return nil
}

// Advice says what a technician should do about an error from this
// package, in Vietnamese and English ("" when err is none of ours).
func Advice(err error) (vi, en string) {
	switch {
	case errors.Is(err, ErrNotFound):
		return "Không tìm thấy cổng: kiểm tra cáp USB/RS-232 và tên cổng.", "Port not found: check the USB/RS-232 cable and the port name."
	case errors.Is(err, ErrPermission):
		return "Không có quyền mở cổng: thêm tài khoản máy kiosk vào nhóm dialout.", "Permission denied: add the kiosk user to the dialout group."
	case errors.Is(err, ErrBusy):
		return "Cổng đang bị chương trình khác dùng: đóng chương trình đó rồi thử lại.", "Port busy: close the other program using it and retry."
	case errors.Is(err, ErrDisconnected):
		return "Thiết bị bị ngắt: cắm lại cáp, kiosk sẽ tự kết nối lại.", "Device disconnected: plug the cable back in; the kiosk reconnects by itself."
	case errors.Is(err, ErrBadBaud):
		return "Tốc độ baud không hỗ trợ: chọn 9600 hoặc 115200.", "Unsupported baud rate: pick 9600 or 115200."
	case errors.Is(err, ErrClosed):
		return "Cổng đã đóng.", "Port closed."
	}
	return "", ""
}
