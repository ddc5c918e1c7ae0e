package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/motcua/kiosk/kiosk/voice"
)

const announceUsage = "usage: motcua-centre announce --ticket B-0012 --counter 3 --out call.wav [--pack DIR] [--ticket-as-number]"

// announceCmd writes the WAV of one hall-display call and prints on stderr
// the words it says, so a technician can check a voice pack. --out - writes
// the WAV to stdout.
func announceCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("announce", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ticket := fs.String("ticket", "", "ticket code, like B-0012")
	counter := fs.String("counter", "", "counter, like 3 (a name that is not a number is spelt)")
	out := fs.String("out", "", "WAV file to write (- for stdout)")
	packDir := fs.String("pack", "", "directory of a voice pack (default: the built-in espeak-ng voice)")
	asNumber := fs.Bool("ticket-as-number", false, "read the ticket digits as a number (mười hai), not one by one")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 || *out == "" {
		return fail(stderr, announceUsage)
	}
	opt := voice.Options{TicketAsNumber: *asNumber}
	if _, err := voice.Script(*ticket, *counter, opt); err != nil { // a bad ticket or counter is said before a bad pack
		return fail(stderr, "announce: %v", err)
	}
	pack, err := loadPack(*packDir)
	if err != nil {
		return fail(stderr, "announce: %v", err)
	}
	call, err := pack.Announce(*ticket, *counter, opt)
	if err != nil {
		return fail(stderr, "announce: %v", err)
	}
	fmt.Fprintln(stderr, voice.Labels(call.Script))
	a, wav := call.Audio, call.WAV()
	if *out == "-" {
		_, err = stdout.Write(wav)
	} else {
		err = os.WriteFile(*out, wav, 0o644)
	}
	if err != nil {
		return fail(stderr, "announce: write: %v", err)
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "wrote %s: %.2f s, %s\n", *out, a.Duration().Seconds(), a.Format)
	}
	return 0
}

// loadPack is the pack in dir, or the built-in one when dir is "".
func loadPack(dir string) (*voice.Pack, error) { return voice.LoadDir(dir) }
