package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/layout"
)

func init() {
	register("printer", "printer emulate|test|ports", subcommands("printer", map[string]func([]string, io.Writer, io.Writer) int{
		"emulate": printerEmulate,
		"test":    printerTest,
		"ports":   printerPorts,
	}))
}

// printerEmulate serves an emulated ESC/POS printer at --link until killed;
// each job becomes job-NNNN.png/.txt/.json in --out. Its condition is read
// from the control file (default OUT/status) whenever that changes:
//
//	echo paper_end > OUT/status   # also near_end, cover_open, offline, unplugged; ok clears
func printerEmulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printer emulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	link := fs.String("link", "", "path of the pseudo-terminal link to create (e.g. /tmp/printer)")
	out := fs.String("out", "printer-out", "folder for job PNGs and transcripts")
	dots := fs.Int("dots", 576, "paper width in dots (576 = 80 mm, 384 = 58 mm)")
	control := fs.String("control", "", "control file with the printer's condition (default OUT/status)")
	paperEnd := fs.Bool("paper-end", false, "start out of paper")
	if err := fs.Parse(args); err != nil || *link == "" {
		fmt.Fprintln(stderr, "usage: kioskctl printer emulate --link PATH [--out DIR] [--dots 576] [--control FILE] [--paper-end]")
		return 2
	}
	sim, err := printersim.Start(*link, *out, *dots)
	if err != nil {
		return fail(stderr, "printer emulate: %v", err)
	}
	defer sim.Close()
	if *paperEnd {
		sim.Set(printersim.CondPaperEnd)
	}
	if *control == "" {
		*control = filepath.Join(*out, "status")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go sim.WatchControl(ctx, *control, 300*time.Millisecond, func(err error) { fmt.Fprintf(stderr, "control file: %v\n", err) })
	fmt.Fprintf(stdout, "emulated printer at %s, jobs in %s\n", *link, *out)
	fmt.Fprintf(stdout, "condition: echo paper_end|near_end|cover_open|offline|unplugged|ok > %s; Ctrl+C to stop\n", *control)
	seen := 0
	for {
		ch := sim.Changed()
		for _, j := range sim.Jobs()[seen:] {
			fmt.Fprintf(stdout, "job %d: %d bytes, %d dots, cut %v, qr %v → %s\n", j.N, j.Bytes, j.Height, j.Cut, j.QRs, j.PNG)
			seen++
		}
		select {
		case <-ctx.Done():
			return 0
		case <-ch:
		}
	}
}

func showStatus(w io.Writer, st doc.Status) {
	fmt.Fprintf(w, "status: online=%v paper_end=%v near_end=%v cover_open=%v\n", st.Online, st.PaperEnd, st.PaperNearEnd, st.CoverOpen)
}

// printerTest prints a test page on a port and shows the status before and after.
func printerTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printer test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.String("port", "", "serial port (/dev/ttyUSB0, /dev/serial/by-id/..., COM3)")
	baud := fs.Int("baud", 115200, "baud rate")
	profile := fs.String("profile", "80mm", "printer profile (80mm, 58mm, or one in --config)")
	codePage := fs.String("code-page", "", "override the profile: cp1258 or tcvn3 text mode, \"raster\" for raster")
	cpNum := fs.Int("code-page-number", -1, "ESC t number for --code-page (Epson: 30 TCVN-3, 52 WPC1258; Xprinter: 27)")
	cfgPath := fs.String("config", "", "config file for its printer_profiles (default: built-in profiles)")
	if err := fs.Parse(args); err != nil || *port == "" {
		fmt.Fprintln(stderr, "usage: kioskctl printer test --port P [--baud B] [--profile 80mm] [--code-page cp1258|tcvn3|raster --code-page-number N]")
		return 2
	}
	profs := config.Default().PrinterProfiles
	if *cfgPath != "" {
		cfg, _, err := config.Load(*cfgPath)
		if err != nil {
			return fail(stderr, "printer test: %v", err)
		}
		profs = cfg.PrinterProfiles
	}
	prof, ok := profs[*profile]
	if !ok {
		return fail(stderr, "printer test: unknown profile %q", *profile)
	}
	switch *codePage {
	case "":
	case "raster":
		prof.CodePage = ""
	default:
		prof.CodePage = *codePage
	}
	if *cpNum >= 0 {
		prof.CodePageNumber = *cpNum
	}
	p := printer.New(serialport.OpenerFor(*port, *baud, serialport.ReadTimeout), printer.Options{Profile: prof, Baud: *baud})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	st, err := p.Status(ctx)
	if err != nil {
		return printerFail(stderr, "status", err)
	}
	showStatus(stdout, st)
	d := layout.TestPage(layout.TestPageData{Profile: prof, Baud: *baud, At: time.Now()})
	data, err := printer.Encode(d, prof)
	if err != nil {
		return fail(stderr, "printer test: %v", err)
	}
	start := time.Now()
	if err := p.Print(ctx, d); err != nil {
		return printerFail(stderr, "print", err)
	}
	fmt.Fprintf(stdout, "test page: %d bytes sent in %v (paced at %d B/s)\n", len(data), time.Since(start).Round(time.Millisecond), p.BytesPerSecond())
	if st, err = p.Status(ctx); err == nil {
		showStatus(stdout, st)
	}
	return 0
}

// printerFail explains a printer error to a technician.
func printerFail(stderr io.Writer, what string, err error) int {
	fmt.Fprintf(stderr, "printer test: %s: %v\n", what, err)
	if vi, en := serialport.Advice(err); vi != "" {
		fmt.Fprintf(stderr, "  %s\n  %s\n", vi, en)
	} else if errors.Is(err, doc.ErrNoResponse) {
		fmt.Fprintln(stderr, "  Máy in không trả lời: kiểm tra nguồn, tốc độ baud và cáp (null-modem).")
		fmt.Fprintln(stderr, "  The printer does not answer: check power, baud rate and the (null-modem) cable.")
	}
	return 1
}

// printerPorts lists candidate serial ports.
func printerPorts(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printer ports", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ports, err := serialport.List()
	if err != nil {
		return fail(stderr, "printer ports: %v", err)
	}
	writePorts(stdout, ports)
	return 0
}
