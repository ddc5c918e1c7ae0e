package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/motcua/kiosk/kiosk/centre"
)

// The centre's kiosks and how each is (remote health, issue 14): the card
// colour (green, amber, red, offline after 3 missed beats) with the latest
// beat. A counter's token and the staff PIN ($MOTCUA_STAFF_PIN or stdin).
func init() {
	register("fleet", "fleet status: the centre's kiosks, their state and latest heartbeat (staff PIN)", subcommands("fleet", map[string]func([]string, io.Writer, io.Writer) int{
		"status": fleetStatus,
	}))
}

func fleetStatus(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fleet status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	asJSON := fs.Bool("json", false, "print the kiosks as a JSON array")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c, err := staffClient(cf)
	if err != nil {
		return fail(stderr, "fleet status: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	ks, err := c.Fleet(ctx)
	if err != nil {
		return fail(stderr, "fleet status: %s", centreError(err, cf.url))
	}
	if ks == nil {
		ks = []centre.KioskHealth{}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(ks)
		return 0
	}
	if len(ks) == 0 {
		fmt.Fprintln(stdout, "no kiosks enrolled")
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIOSK\tSTATE\tLAST BEAT\tPRINTER\tREADER\tFREE DISK\tVERSION\tCATALOG\tLAST ERROR")
	for _, k := range ks {
		if k.Beat == nil {
			fmt.Fprintf(tw, "%s\t%s\tnever\t-\t-\t-\t-\t-\t-\n", k.Kiosk, k.State)
			continue
		}
		b := k.Beat
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.Kiosk, k.State, k.LastBeat, b.Printer, b.Reader,
			humanBytes(b.FreeDiskBytes), b.Version, b.CatalogVersion, orDash(b.LastError))
	}
	tw.Flush()
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// humanBytes is n in GiB or MiB.
func humanBytes(n uint64) string {
	switch {
	case n == 0:
		return "-"
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	default:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
}
