package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/reader"
	"github.com/motcua/kiosk/drivers/sim/readersim"
	"github.com/motcua/kiosk/kiosk/text"
)

// stdin is swapped in tests.
var stdin io.Reader = os.Stdin

func init() {
	register("idcard", "parse CCCD QR / MRZ reader bytes, make synthetic cards", subcommands("idcard", map[string]func(args []string, stdout, stderr io.Writer) int{
		"parse": idcardParse,
		"synth": idcardSynth,
	}))
}

// idcardParse reads one frame of raw reader bytes on stdin and prints the
// card as JSON. This JSON is the one place the tools print personal data in
// full: it is what the technician asked for.
func idcardParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("idcard parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mode := fs.String("mode", "auto", "what stdin holds: auto, qr or mrz")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	m := reader.Mode(*mode)
	if err := (reader.Options{Mode: m}).Validate(); err != nil {
		return fail(stderr, "idcard parse: %v", err)
	}
	raw, err := io.ReadAll(io.LimitReader(stdin, 64<<10))
	if err != nil {
		return fail(stderr, "idcard parse: read stdin: %v", err)
	}
	defer clear(raw)
	id, err := reader.ParseFrame(m, raw)
	if err == nil {
		err = id.CheckDates(time.Now())
	}
	if err != nil {
		msg := text.Card(err)
		return fail(stderr, "idcard parse: %v (%s)", err, msg.VI)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(id); err != nil {
		return fail(stderr, "idcard parse: %v", err)
	}
	id.Wipe()
	return 0
}

// idcardSynth prints synthetic cards in the frames-file format of
// `kioskctl reader emulate --file`: frames separated by blank lines.
func idcardSynth(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("idcard synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1, "number of cards")
	format := fs.String("format", "qr", "qr, mrz or mixed")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed (same seed, same cards)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *format != readersim.FormatQR && *format != readersim.FormatMRZ && *format != readersim.FormatMixed {
		return fail(stderr, "idcard synth: --format must be qr, mrz or mixed")
	}
	if *n < 1 || *n > 100000 {
		return fail(stderr, "idcard synth: --n must be 1..100000")
	}
	src := readersim.Synthetic(*seed, *format)
	var b strings.Builder
	for i := 0; i < *n; i++ {
		if i > 0 {
			b.WriteString("\n")
		}
		b.Write(src())
		b.WriteString("\n")
	}
	io.WriteString(stdout, b.String())
	fmt.Fprintf(stderr, "%d synthetic card(s), seed %d: generated, not real people\n", *n, *seed)
	return 0
}
