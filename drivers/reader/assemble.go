// Package reader turns the byte stream of a serial ID card reader (a 2D
// scanner reading the CCCD QR, or an OCR reader sending the three MRZ lines)
// into one event per card. Assembler is the pure part: bytes and clock
// readings in, frames out. Reader is the I/O loop around it, with
// reconnection when the device is unplugged.
package reader

import (
	"bytes"
	"fmt"
	"time"

	"github.com/motcua/kiosk/drivers/idcard"
)

// Mode says what the reader sends.
type Mode string

// Modes.
const (
	ModeQR   Mode = "qr"   // one line per card
	ModeMRZ  Mode = "mrz"  // three lines per card
	ModeAuto Mode = "auto" // either, told apart per line
)

// Terminator is what ends a line.
type Terminator string

// Terminators.
const (
	TermCR   Terminator = "cr"
	TermLF   Terminator = "lf"
	TermCRLF Terminator = "crlf"
	TermAny  Terminator = "any" // CR, LF or CRLF
)

// Defaults.
const (
	DefaultFrameTimeout = 150 * time.Millisecond
	DefaultMaxLine      = 1024
	// DefaultShapeTimeout bounds the wait for the rest of a frame whose
	// shape is incomplete; it is at least ShapeTimeoutFactor frame timeouts.
	DefaultShapeTimeout = 2 * time.Second
	ShapeTimeoutFactor  = 10
)

// Options configure frame assembly.
type Options struct {
	Mode       Mode
	Terminator Terminator
	// Frames end on the terminator and the card's shape: a QR line ends at
	// its terminator; an MRZ burst when its third line ends.
	//
	// FrameTimeout is only the fallback for a reader that sends no
	// terminator: a line that already has a whole card's shape (a QR with
	// all its '|' fields, a full MRZ) ends after this much silence.
	FrameTimeout time.Duration
	// ShapeTimeout ends a frame whose shape is still incomplete (an MRZ
	// burst with fewer than three lines, part of a line) after this much
	// silence: a slow reader or a busy machine does not split a card, and a
	// reader that stops mid-card still gets a clear error. Default
	// DefaultShapeTimeout, and never less than ShapeTimeoutFactor frame
	// timeouts.
	ShapeTimeout time.Duration
	// MaxLine bounds a line; longer is an overflow frame (noise, a stuck scanner).
	MaxLine int
}

func (o Options) withDefaults() Options {
	if o.Mode == "" {
		o.Mode = ModeAuto
	}
	if o.Terminator == "" {
		o.Terminator = TermAny
	}
	if o.FrameTimeout <= 0 {
		o.FrameTimeout = DefaultFrameTimeout
	}
	if o.MaxLine <= 0 {
		o.MaxLine = DefaultMaxLine
	}
	if o.ShapeTimeout <= 0 {
		o.ShapeTimeout = max(DefaultShapeTimeout, ShapeTimeoutFactor*o.FrameTimeout)
	}
	o.ShapeTimeout = max(o.ShapeTimeout, o.FrameTimeout)
	return o
}

// Validate reports an unknown mode or terminator.
func (o Options) Validate() error {
	o = o.withDefaults()
	switch o.Mode {
	case ModeQR, ModeMRZ, ModeAuto:
	default:
		return fmt.Errorf("reader: mode %q: want qr, mrz or auto", o.Mode)
	}
	switch o.Terminator {
	case TermCR, TermLF, TermCRLF, TermAny:
	default:
		return fmt.Errorf("reader: terminator %q: want cr, lf, crlf or any", o.Terminator)
	}
	return nil
}

// Frame is the raw bytes of one card (or one piece of junk) from the reader.
// Data holds personal data: call Wipe when done with it.
type Frame struct {
	Data     []byte // lines joined by '\n', no terminator
	Lines    int
	TimedOut bool // ended by a timeout (frame or shape), not by a terminator or a third MRZ line
	Overflow bool // a line passed MaxLine; Data holds only its first MaxLine bytes
}

// Wipe zeroes the frame's bytes.
func (f *Frame) Wipe() { clear(f.Data) }

// Assembler cuts a byte stream into frames. It is not safe for concurrent use.
type Assembler struct {
	opt      Options
	line     []byte
	overflow bool
	pendCR   bool // crlf: a CR waiting to see whether an LF follows
	group    [][]byte
	last     time.Time // when the last byte came
	noise    int
}

// NewAssembler returns an assembler; zero fields of opt take the defaults.
func NewAssembler(opt Options) *Assembler {
	return &Assembler{opt: opt.withDefaults()}
}

// Options returns the options in force (defaults filled in).
func (a *Assembler) Options() Options { return a.opt }

// Noise counts lines dropped because they held nothing printable.
func (a *Assembler) Noise() int { return a.noise }

// pending reports whether bytes are held waiting for more.
func (a *Assembler) pending() bool {
	return len(a.line) > 0 || a.pendCR || len(a.group) > 0 || a.overflow
}

// Deadline is when Expire should next be called, if anything is pending.
func (a *Assembler) Deadline() (time.Time, bool) {
	if !a.pending() {
		return time.Time{}, false
	}
	return a.last.Add(a.timeout()), true
}

// timeout is the silence that ends what is pending: the frame timeout when
// it already has a whole card's shape (or is an overflow, bad anyway), the
// much longer shape timeout while the card is still incomplete.
func (a *Assembler) timeout() time.Duration {
	if a.overflow || a.shapeComplete() {
		return a.opt.FrameTimeout
	}
	return a.opt.ShapeTimeout
}

// shapeComplete reports whether what is pending would be a whole card if
// the line in progress ended now.
func (a *Assembler) shapeComplete() bool {
	line := a.line
	if len(line) == 0 && !a.pendCR {
		// Only an MRZ group, waiting for its next line.
		return len(a.group) >= idcard.MRZLines
	}
	if a.opt.Mode != ModeQR && looksMRZLine(line) {
		if !a.pendCR && len(line) < idcard.MRZLineLen {
			return false // an MRZ line still coming in
		}
		return len(a.group)+1 >= idcard.MRZLines
	}
	if len(a.group) > 0 {
		return false // an MRZ group then something that is not an MRZ line yet
	}
	if a.opt.Mode != ModeMRZ && qrComplete(line) {
		return true
	}
	// A reader sending the three MRZ lines with no breaks at all.
	return a.opt.Mode != ModeQR && len(line) >= idcard.MRZLines*idcard.MRZLineLen && mrzChars(line)
}

// Feed adds bytes read at now and returns the frames they complete. Bytes
// pending from before a gap longer than the frame timeout are flushed first,
// so a late caller still separates cards.
func (a *Assembler) Feed(p []byte, now time.Time) []Frame {
	out := a.Expire(now)
	if len(p) == 0 {
		return out
	}
	a.last = now
	for _, c := range p {
		if a.pendCR {
			a.pendCR = false
			if c == '\n' {
				out = a.endLine(out, false)
				continue
			}
			a.add('\r')
		}
		switch {
		case c == '\r' && (a.opt.Terminator == TermCR || a.opt.Terminator == TermAny):
			out = a.endLine(out, false)
		case c == '\n' && (a.opt.Terminator == TermLF || a.opt.Terminator == TermAny):
			out = a.endLine(out, false)
		case c == '\r' && a.opt.Terminator == TermCRLF:
			a.pendCR = true
		case (c == '\r' || c == '\n') && a.opt.Terminator != TermCRLF:
			// the other line-end byte of a cr- or lf-configured reader: drop it
		default:
			a.add(c)
		}
	}
	return out
}

func (a *Assembler) add(c byte) {
	if len(a.line) >= a.opt.MaxLine {
		a.overflow = true
		return
	}
	a.line = append(a.line, c)
}

// Expire flushes what is pending if its timeout (frame or shape, see
// Options) has passed since the last byte.
func (a *Assembler) Expire(now time.Time) []Frame {
	if !a.pending() || now.Sub(a.last) < a.timeout() {
		return nil
	}
	return a.Flush()
}

// Flush ends whatever is pending now, as a timed-out frame.
func (a *Assembler) Flush() []Frame {
	var out []Frame
	if a.pendCR {
		a.pendCR = false
		a.add('\r')
	}
	if len(a.line) > 0 || a.overflow {
		out = a.endLine(out, true)
	}
	if len(a.group) > 0 {
		out = append(out, a.takeGroup(true))
	}
	return out
}

// Reset drops (and zeroes) everything pending, e.g. when the port is lost.
func (a *Assembler) Reset() {
	clear(a.line)
	a.line = a.line[:0]
	for _, l := range a.group {
		clear(l)
	}
	a.group = nil
	a.overflow, a.pendCR = false, false
}

func (a *Assembler) endLine(out []Frame, timedOut bool) []Frame {
	line := append([]byte(nil), a.line...)
	clear(a.line)
	a.line = a.line[:0]
	if a.overflow {
		a.overflow = false
		out = a.flushGroup(out)
		return append(out, Frame{Data: line, Lines: 1, Overflow: true, TimedOut: timedOut})
	}
	if !printable(line) {
		a.noise++
		return out
	}
	mrzLine := a.opt.Mode != ModeQR && looksMRZLine(line)
	if !mrzLine {
		out = a.flushGroup(out)
		return append(out, Frame{Data: line, Lines: 1, TimedOut: timedOut})
	}
	a.group = append(a.group, line)
	if len(a.group) == idcard.MRZLines {
		out = append(out, a.takeGroup(timedOut)) // timed out: a third line without terminator
	}
	return out
}

// flushGroup emits an MRZ group cut short by a line that is not MRZ.
func (a *Assembler) flushGroup(out []Frame) []Frame {
	if len(a.group) == 0 {
		return out
	}
	return append(out, a.takeGroup(false))
}

func (a *Assembler) takeGroup(timedOut bool) Frame {
	n := 0
	for _, l := range a.group {
		n += len(l) + 1
	}
	data := make([]byte, 0, n)
	for i, l := range a.group {
		if i > 0 {
			data = append(data, '\n')
		}
		data = append(data, l...)
		clear(l)
	}
	f := Frame{Data: data, Lines: len(a.group), TimedOut: timedOut}
	a.group = nil
	return f
}

// qrComplete: a CCCD QR's fields are all there: a further field has
// begun, or the last one (the issue date, DDMMYYYY) has its 8 characters.
func qrComplete(line []byte) bool {
	f := bytes.Split(line, []byte{'|'})
	switch {
	case len(f) > idcard.QRMinFields:
		return true
	case len(f) == idcard.QRMinFields:
		return len(bytes.TrimSpace(f[idcard.QRMinFields-1])) >= len("DDMMYYYY")
	}
	return false
}

// printable: at least one byte that is not a control byte, space or NUL.
func printable(b []byte) bool {
	for _, c := range b {
		if c > ' ' && c != 0x7f {
			return true
		}
	}
	return false
}

// looksMRZLine: about 30 characters (a byte or two lost or doubled still
// counts, so the parser can say which line is wrong), mostly A-Z 0-9 '<',
// with a filler or only MRZ characters, and no QR separator.
func looksMRZLine(b []byte) bool {
	n := len(b)
	for n > 0 && (b[n-1] == ' ' || b[n-1] == '\r' || b[n-1] == '\n') {
		n--
	}
	if n < idcard.MRZLineLen-4 || n > idcard.MRZLineLen+4 {
		return false
	}
	return mrzChars(b[:n])
}

// mrzChars: mostly A-Z 0-9 '<' (nine in ten), and no QR separator.
func mrzChars(b []byte) bool {
	n := len(b)
	good := 0
	for _, c := range b {
		switch {
		case c == '|':
			return false
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '<':
			good++
		}
	}
	return good*10 >= n*9
}
