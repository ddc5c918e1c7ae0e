package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/motcua/kiosk/kiosk/vietqr"
)

func init() {
	register("vietqr", "build a VietQR payload (or check one: vietqr parse PAYLOAD)", vietqrCmd)
}

func vietqrCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "parse" {
		if len(args) != 2 {
			return fail(stderr, "usage: kioskctl vietqr parse PAYLOAD")
		}
		p, err := vietqr.Parse(args[1])
		if err != nil {
			return fail(stderr, "vietqr parse: %v", err)
		}
		kind := "static (payer types the amount)"
		if p.Amount > 0 {
			kind = "dynamic"
		}
		fmt.Fprintf(stdout, "valid VietQR, CRC ok, %s\nbank: %s (%s)\naccount: %s\namount: %d VND\npurpose: %q\nname: %q city: %q\n",
			kind, vietqr.BankName(p.BIN), p.BIN, p.Account, p.Amount, p.Purpose, p.Name, p.City)
		return 0
	}
	fs := flag.NewFlagSet("vietqr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var p vietqr.Payment
	fs.StringVar(&p.BIN, "bin", "", "bank BIN, 6 digits")
	fs.StringVar(&p.Account, "account", "", "account number")
	fs.Int64Var(&p.Amount, "amount", 0, "amount in VND (omit for a static QR)")
	fs.StringVar(&p.Purpose, "memo", "", "transfer memo (folded to ASCII, ≤ 25)")
	fs.StringVar(&p.Name, "name", "", "account name (≤ 25)")
	fs.StringVar(&p.City, "city", "", "city (≤ 15)")
	pngPath := fs.String("png", "", "also write a QR PNG here")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	payload, err := vietqr.Build(p)
	if err != nil {
		return fail(stderr, "vietqr: %v", err)
	}
	fmt.Fprintln(stdout, payload)
	if *pngPath != "" {
		png, err := qrcode.Encode(payload, qrcode.Medium, 560)
		if err == nil {
			err = os.WriteFile(*pngPath, png, 0o644)
		}
		if err != nil {
			return fail(stderr, "vietqr: png: %v", err)
		}
	}
	return 0
}
