package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/motcua/kiosk/drivers/reader"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/drivers/sim/readersim"
	"github.com/motcua/kiosk/kiosk/text"
)

func init() {
	register("reader", "ID card reader: emulate one on a pty, monitor a port", subcommands("reader", map[string]func(args []string, stdout, stderr io.Writer) int{
		"emulate": readerEmulate,
		"monitor": readerMonitor,
	}))
}

// readerContext ends on Ctrl-C / SIGTERM; tests replace it.
var readerContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, sigTerm)
}

func readerEmulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reader emulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	link := fs.String("link", "", "symlink to create for the simulated port (required)")
	file := fs.String("file", "", "frames file (blank-line separated; see 'kioskctl idcard synth'); default: synthetic cards")
	format := fs.String("format", "mixed", "synthetic cards: qr, mrz or mixed")
	every := fs.Duration("every", 5*time.Second, "time between cards")
	count := fs.Int("count", 0, "cards to send, then exit (0: until interrupted)")
	garble := fs.Bool("garble", false, "add a noise line before every 3rd card and corrupt every 4th")
	term := fs.String("term", "crlf", "line end: cr, lf or crlf")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *link == "" {
		return fail(stderr, "reader emulate: --link is required")
	}
	ends := map[string]string{"cr": "\r", "lf": "\n", "crlf": "\r\n"}
	end, ok := ends[*term]
	if !ok {
		return fail(stderr, "reader emulate: --term must be cr, lf or crlf")
	}
	var src readersim.Source
	if *file != "" {
		f, err := os.Open(*file)
		if err != nil {
			return fail(stderr, "reader emulate: %v", err)
		}
		frames, err := readersim.ReadFrames(f)
		f.Close()
		if err != nil {
			return fail(stderr, "reader emulate: %v", err)
		}
		if len(frames) == 0 {
			return fail(stderr, "reader emulate: %s holds no frames", *file)
		}
		src = readersim.Cycle(frames)
	} else {
		if *format != readersim.FormatQR && *format != readersim.FormatMRZ && *format != readersim.FormatMixed {
			return fail(stderr, "reader emulate: --format must be qr, mrz or mixed")
		}
		src = readersim.Synthetic(*seed, *format)
	}
	sim, err := readersim.Start(*link)
	if err != nil {
		return fail(stderr, "reader emulate: %v", err)
	}
	defer sim.Close()
	fmt.Fprintf(stdout, "reader emulator on %s -> %s, a card every %s\n", *link, sim.Device(), *every)
	ctx, cancel := readerContext()
	defer cancel()
	err = readersim.Emulate(ctx, sim, src, readersim.EmulateOptions{
		Every: *every, Count: *count, Terminator: end, Garble: *garble, Seed: *seed,
		OnSend: func(n int, garbled bool) {
			note := ""
			if garbled {
				note = " (garbled)"
			}
			fmt.Fprintf(stdout, "sent card %d%s\n", n, note)
		},
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fail(stderr, "reader emulate: %v", err)
	}
	return 0
}

func readerMonitor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reader monitor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.String("port", "", "serial port (required), e.g. /dev/ttyUSB0 or COM3")
	baud := fs.Int("baud", 9600, "baud rate")
	mode := fs.String("mode", "auto", "qr, mrz or auto")
	term := fs.String("terminator", "any", "cr, lf, crlf or any")
	frameTimeout := fs.Duration("frame-timeout", reader.DefaultFrameTimeout, "end a whole card without terminator after this much silence")
	shapeTimeout := fs.Duration("shape-timeout", 0, "end an incomplete card (short MRZ burst, part of a line) after this much silence (0: the default, at least 10 frame timeouts)")
	count := fs.Int("count", 0, "exit after this many cards (0: until interrupted)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *port == "" {
		return fail(stderr, "reader monitor: --port is required")
	}
	opt := reader.Options{Mode: reader.Mode(*mode), Terminator: reader.Terminator(*term), FrameTimeout: *frameTimeout, ShapeTimeout: *shapeTimeout}
	if err := opt.Validate(); err != nil {
		return fail(stderr, "reader monitor: %v", err)
	}
	ctx, cancel := readerContext()
	defer cancel()
	var mu sync.Mutex
	seen := 0
	fmt.Fprintf(stdout, "monitoring %s at %d baud, mode %s (personal fields masked; Ctrl-C to stop)\n", *port, *baud, *mode)
	err := reader.Run(ctx, reader.Config{
		Options: opt,
		Open:    reader.FromSerial(serialport.OpenerFor(*port, *baud, serialport.ReadTimeout)),
		OnCard: func(e reader.Event) {
			mu.Lock()
			defer mu.Unlock()
			if e.Identity != nil {
				defer e.Identity.Wipe()
			}
			if *count > 0 && seen >= *count {
				return
			}
			fmt.Fprintln(stdout, describeEvent(e))
			if seen++; *count > 0 && seen >= *count {
				cancel()
			}
		},
		OnStatus: func(s reader.Status) {
			mu.Lock()
			defer mu.Unlock()
			if s.Connected {
				fmt.Fprintf(stdout, "%s port open\n", s.At.Format("15:04:05.000"))
			} else {
				fmt.Fprintf(stdout, "%s port not available: %v (retrying)\n", s.At.Format("15:04:05.000"), s.Err)
			}
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fail(stderr, "reader monitor: %v", err)
	}
	return 0
}

// describeEvent is one line for the technician, with the personal fields
// masked: ID as 0012******89, the name as initials, dates only as present.
func describeEvent(e reader.Event) string {
	head := fmt.Sprintf("%s %-7s %4dB %d line(s)", e.At.Format("15:04:05.000"), e.Format, e.Bytes, e.Lines)
	if e.TimedOut {
		head += " [timeout]"
	}
	if e.Err != nil {
		m := text.Card(e.Err)
		return fmt.Sprintf("%s  ERROR %v | screen: %s", head, e.Err, m.VI)
	}
	id := e.Identity
	return fmt.Sprintf("%s  OK source=%s id=%s name=%s sex=%s province=%s old_id=%s dob=%s address=%s issue=%s expiry=%s",
		head, id.Source, id.Masked(), initials(id.FullName), id.Sex, id.Province(),
		present(id.OldID), present(id.DateOfBirth), present(id.Address), present(id.IssueDate), present(id.ExpiryDate))
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		b.WriteString(string(r[0]) + ".")
	}
	return b.String()
}

func present(s string) string {
	if s == "" {
		return "-"
	}
	return "yes"
}
