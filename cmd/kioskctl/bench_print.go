package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/queue"
)

func init() { benchSubs["print"] = benchPrint }

// benchTicket is the real queue ticket layout for a representative ticket.
func benchTicket(cfg config.Config) (doc.Doc, string) {
	q := queue.New(nil, cfg, time.Now)
	sv := cfg.Queue.Services[0]
	t := queue.Ticket{Code: "A-0012", Number: 12, Service: sv.Code, ServiceName: sv.NameVI, ServiceEN: sv.NameEN, Counters: sv.Counters,
		Day: "2026-11-22", PeopleAhead: 7, IssuedAt: time.Date(2026, 11, 22, 9, 15, 0, 0, time.UTC).Format(time.RFC3339)}
	return layout.Ticket(q.TicketData(t)), t.Code
}

// benchPrint reports bytes on the wire and seconds for one queue ticket,
// raster versus code-page mode, at 9600 and 115200 baud: line time (8N1)
// and the driver's paced send time (90% of the line). The baseline is the
// naive full-width raster without blank-band feeds. --live also prints the
// ticket through the real driver, serial code and emulator on a pty, paced
// as at each baud, and reports the wall time including status round trips.
func benchPrint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench print", flag.ContinueOnError)
	fs.SetOutput(stderr)
	live := fs.Bool("live", false, "also print through the driver into the emulator, paced as at each baud (about 20 s)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := config.Default()
	d, code := benchTicket(cfg)
	raster := cfg.PrinterProfiles["80mm"]
	cp1258, tcvn3 := raster, raster
	cp1258.CodePage, cp1258.CodePageNumber = "cp1258", 52
	tcvn3.CodePage, tcvn3.CodePageNumber = "tcvn3", 30
	rasterQR := raster
	rasterQR.NativeQR = false
	type row struct {
		name string
		prof config.PrinterProfile
		n    int
	}
	rows := []row{{name: "raster, native QR", prof: raster}, {name: "raster, QR as raster", prof: rasterQR},
		{name: "code page cp1258", prof: cp1258}, {name: "code page tcvn3", prof: tcvn3}}
	for i := range rows {
		b, err := printer.Encode(d, rows[i].prof)
		if err != nil {
			return fail(stderr, "bench print: %v", err)
		}
		rows[i].n = len(b)
	}
	naive, err := printer.EncodeFullRaster(d, raster)
	if err != nil {
		return fail(stderr, "bench print: %v", err)
	}
	rows = append(rows, row{name: "baseline: full-width raster", prof: raster, n: len(naive)})
	paced := func(n, baud int) time.Duration {
		p := printer.New(nil, printer.Options{Baud: baud})
		return time.Duration(float64(n) / float64(p.BytesPerSecond()) * float64(time.Second))
	}
	fmt.Fprintf(stdout, "one queue ticket (%s, 80 mm, %d blocks):\n", code, len(d.Blocks))
	fmt.Fprintf(stdout, "%-30s %7s  %-19s %-19s\n", "mode", "bytes", "9600 Bd line/paced", "115200 Bd line/paced")
	for _, r := range rows {
		fmt.Fprintf(stdout, "%-30s %7d  %6.2fs / %6.2fs  %6.2fs / %6.2fs\n", r.name, r.n,
			printer.WireTime(r.n, 9600).Seconds(), paced(r.n, 9600).Seconds(),
			printer.WireTime(r.n, 115200).Seconds(), paced(r.n, 115200).Seconds())
	}
	ok1 := paced(rows[0].n, 115200) <= 2*time.Second
	ok2 := paced(rows[2].n, 9600) <= 3*time.Second && paced(rows[3].n, 9600) <= 3*time.Second
	fmt.Fprintf(stdout, "targets (paced): raster at 115200 ≤ 2 s: %v; code page at 9600 ≤ 3 s: %v\n", ok1, ok2)
	if *live {
		for _, c := range []struct {
			name string
			prof config.PrinterProfile
			baud int
		}{{"raster, native QR", raster, 115200}, {"raster, native QR", raster, 9600}, {"code page tcvn3", tcvn3, 9600}, {"code page cp1258", cp1258, 9600}} {
			took, err := livePrint(d, c.prof, c.baud)
			if err != nil {
				return fail(stderr, "bench print --live: %v", err)
			}
			fmt.Fprintf(stdout, "live %-24s at %6d Bd: %6.2fs (driver → serialport → pty → emulator, statuses included)\n", c.name, c.baud, took.Seconds())
		}
	}
	if !ok1 || !ok2 {
		return 1
	}
	return 0
}

// livePrint prints d into an emulator on a pty, paced as at baud.
func livePrint(d doc.Doc, prof config.PrinterProfile, baud int) (time.Duration, error) {
	dir, err := os.MkdirTemp("", "bench-print")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	link := filepath.Join(dir, "printer")
	sim, err := printersim.Start(link, "", prof.Dots)
	if err != nil {
		return 0, err
	}
	defer sim.Close()
	p := printer.New(serialport.OpenerFor(link, baud, serialport.ReadTimeout), printer.Options{Profile: prof, Baud: baud})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	if err := p.Print(ctx, d); err != nil {
		return 0, err
	}
	took := time.Since(start)
	if _, err := sim.WaitJob(ctx, 1); err != nil {
		return 0, err
	}
	return took, nil
}
