package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/escpos"
	"github.com/motcua/kiosk/drivers/serialport"
)

// Port is the serial port as the printer needs it (serialport.Open gives
// one). A read timeout may read (0, serialport.ErrTimeout), (0, nil) or
// (0, io.EOF) (a raw port); any other read or write error means the
// printer is gone.
type Port = serialport.Port

// Opener opens the port; the printer calls it again after the port is lost,
// which is how an unplugged USB-serial adapter is picked up again.
// serialport.OpenerFor(name, baud, serialport.ReadTimeout) is the usual one.
type Opener = serialport.Opener

// Options configure a Printer.
type Options struct {
	Profile       config.PrinterProfile
	Baud          int
	StatusTimeout time.Duration // per status byte; default 500 ms
	// JobMargin is how long a printer may still be busy with a job (working
	// through its buffer, printing, cutting) after the job's last byte
	// reached it, before it answers the status request queued behind the
	// job; default 2 s. See AfterJobTimeout.
	JobMargin time.Duration
	Sleep     func(time.Duration) // pacing waits (tests: a fake clock)
	Now       func() time.Time
}

// Printer implements doc.Printer.
type Printer struct {
	open Opener
	o    Options

	mu     sync.Mutex
	port   Port
	shared bool // NewPort: a port that reconnects itself; never closed on a failure
	stale  bool // the shared port failed: resync before the next job

	wmu       sync.Mutex // the watch loop (watch.go)
	stopWatch context.CancelFunc
	watchDone chan struct{}
	closed    bool
}

// New makes a printer that opens its port on first use.
func New(open Opener, o Options) *Printer {
	if o.StatusTimeout <= 0 {
		o.StatusTimeout = 500 * time.Millisecond
	}
	if o.JobMargin <= 0 {
		o.JobMargin = 2 * time.Second
	}
	if o.Sleep == nil {
		o.Sleep = time.Sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Printer{open: open, o: o}
}

// NewPort makes a printer on an open port it then owns (closed by Close).
// Give it a port that reconnects itself (serialport.Reconnecting): after a
// failure the printer keeps the port, asks it to Drop() its device if it
// can, and resyncs before the next job.
func NewPort(port Port, o Options) *Printer {
	p := New(func() (Port, error) { return nil, serialport.ErrClosed }, o)
	p.port, p.shared = port, true
	return p
}

// Close stops the watch loop (waiting for it) and releases the port.
func (p *Printer) Close() error {
	p.stopWatching()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.port == nil {
		return nil
	}
	err := p.port.Close()
	p.port = nil
	return err
}

// drop forgets a port that failed: closed for reopening, or for a shared
// port, marked for a resync.
func (p *Printer) drop() {
	if p.port == nil {
		return
	}
	if p.shared {
		if d, ok := p.port.(interface{ Drop() }); ok {
			d.Drop()
		}
		p.stale = true
		return
	}
	p.port.Close()
	p.port = nil
}

func (p *Printer) ensure(ctx context.Context) error {
	if p.shared {
		if p.port == nil {
			return fmt.Errorf("%w: printer closed", doc.ErrUnplugged)
		}
		if !p.stale {
			return nil
		}
		p.stale = false
		return p.resync(ctx)
	}
	if p.port != nil {
		return nil
	}
	port, err := p.open()
	if err != nil {
		return fmt.Errorf("%w: %w", doc.ErrUnplugged, err)
	}
	p.port = port
	return p.resync(ctx)
}

// resync brings a printer that lost part of a job back to command mode: if
// it does not answer DLE EOT it may be waiting for the rest of a raster
// strip, so send one strip's worth of NUL bytes (a no-op in command mode)
// and ask again.
func (p *Printer) resync(ctx context.Context) error {
	if _, err := p.ask(ctx, 1); err == nil || !errors.Is(err, doc.ErrNoResponse) {
		return nil
	}
	pad := make([]byte, (p.o.Profile.Dots+7)/8*Strip+8)
	if err := p.write(ctx, pad); err != nil {
		p.drop()
		return err
	}
	// The pad completes a strip the printer then prints: wait as after a job.
	if _, err := p.askWithin(ctx, 1, AfterJobTimeout(len(pad), p.lineBaud(), p.o.StatusTimeout, p.o.JobMargin)); err != nil {
		p.drop()
		return err
	}
	return nil
}

// Status asks DLE EOT 1, 2 and 4.
func (p *Printer) Status(ctx context.Context) (doc.Status, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, err := p.status(ctx, p.o.StatusTimeout)
	return s, err
}

// status asks DLE EOT 1, 2 and 4; first bounds the wait for the first
// answer (after a job: AfterJobTimeout), the others wait StatusTimeout.
func (p *Printer) status(ctx context.Context, first time.Duration) (doc.Status, error) {
	if err := p.ensure(ctx); err != nil {
		return doc.Status{}, err
	}
	var st escpos.Status
	for i, n := range []byte{1, 2, 4} {
		timeout := p.o.StatusTimeout
		if i == 0 {
			timeout = max(first, timeout)
		}
		b, err := p.askWithin(ctx, n, timeout)
		if err != nil {
			// Whatever went wrong, reopen next time: a replugged USB adapter
			// is a new device behind the same name.
			p.drop()
			return doc.Status{}, err
		}
		escpos.ApplyStatus(&st, n, b)
	}
	return doc.Status{Connected: true, Online: !st.Offline, CoverOpen: st.CoverOpen, PaperEnd: st.PaperEnd, PaperNearEnd: st.PaperNearEnd}, nil
}

// ask sends DLE EOT n and reads the reply within StatusTimeout.
func (p *Printer) ask(ctx context.Context, n byte) (byte, error) {
	return p.askWithin(ctx, n, p.o.StatusTimeout)
}

// askWithin sends DLE EOT n and reads the reply, skipping stray bytes,
// for at most timeout.
func (p *Printer) askWithin(ctx context.Context, n byte, timeout time.Duration) (byte, error) {
	if _, err := p.port.Write(escpos.StatusRequest(n)); err != nil {
		return 0, fmt.Errorf("%w: status request: %w", doc.ErrUnplugged, err)
	}
	deadline := time.Now().Add(timeout)
	buf := make([]byte, 1)
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		k, err := p.port.Read(buf)
		if k == 1 && escpos.ValidStatus(buf[0]) {
			return buf[0], nil
		}
		if err != nil && err != io.EOF && !errors.Is(err, serialport.ErrTimeout) {
			return 0, fmt.Errorf("%w: status read: %w", doc.ErrUnplugged, err)
		}
	}
	return 0, fmt.Errorf("%w (DLE EOT %d, %v)", doc.ErrNoResponse, n, timeout)
}

func statusErr(s doc.Status) error {
	switch {
	case s.PaperEnd:
		return doc.ErrPaperEnd
	case s.CoverOpen:
		return doc.ErrCoverOpen
	case !s.Online:
		return doc.ErrOffline
	}
	return nil
}

// Print checks the printer, sends the job paced to the line speed, and
// checks again: a job that may not have come out returns an error.
func (p *Printer) Print(ctx context.Context, d doc.Doc) error {
	data, err := Encode(d, p.o.Profile)
	if err != nil {
		return fmt.Errorf("printer: encode %s: %w", d.Title, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	before, err := p.status(ctx, p.o.StatusTimeout)
	if err != nil {
		return fmt.Errorf("printer: before %s: %w", d.Title, err)
	}
	if err := statusErr(before); err != nil {
		return fmt.Errorf("printer: before %s: %w", d.Title, err)
	}
	if err := p.write(ctx, data); err != nil {
		p.drop()
		return fmt.Errorf("printer: sending %s: %w", d.Title, err)
	}
	// The status request queues behind the job: the printer reads it once
	// the job's bytes are in and answers once it gets to it, so the wait
	// comes from the work, not a fixed figure.
	after, err := p.status(ctx, AfterJobTimeout(len(data), p.lineBaud(), p.o.StatusTimeout, p.o.JobMargin))
	if err != nil {
		return fmt.Errorf("printer: after %s: %w", d.Title, err)
	}
	// Paper end now means the roll ran out during the job: the end of the
	// ticket may be missing, so the caller flags it for reprint.
	if err := statusErr(after); err != nil {
		return fmt.Errorf("printer: after %s: %w", d.Title, err)
	}
	return nil
}

// BytesPerSecond is the pacing rate: the profile's, else 90% of the line
// speed at 8N1 (10 bits a byte).
func (p *Printer) BytesPerSecond() int {
	if p.o.Profile.BytesPerSecond > 0 {
		return p.o.Profile.BytesPerSecond
	}
	return max(p.o.Baud/10*9/10, 1)
}

// Chunk is the pacing unit: about 50 ms of line time, at least 16 bytes.
func Chunk(bps int) int { return max(bps/20, 16) }

// write sends data in chunks no faster than BytesPerSecond: after each
// chunk it waits until the bytes sent so far are due at that rate, so the
// printer's buffer never holds more than one chunk beyond what the line
// itself could have delivered.
func (p *Printer) write(ctx context.Context, data []byte) error {
	bps := p.BytesPerSecond()
	chunk := Chunk(bps)
	start := p.o.Now()
	sent := 0
	for sent < len(data) {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(chunk, len(data)-sent)
		if _, err := p.port.Write(data[sent : sent+n]); err != nil {
			return fmt.Errorf("%w: write after %d of %d bytes: %w", doc.ErrUnplugged, sent, len(data), err)
		}
		sent += n
		due := time.Duration(float64(sent) / float64(bps) * float64(time.Second))
		if wait := due - p.o.Now().Sub(start); wait > 0 {
			p.o.Sleep(wait)
		}
	}
	return nil
}

// lineBaud is the line speed for wire-time sums: the configured baud, else
// the one the pacing rate implies.
func (p *Printer) lineBaud() int {
	if p.o.Baud > 0 {
		return p.o.Baud
	}
	return p.BytesPerSecond() * 10
}

// AfterJobTimeout bounds the wait for the first status answer after a job
// of n bytes at baud: the job's wire time (the request is read only after
// the job's bytes, 10 bits each at 8N1) plus margin (the printer finishing
// what it received), and never less than floor (the per-status timeout).
func AfterJobTimeout(n, baud int, floor, margin time.Duration) time.Duration {
	d := margin
	if n > 0 && baud > 0 {
		d += WireTime(n, baud)
	}
	return max(d, floor)
}

// WireTime is how long data takes on the wire at baud (8N1).
func WireTime(n, baud int) time.Duration {
	return time.Duration(float64(n*10) / float64(baud) * float64(time.Second))
}
