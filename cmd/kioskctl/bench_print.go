package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/kiosk/queue"
)

func init() { benchSubs["print"] = benchPrint }

// benchPrint reports bytes on the wire and seconds for one queue ticket,
// raster versus code-page mode, at 9600 and 115200 baud; the baseline is the
// naive full-width raster without blank-band feeds.
func benchPrint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench print", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := config.Default()
	q := queue.New(nil, cfg, time.Now)
	sv := cfg.Queue.Services[0]
	t := queue.Ticket{Code: "A-0123", Number: 123, Service: sv.Code, ServiceName: sv.NameVI, ServiceEN: sv.NameEN, Counters: sv.Counters,
		Day: "2026-11-22", PeopleAhead: 7, IssuedAt: time.Now().UTC().Format(time.RFC3339)}
	d := q.Doc(t)
	raster := cfg.PrinterProfiles["80mm"]
	cp := raster
	cp.CodePage, cp.CodePageNumber = "cp1258", 52
	type row struct {
		name string
		n    int
	}
	var rows []row
	for _, m := range []struct {
		name string
		p    config.PrinterProfile
	}{{"raster (80 mm)", raster}, {"code page cp1258 (80 mm)", cp}} {
		t0 := time.Now()
		b, err := printer.Encode(d, m.p)
		if err != nil {
			return fail(stderr, "bench print: %v", err)
		}
		rows = append(rows, row{fmt.Sprintf("%s, encode %v", m.name, time.Since(t0).Round(time.Millisecond)), len(b)})
	}
	naive, err := printer.EncodeFullRaster(d, raster)
	if err != nil {
		return fail(stderr, "bench print: %v", err)
	}
	rows = append(rows, row{"baseline: full-width raster, no band feeds", len(naive)})
	fmt.Fprintf(stdout, "one queue ticket (%s):\n", t.Code)
	fmt.Fprintf(stdout, "%-52s %8s %10s %10s\n", "mode", "bytes", "9600 Bd", "115200 Bd")
	for _, r := range rows {
		fmt.Fprintf(stdout, "%-52s %8d %9.2fs %9.2fs\n", r.name, r.n, printer.WireTime(r.n, 9600).Seconds(), printer.WireTime(r.n, 115200).Seconds())
	}
	fmt.Fprintf(stdout, "targets: raster at 115200 ≤ 2 s: %v; code page at 9600 ≤ 3 s: %v\n",
		printer.WireTime(rows[0].n, 115200) <= 2*time.Second, printer.WireTime(rows[1].n, 9600) <= 3*time.Second)
	return 0
}
