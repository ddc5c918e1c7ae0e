package reader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/drivers/serialport"
)

// Port is what the reader needs of a serial port. Read may return (0, nil),
// (0, io.EOF) or (0, serialport.ErrTimeout) when its read timeout passes
// without data; any other error means the port is gone.
type Port interface {
	io.Reader
	io.Closer
}

// Opener opens the port; it is called again after the port is lost.
type Opener func() (Port, error)

// FromSerial is an Opener for a serial port opened by the serialport
// package, e.g. FromSerial(serialport.OpenerFor(name, baud, serialport.ReadTimeout)).
func FromSerial(open serialport.Opener) Opener {
	return func() (Port, error) {
		p, err := open()
		if err != nil {
			return nil, err
		}
		return p, nil
	}
}

// Event is one card read, good or bad. It carries no raw bytes.
type Event struct {
	Identity *idcard.Identity // nil when Err is set; personal: Wipe it when done
	Err      error            // *idcard.Error for a misread card; its text is log-safe
	Format   string           // "qr", "mrz" or "unknown", as detected before parsing
	Bytes    int              // size of the frame
	Lines    int
	TimedOut bool // the frame ended by the frame timeout (no terminator / short burst)
	At       time.Time
}

// Citizen is the on-screen message for a failed read.
func (e Event) Citizen() idcard.Message { return idcard.CitizenMessage(e.Err) }

// Status reports the port coming and going.
type Status struct {
	Connected bool
	Err       error // why it is not connected (open or read error)
	At        time.Time
}

// Config is everything Run needs.
type Config struct {
	Options
	Open     Opener
	OnCard   func(Event)  // required; called from Run's goroutine
	OnStatus func(Status) // optional
	// Retry is the first delay before reopening a lost port; it doubles up
	// to MaxRetry. Defaults 200 ms and 3 s.
	Retry, MaxRetry time.Duration
	Now             func() time.Time // default time.Now
	Log             *slog.Logger     // default slog.Default(); never given personal data
}

// ErrHangup is reported when reads return nothing, immediately, again and
// again: the device behind the port is gone.
var ErrHangup = errors.New("reader: port hung up")

// hangupReads consecutive empty reads faster than fastRead mean a hang-up.
const (
	hangupReads = 3
	fastRead    = 5 * time.Millisecond
)

// ParseFrame parses a frame as the mode says: qr and mrz insist on their
// format, auto detects it.
func ParseFrame(mode Mode, data []byte) (*idcard.Identity, error) {
	switch mode {
	case ModeQR:
		return idcard.ParseQR(string(data))
	case ModeMRZ:
		return idcard.ParseMRZText(string(data))
	}
	return idcard.Parse(data)
}

// Decode turns a frame into an event and wipes the frame's bytes.
func Decode(mode Mode, f Frame, now time.Time) Event {
	ev := Event{Format: idcard.Detect(f.Data).String(), Bytes: len(f.Data), Lines: f.Lines, TimedOut: f.TimedOut, At: now}
	if f.Overflow {
		ev.Err = &idcard.Error{Kind: idcard.ErrFormat, Detail: fmt.Sprintf("line longer than the reader limit, kept %d bytes", len(f.Data))}
	} else if id, err := ParseFrame(mode, f.Data); err != nil {
		ev.Err = err
	} else if err := id.CheckDates(now); err != nil {
		id.Wipe()
		ev.Err = err
	} else {
		ev.Identity = id
	}
	f.Wipe()
	return ev
}

// Run reads cards until ctx ends, reopening the port whenever it is lost.
// It returns ctx's error, or a config error at once.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Open == nil || cfg.OnCard == nil {
		return errors.New("reader: Open and OnCard are required")
	}
	if err := cfg.Options.Validate(); err != nil {
		return err
	}
	if cfg.Retry <= 0 {
		cfg.Retry = 200 * time.Millisecond
	}
	if cfg.MaxRetry < cfg.Retry {
		cfg.MaxRetry = max(3*time.Second, cfg.Retry)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	status := func(s Status) {
		if cfg.OnStatus != nil {
			cfg.OnStatus(s)
		}
	}
	asm := NewAssembler(cfg.Options)
	delay := cfg.Retry
	for {
		port, err := cfg.Open()
		if err == nil {
			delay = cfg.Retry
			cfg.Log.Info("reader: port open", "mode", string(asm.opt.Mode))
			status(Status{Connected: true, At: cfg.Now()})
			err = serve(ctx, port, asm, cfg)
			asm.Reset()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			cfg.Log.Warn("reader: port lost", "err", err)
		} else {
			cfg.Log.Debug("reader: open failed", "err", err, "retry", delay)
		}
		status(Status{Connected: false, Err: err, At: cfg.Now()})
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		delay = min(2*delay, cfg.MaxRetry)
	}
}

// serve reads one open port until it fails or ctx ends; it always closes it.
func serve(ctx context.Context, port Port, asm *Assembler, cfg Config) error {
	chunks := make(chan []byte)
	errc := make(chan error, 1)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 512)
		fast := 0
		for {
			start := time.Now()
			n, err := port.Read(buf)
			if n > 0 {
				fast = 0
				c := append([]byte(nil), buf[:n]...)
				clear(buf[:n])
				select {
				case chunks <- c:
				case <-done:
					clear(c)
					return
				}
			}
			if n == 0 && errors.Is(err, serialport.ErrTimeout) {
				fast = 0 // the read timeout passed: an idle reader, not a hang-up
				continue
			}
			if n == 0 && (err == nil || err == io.EOF) {
				if time.Since(start) < fastRead {
					if fast++; fast >= hangupReads {
						errc <- ErrHangup
						return
					}
				} else {
					fast = 0
				}
				continue
			}
			if err != nil && err != io.EOF {
				errc <- fmt.Errorf("reader: read: %w", err)
				return
			}
		}
	}()
	defer func() {
		close(done)
		port.Close() // unblocks the Read
		wg.Wait()
	}()

	emit := func(frames []Frame) {
		for _, f := range frames {
			if ctx.Err() != nil { // stopped (e.g. by an OnCard): no more events
				f.Wipe()
				continue
			}
			ev := Decode(asm.opt.Mode, f, cfg.Now())
			if ev.Err != nil {
				cfg.Log.Info("reader: card not read", "format", ev.Format, "bytes", ev.Bytes, "lines", ev.Lines, "timed_out", ev.TimedOut, "err", ev.Err)
			} else {
				cfg.Log.Info("reader: card read", "format", ev.Format, "bytes", ev.Bytes, "lines", ev.Lines)
			}
			cfg.OnCard(ev)
		}
	}
	var timer *time.Timer
	var timerC <-chan time.Time
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		if dl, ok := asm.Deadline(); ok {
			d := dl.Sub(cfg.Now())
			if timer == nil {
				timer = time.NewTimer(d)
			} else {
				timer.Reset(d)
			}
			timerC = timer.C
		} else {
			timerC = nil
		}
		select {
		case <-ctx.Done():
			asm.Reset() // the kiosk is stopping: no card events after that
			return ctx.Err()
		case err := <-errc:
			emit(asm.Flush())
			return err
		case c := <-chunks:
			emit(asm.Feed(c, cfg.Now()))
			clear(c)
		case <-timerC:
			emit(asm.Expire(cfg.Now()))
		}
	}
}
