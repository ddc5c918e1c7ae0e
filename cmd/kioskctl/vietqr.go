package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/motcua/kiosk/kiosk/vietqr"
	"github.com/motcua/kiosk/kiosk/vnwords"
)

func init() {
	register("vietqr", "build a VietQR payload (--bin B --account A ...), check one (vietqr parse PAYLOAD), list banks (vietqr banks)", vietqrCmd)
}

// vietqrArgs parses flags that may come before, between or after
// positional arguments, and returns the positionals.
func vietqrArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func vietqrCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "parse":
			return vietqrParse(args[1:], stdout, stderr)
		case "banks":
			for _, b := range vietqr.Banks {
				fmt.Fprintf(stdout, "%s  %s\n", b.BIN, b.Short)
			}
			return 0
		}
	}
	fs := flag.NewFlagSet("vietqr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var p vietqr.Payment
	fs.StringVar(&p.BIN, "bin", "", "receiving bank BIN, 6 digits (or a short name from 'vietqr banks')")
	fs.StringVar(&p.Account, "account", "", "account number, ≤ 19 letters or digits")
	fs.Int64Var(&p.Amount, "amount", 0, "amount in whole VND (omit for a static QR)")
	fs.StringVar(&p.Purpose, "memo", "", "transfer memo (folded to ASCII, ≤ 25)")
	fs.StringVar(&p.Name, "name", "", "account name (≤ 25)")
	fs.StringVar(&p.City, "city", "", "city (≤ 15)")
	fs.BoolVar(&p.Card, "card", false, "the account is a card number")
	pngPath := fs.String("png", "", "also write the QR as a PNG here")
	size := fs.Int("size", vietqr.ScreenPixels, "PNG width in pixels (whole pixels per module, quiet zone kept)")
	parse := fs.String("parse", "", "check this payload instead of building one (same as 'vietqr parse PAYLOAD')")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kioskctl vietqr --bin B --account A [--amount N] [--memo TEXT] [--name NAME] [--city CITY] [--png FILE]\n       kioskctl vietqr parse [--json] PAYLOAD\n       kioskctl vietqr banks")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *parse != "" {
		return vietqrParse([]string{*parse}, stdout, stderr)
	}
	if fs.NArg() > 0 {
		return fail(stderr, "vietqr: unexpected argument %q (flags only; 'vietqr parse PAYLOAD' to check one)", fs.Arg(0))
	}
	if b, ok := vietqr.BankByName(p.BIN); ok {
		p.BIN = b.BIN
	}
	payload, err := vietqr.Build(p)
	if err != nil {
		return fail(stderr, "vietqr: %v", err)
	}
	fmt.Fprintln(stdout, payload)
	if *pngPath != "" {
		png, err := vietqr.PNG(payload, *size)
		if err == nil {
			err = os.WriteFile(*pngPath, png, 0o644)
		}
		if err != nil {
			return fail(stderr, "vietqr: png: %v", err)
		}
		fmt.Fprintf(stderr, "QR written to %s\n", *pngPath)
	}
	return 0
}

func vietqrParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vietqr parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the decoded fields as JSON")
	pos, err := vietqrArgs(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		return fail(stderr, "usage: kioskctl vietqr parse [--json] PAYLOAD")
	}
	d, err := vietqr.Decode(strings.TrimSpace(pos[0]))
	if err != nil {
		fmt.Fprintf(stdout, "INVALID: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(d)
		return 0
	}
	p := d.Payment
	kind := "static: the payer types the amount"
	if p.Amount > 0 {
		kind = fmt.Sprintf("dynamic: %s VND (%s)", vnwords.Group(p.Amount), vnwords.Dong(p.Amount))
	}
	bank := d.Bank
	if bank == "" {
		bank = "not in the kiosk's list"
	}
	fmt.Fprintf(stdout, "VALID VietQR, CRC ok, %s\nbank: %s (BIN %s)\n%s: %s\nmemo: %q\nname: %q  city: %q\n",
		kind, bank, p.BIN, map[bool]string{false: "account", true: "card"}[p.Card], p.Account, p.Purpose, p.Name, p.City)
	for _, w := range d.Warnings {
		fmt.Fprintf(stdout, "warning: %s\n", w)
	}
	fmt.Fprintln(stdout, "fields:")
	printFields(stdout, d.Fields, "  ")
	return 0
}

func printFields(w io.Writer, fs []vietqr.Field, indent string) {
	for _, f := range fs {
		if len(f.Sub) > 0 {
			fmt.Fprintf(w, "%s%-9s %s\n", indent, f.ID, f.Meaning)
			printFields(w, f.Sub, indent+"  ")
			continue
		}
		fmt.Fprintf(w, "%s%-9s %-28q %s\n", indent, f.ID, f.Value, f.Meaning)
	}
}
