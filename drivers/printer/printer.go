package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/escpos"
	"github.com/motcua/kiosk/kiosk/doc"
)

// Port is the serial port as the printer needs it. Read returns (0, nil) or
// (0, io.EOF) when its read timeout passes (tarm/serial does the latter).
type Port interface {
	io.ReadWriteCloser
}

// Opener opens the port; the printer calls it again after the port is lost,
// which is how an unplugged USB-serial adapter is picked up again.
type Opener func() (Port, error)

// Options configure a Printer.
type Options struct {
	Profile       config.PrinterProfile
	Baud          int
	StatusTimeout time.Duration // per status byte; default 500 ms
	Sleep         func(time.Duration)
}

// Printer implements doc.Printer.
type Printer struct {
	open Opener
	o    Options

	mu   sync.Mutex
	port Port
}

// New makes a printer that opens its port on first use.
func New(open Opener, o Options) *Printer {
	if o.StatusTimeout <= 0 {
		o.StatusTimeout = 500 * time.Millisecond
	}
	if o.Sleep == nil {
		o.Sleep = time.Sleep
	}
	return &Printer{open: open, o: o}
}

// Close releases the port.
func (p *Printer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.drop()
}

func (p *Printer) drop() error {
	if p.port == nil {
		return nil
	}
	err := p.port.Close()
	p.port = nil
	return err
}

func (p *Printer) ensure() error {
	if p.port != nil {
		return nil
	}
	port, err := p.open()
	if err != nil {
		return fmt.Errorf("%w: %v", doc.ErrUnplugged, err)
	}
	p.port = port
	return p.resync()
}

// resync brings a printer that lost part of a job back to command mode: if
// it does not answer DLE EOT it may be waiting for the rest of a raster
// strip, so send one strip's worth of NUL bytes (a no-op in command mode)
// and ask again.
func (p *Printer) resync() error {
	ctx := context.Background()
	if _, err := p.ask(ctx, 1); err == nil || !errors.Is(err, doc.ErrNoResponse) {
		return nil
	}
	pad := make([]byte, (p.o.Profile.Dots+7)/8*Strip+8)
	if err := p.write(ctx, pad); err != nil {
		p.drop()
		return err
	}
	if _, err := p.ask(ctx, 1); err != nil {
		p.drop()
		return err
	}
	return nil
}

// Status asks DLE EOT 1, 2 and 4.
func (p *Printer) Status(ctx context.Context) (doc.Status, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, err := p.status(ctx)
	return s, err
}

func (p *Printer) status(ctx context.Context) (doc.Status, error) {
	if err := p.ensure(); err != nil {
		return doc.Status{}, err
	}
	var st escpos.Status
	for _, n := range []byte{1, 2, 4} {
		b, err := p.ask(ctx, n)
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

// ask sends DLE EOT n and reads the reply, skipping stray bytes.
func (p *Printer) ask(ctx context.Context, n byte) (byte, error) {
	if _, err := p.port.Write(escpos.StatusRequest(n)); err != nil {
		return 0, fmt.Errorf("%w: status request: %v", doc.ErrUnplugged, err)
	}
	deadline := time.Now().Add(p.o.StatusTimeout)
	buf := make([]byte, 1)
	empty := 0
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		k, err := p.port.Read(buf)
		if k == 1 && escpos.ValidStatus(buf[0]) {
			return buf[0], nil
		}
		if err != nil && err != io.EOF {
			return 0, fmt.Errorf("%w: status read: %v", doc.ErrUnplugged, err)
		}
		if k == 0 {
			empty++
		}
	}
	return 0, fmt.Errorf("%w (DLE EOT %d, %v)", doc.ErrNoResponse, n, p.o.StatusTimeout)
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
	before, err := p.status(ctx)
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
	after, err := p.status(ctx)
	if err != nil {
		return fmt.Errorf("printer: after %s: %w", d.Title, err)
	}
	if err := statusErr(after); err != nil && !errors.Is(err, doc.ErrPaperEnd) {
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

// write sends data in chunks no faster than BytesPerSecond.
func (p *Printer) write(ctx context.Context, data []byte) error {
	bps := p.BytesPerSecond()
	chunk := max(bps/20, 16) // ~50 ms of line time
	start := time.Now()
	sent := 0
	for sent < len(data) {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(chunk, len(data)-sent)
		if _, err := p.port.Write(data[sent : sent+n]); err != nil {
			return fmt.Errorf("%w: write: %v", doc.ErrUnplugged, err)
		}
		sent += n
		due := time.Duration(float64(sent) / float64(bps) * float64(time.Second))
		if wait := due - time.Since(start); wait > 0 {
			p.o.Sleep(wait)
		}
	}
	return nil
}

// WireTime is how long data takes on the wire at baud (8N1).
func WireTime(n, baud int) time.Duration {
	return time.Duration(float64(n*10) / float64(baud) * float64(time.Second))
}
