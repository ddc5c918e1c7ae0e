package serialport

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/serialport/ptytest"
)

func readN(t *testing.T, r io.Reader, n int) []byte {
	t.Helper()
	buf := make([]byte, n)
	got := 0
	for tries := 0; got < n && tries < 100; tries++ {
		k, err := r.Read(buf[got:])
		got += k
		if err != nil && !errors.Is(err, ErrTimeout) {
			t.Fatalf("read: %v", err)
		}
	}
	return buf[:got]
}

func TestOpenReadWriteOverPty(t *testing.T) {
	pt := ptytest.Open(t, filepath.Join(t.TempDir(), "dev"))
	p, err := Open(pt.Path, 115200, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Write([]byte("ping\x10\x04\x01")); err != nil {
		t.Fatal(err)
	}
	if got := string(readN(t, pt.Master, 7)); got != "ping\x10\x04\x01" {
		t.Fatalf("device got %q", got)
	}
	pt.Master.Write([]byte{0x12, 0x0a, 0xff})
	if got := readN(t, p, 3); string(got) != "\x12\x0a\xff" {
		t.Fatalf("port got % x (raw mode must not translate)", got)
	}
	// Nothing more to read: a timeout, typed, not io.EOF.
	if _, err := p.Read(make([]byte, 8)); !errors.Is(err, ErrTimeout) || errors.Is(err, io.EOF) {
		t.Fatalf("idle read: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	pt := ptytest.Open(t, filepath.Join(dir, "dev"))
	first, err := Open(pt.Path, 9600, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		baud int
		want error
	}{
		{filepath.Join(dir, "missing"), 9600, ErrNotFound},
		{pt.Path, 9600, ErrBusy},
		{pt.Path, 12345, ErrBadBaud},
	}
	for _, c := range cases {
		_, err := Open(c.name, c.baud, 0)
		var pe *Error
		if !errors.Is(err, c.want) || !errors.As(err, &pe) || pe.Op != "open" {
			t.Errorf("Open(%s, %d): %v, want %v", c.name, c.baud, err, c.want)
		}
	}
	first.Close()
	if _, err := first.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Fatalf("write after close: %v", err)
	}
	again, err := Open(pt.Path, 9600, 0) // no longer busy once closed
	if err != nil {
		t.Fatalf("reopen after close: %v", err)
	}
	again.Close()
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err  error
		want error
	}{
		{&os.PathError{Op: "open", Path: "/dev/ttyUSB9", Err: syscall.ENOENT}, ErrNotFound},
		{&os.PathError{Op: "open", Path: "/dev/ttyUSB0", Err: syscall.ENXIO}, ErrNotFound},
		{&os.PathError{Op: "open", Path: "/dev/ttyS0", Err: syscall.EACCES}, ErrPermission},
		{&os.PathError{Op: "open", Path: "/dev/ttyS0", Err: syscall.EBUSY}, ErrBusy},
		{errors.New("Unrecognized baud rate"), ErrBadBaud},
		{&os.PathError{Op: "read", Path: "/dev/ttyUSB0", Err: syscall.EIO}, ErrDisconnected},
	}
	for _, c := range cases {
		if got := classify(c.err); got != c.want {
			t.Errorf("classify(%v) = %v, want %v", c.err, got, c.want)
		}
		if vi, en := Advice(&Error{Op: "open", Name: "x", Kind: c.want, Err: c.err}); vi == "" || en == "" {
			t.Errorf("no advice for %v", c.want)
		}
	}
}

func TestUnplugIsDisconnected(t *testing.T) {
	pt := ptytest.Open(t, "")
	p, err := Open(pt.Path, 115200, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pt.Close()
	if _, err := p.Read(make([]byte, 1)); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("read after unplug: %v", err)
	}
	if _, err := p.Write([]byte("x")); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("write after unplug: %v", err)
	}
}

func TestReconnectingSurvivesReplug(t *testing.T) {
	link := filepath.Join(t.TempDir(), "adapter")
	pt := ptytest.Open(t, link)
	var events []bool
	r := NewReconnecting(OpenerFor(link, 9600, 100*time.Millisecond), ReconnectOptions{
		Backoff: Backoff{Min: 5 * time.Millisecond, Max: 20 * time.Millisecond},
		Notify:  func(up bool, _ error) { events = append(events, up) },
	})
	defer r.Close()
	if _, err := r.Write([]byte("a")); err != nil {
		t.Fatal(err)
	}
	if got := readN(t, pt.Master, 1); string(got) != "a" {
		t.Fatalf("device got %q", got)
	}
	pt.Close() // adapter pulled out
	if _, err := r.Write([]byte("b")); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("write while unplugged: %v", err)
	}
	if r.Connected() {
		t.Fatal("still connected after a failed write")
	}
	if _, err := r.Read(make([]byte, 1)); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("read while unplugged: %v", err)
	}
	pt2 := ptytest.Open(t, link) // adapter back, new pts behind the same name
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := r.Write([]byte("c"))
		if err == nil {
			break
		}
		if !errors.Is(err, ErrDisconnected) || time.Now().After(deadline) {
			t.Fatalf("write after replug: %v", err)
		}
		r.Read(make([]byte, 1)) // waits out the backoff
	}
	if got := readN(t, pt2.Master, 1); string(got) != "c" {
		t.Fatalf("replugged device got %q", got)
	}
	pt2.Master.Write([]byte("d"))
	if got := readN(t, r, 1); string(got) != "d" {
		t.Fatalf("read after replug %q", got)
	}
	if len(events) < 3 || !events[0] || events[1] || !events[len(events)-1] {
		t.Fatalf("notify sequence %v", events)
	}
	r.Close()
	if _, err := r.Write([]byte("e")); !errors.Is(err, ErrClosed) {
		t.Fatalf("write after close: %v", err)
	}
}

func TestBackoffDelay(t *testing.T) {
	b := Backoff{Min: 100 * time.Millisecond, Max: time.Second}
	for fails, want := range map[int]time.Duration{1: 100e6, 2: 200e6, 3: 400e6, 4: 800e6, 5: time.Second, 50: time.Second} {
		if got := b.Delay(fails); got != want {
			t.Errorf("Delay(%d) = %v, want %v", fails, got, want)
		}
	}
}
