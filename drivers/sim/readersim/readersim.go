// Package readersim stands in for a serial ID card reader: it serves a
// pseudo-terminal (a stable symlink points at it, like /dev/ttyUSB0) and
// writes card frames into it as a scanner would, from a file of raw frames or
// from synthetic identities. Closing the simulator is "unplugging" it: the
// port's reader sees a hang-up and the link disappears until the next Start.
package readersim

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/idcard/synth"
)

// Frame sources.
const (
	FormatQR    = "qr"
	FormatMRZ   = "mrz"
	FormatMixed = "mixed"
)

// ReadFrames reads a frames file: frames separated by blank lines, each
// frame one or more lines (a QR line, or the three MRZ lines); lines starting
// with '#' are comments. The returned frames have no terminators.
func ReadFrames(r io.Reader) ([][]byte, error) {
	var out [][]byte
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, []byte(strings.Join(cur, "\n")))
			cur = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			flush()
		default:
			cur = append(cur, line)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("readersim: frames file: %w", err)
	}
	return out, nil
}

// Wire turns a frame (lines joined by '\n') into what the reader sends:
// every line followed by term ("\r\n" if empty).
func Wire(frame []byte, term string) []byte {
	if term == "" {
		term = "\r\n"
	}
	var b bytes.Buffer
	for _, l := range bytes.Split(frame, []byte("\n")) {
		b.Write(bytes.TrimRight(l, "\r"))
		b.WriteString(term)
	}
	return b.Bytes()
}

// Source yields the next frame to send.
type Source func() []byte

// Cycle yields frames in order, round and round.
func Cycle(frames [][]byte) Source {
	i := 0
	return func() []byte {
		if len(frames) == 0 {
			return nil
		}
		f := frames[i%len(frames)]
		i++
		return f
	}
}

// Synthetic yields generated cards: format qr, mrz or mixed (alternating).
func Synthetic(seed uint64, format string) Source {
	g := synth.New(seed)
	n := 0
	return func() []byte {
		n++
		if format == FormatMRZ || (format == FormatMixed && n%2 == 0) {
			_, l := g.MRZ()
			return []byte(strings.Join(l[:], "\n"))
		}
		_, q := g.QR()
		return []byte(q)
	}
}

// Sender is where frames go: a *Sim, or anything that writes bytes.
type Sender interface{ Send(p []byte) error }

// EmulateOptions drive Emulate.
type EmulateOptions struct {
	Every      time.Duration // between cards; default 5 s
	Count      int           // cards to send; 0: until ctx ends
	Terminator string        // line end; default "\r\n"
	// Garble sends, deterministically, a noise line before every third card
	// and one corrupted character in every fourth card.
	Garble bool
	Seed   uint64
	// OnSend, if set, is told each frame's number and whether it was garbled.
	OnSend func(n int, garbled bool)
}

// Emulate sends cards from src to s until ctx ends or Count cards are sent.
func Emulate(ctx context.Context, s Sender, src Source, o EmulateOptions) error {
	if o.Every <= 0 {
		o.Every = 5 * time.Second
	}
	r := rand.New(rand.NewPCG(o.Seed, 1))
	t := time.NewTicker(o.Every)
	defer t.Stop()
	for n := 1; o.Count == 0 || n <= o.Count; n++ {
		frame := append([]byte(nil), src()...)
		if len(frame) == 0 {
			return fmt.Errorf("readersim: no frames to send")
		}
		garbled := false
		if o.Garble && n%3 == 0 {
			if err := s.Send(Wire(noise(r), o.Terminator)); err != nil {
				return err
			}
		}
		if o.Garble && n%4 == 0 {
			Corrupt(frame, r)
			garbled = true
		}
		if err := s.Send(Wire(frame, o.Terminator)); err != nil {
			return err
		}
		clear(frame)
		if o.OnSend != nil {
			o.OnSend(n, garbled)
		}
		if o.Count != 0 && n == o.Count {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

func noise(r *rand.Rand) []byte {
	b := make([]byte, 4+r.IntN(12))
	for i := range b {
		b[i] = byte(0x21 + r.IntN(0x5d)) // printable junk, no line ends
	}
	return b
}

// Corrupt changes one digit of the frame into its OCR look-alike letter
// (0→O, 1→I, 5→S …), the way a bad read does. In a QR frame only the ID
// field is touched, so the result is always an invalid card (a letter in an
// address would still be valid).
func Corrupt(frame []byte, r *rand.Rand) {
	end := len(frame)
	if i := bytes.IndexByte(frame, '|'); i >= 0 {
		end = i
	}
	var idx []int
	for i, c := range frame[:end] {
		if c >= '0' && c <= '9' {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	i := idx[r.IntN(len(idx))]
	frame[i] = "OIZBASGTBP"[frame[i]-'0']
}
