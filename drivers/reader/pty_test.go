//go:build linux

package reader_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/drivers/idcard/synth"
	"github.com/motcua/kiosk/drivers/reader"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/drivers/sim/readersim"
)

// frameTimeout is the fallback gap timeout the driver runs with.
const frameTimeout = 150 * time.Millisecond

// guard bounds every wait so a broken driver fails instead of hanging; it is
// not a speed assertion.
const guard = 10 * time.Second

type harness struct {
	t      *testing.T
	link   string
	cards  chan reader.Event
	status chan reader.Status
	logs   *syncWriter
}

func startDriver(t *testing.T, link string, opt reader.Options) *harness {
	t.Helper()
	h := &harness{t: t, link: link, cards: make(chan reader.Event, 16), status: make(chan reader.Status, 64), logs: &syncWriter{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- reader.Run(ctx, reader.Config{
			Options:  opt,
			Open:     reader.FromSerial(serialport.OpenerFor(link, 9600, serialport.ReadTimeout)),
			OnCard:   func(e reader.Event) { h.cards <- e },
			OnStatus: func(s reader.Status) { h.status <- s },
			Retry:    20 * time.Millisecond, MaxRetry: 100 * time.Millisecond,
			Log: slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v", err)
			}
		case <-time.After(guard):
			t.Error("Run did not stop")
		}
	})
	return h
}

// syncWriter is a log buffer the driver's goroutine writes while the test reads.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func (h *harness) waitStatus(connected bool) {
	h.t.Helper()
	deadline := time.After(guard)
	for {
		select {
		case s := <-h.status:
			if s.Connected == connected {
				return
			}
		case <-deadline:
			h.t.Fatalf("no status connected=%v", connected)
		}
	}
}

func (h *harness) next() reader.Event {
	h.t.Helper()
	select {
	case e := <-h.cards:
		return e
	case <-time.After(guard):
		h.t.Fatal("no card event")
	}
	return reader.Event{}
}

func TestReaderOverPty(t *testing.T) {
	link := filepath.Join(t.TempDir(), "ttyREADER")
	sim, err := readersim.Start(link)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { sim.Close() }()
	h := startDriver(t, link, reader.Options{Mode: reader.ModeAuto, FrameTimeout: frameTimeout})
	h.waitStatus(true)

	g := synth.New(99)
	wantQR, qr := g.QR()
	wantMRZ, mrz := g.MRZ()
	var personal []string

	send := func(b []byte) {
		t.Helper()
		if err := sim.Send(b); err != nil {
			t.Fatal(err)
		}
	}
	expectCard := func(want idcard.Identity) {
		t.Helper()
		e := h.next()
		if e.Err != nil {
			t.Fatalf("card error: %v", e.Err)
		}
		if *e.Identity != want {
			t.Fatalf("card %s differs from what was sent", e.Format)
		}
		personal = append(personal, want.IDNumber, want.FullName)
		e.Identity.Wipe()
	}
	expectErr := func(kind error) reader.Event {
		t.Helper()
		e := h.next()
		if e.Identity != nil || !errors.Is(e.Err, kind) {
			t.Fatalf("got identity=%v err=%v, want error %v", e.Identity != nil, e.Err, kind)
		}
		return e
	}

	t.Run("qr line", func(t *testing.T) {
		send(readersim.Wire([]byte(qr), "\r\n"))
		expectCard(wantQR)
	})
	t.Run("mrz burst as three writes", func(t *testing.T) {
		// The frame ends on the third line's terminator, however long a
		// busy machine takes between the writes (up to the shape timeout).
		for _, l := range mrz {
			send([]byte(l + "\r"))
		}
		expectCard(wantMRZ)
	})
	t.Run("mrz lines slower than the frame timeout", func(t *testing.T) {
		for _, l := range mrz {
			send([]byte(l + "\r"))
			time.Sleep(2 * frameTimeout) // a slow reader: gaps past the frame timeout
		}
		expectCard(wantMRZ)
	})
	t.Run("garbled line between cards", func(t *testing.T) {
		send([]byte("~~##@@!!\r\n"))
		expectErr(idcard.ErrUnrecognised)
		send(readersim.Wire([]byte(qr), "\n"))
		expectCard(wantQR)
	})
	t.Run("partial line then timeout", func(t *testing.T) {
		send([]byte(qr[:20])) // the scanner stops mid-line
		e := expectErr(idcard.ErrFormat)
		if !e.TimedOut {
			t.Error("partial line not marked timed out")
		}
		if m := e.Citizen(); m != idcard.MsgReadAgain {
			t.Errorf("citizen message %+v", m)
		}
	})
	t.Run("unplug and replug", func(t *testing.T) {
		sim.Close()
		h.waitStatus(false)
		sim, err = readersim.Start(link)
		if err != nil {
			t.Fatal(err)
		}
		h.waitStatus(true)
		send(readersim.Wire([]byte(qr), "\r\n"))
		expectCard(wantQR)
	})
	logs := h.logs.String()
	if !strings.Contains(logs, "card read") || !strings.Contains(logs, "port lost") {
		t.Errorf("expected log lines missing")
	}
	for i, p := range personal {
		if strings.Contains(logs, p) {
			t.Errorf("log holds personal item %d", i)
		}
	}
}

// hungUp is a port whose reads return nothing at once, like a tty whose
// USB device was pulled.
type hungUp struct{ closed chan struct{} }

func (h hungUp) Read([]byte) (int, error) { return 0, io.EOF }
func (h hungUp) Close() error             { close(h.closed); return nil }

func TestHangupIsDetected(t *testing.T) {
	// Detection takes a few empty reads, microseconds each: the deadline is
	// the generous guard, so a broken driver fails here instead of hanging.
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	closed := make(chan struct{})
	status := make(chan reader.Status, 4)
	opens := 0
	go reader.Run(ctx, reader.Config{
		Open: func() (reader.Port, error) {
			opens++
			if opens > 1 {
				return nil, errors.New("gone")
			}
			return hungUp{closed}, nil
		},
		OnCard:   func(reader.Event) {},
		OnStatus: func(s reader.Status) { status <- s },
		Retry:    time.Hour,
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	select {
	case s := <-status:
		if !s.Connected {
			t.Fatalf("first status %+v", s)
		}
	case <-ctx.Done():
		t.Fatalf("port not reported open within %v", guard)
	}
	select {
	case s := <-status:
		if s.Connected || !errors.Is(s.Err, reader.ErrHangup) {
			t.Fatalf("status %+v, want hang-up", s)
		}
	case <-ctx.Done():
		t.Fatalf("hang-up not detected within %v", guard)
	}
	select {
	case <-closed:
	case <-ctx.Done():
		t.Fatalf("hung-up port not closed within %v", guard)
	}
}
