package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tarm/serial"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/doc"
)

func init() {
	register("printer", "printer emulate|test", subcommands("printer", map[string]func([]string, io.Writer, io.Writer) int{
		"emulate": printerEmulate,
		"test":    printerTest,
	}))
}

// printerEmulate serves an emulated ESC/POS printer at --link until killed;
// each job becomes job-NNNN.png/.txt/.json in --out.
func printerEmulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printer emulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	link := fs.String("link", "", "path of the pseudo-terminal link to create (e.g. /tmp/printer)")
	out := fs.String("out", "printer-out", "folder for job PNGs and transcripts")
	dots := fs.Int("dots", 576, "paper width in dots (576 = 80 mm, 384 = 58 mm)")
	paperEnd := fs.Bool("paper-end", false, "start out of paper")
	if err := fs.Parse(args); err != nil || *link == "" {
		return fail(stderr, "usage: kioskctl printer emulate --link PATH [--out DIR] [--dots 576] [--paper-end]")
	}
	sim, err := printersim.Start(*link, *out, *dots)
	if err != nil {
		return fail(stderr, "printer emulate: %v", err)
	}
	defer sim.Close()
	sim.SetStatus(printersim.Status(*paperEnd, false, false, false))
	fmt.Fprintf(stdout, "emulated printer at %s, jobs in %s; Ctrl+C to stop\n", *link, *out)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	seen := 0
	for {
		select {
		case <-sig:
			return 0
		case <-sim.Changed():
			for _, j := range sim.Jobs()[seen:] {
				fmt.Fprintf(stdout, "job %d: %d bytes, %d dots, qr %v → %s\n", j.N, j.Bytes, j.Height, j.QRs, j.PNG)
				seen++
			}
		}
	}
}

func testPage() doc.Doc {
	return doc.Doc{Title: "test page", Cut: true, Blocks: []doc.Block{
		doc.Text{Text: "TRANG IN THỬ / TEST PAGE", Size: 2, Bold: true, Align: doc.Center},
		doc.Text{Text: "Tiếng Việt: ăâđêôơư ÁÀẢÃẠ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ýỳỷỹỵ", Size: 1},
		doc.Rule{},
		doc.Text{Text: "A-0123", Size: 4, Bold: true, Align: doc.Center},
		doc.QR{Data: "https://dichvucong.gov.vn", Align: doc.Center},
		doc.Text{Text: time.Now().Format("02/01/2006 15:04:05"), Size: 1, Align: doc.Center},
	}}
}

// printerTest prints a test page on a real port and shows the status.
func printerTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printer test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.String("port", "", "serial port (/dev/ttyUSB0, COM3)")
	baud := fs.Int("baud", 115200, "baud rate")
	profile := fs.String("profile", "80mm", "printer profile (80mm, 58mm)")
	if err := fs.Parse(args); err != nil || *port == "" {
		return fail(stderr, "usage: kioskctl printer test --port P [--baud B] [--profile 80mm]")
	}
	prof, ok := config.Default().PrinterProfiles[*profile]
	if !ok {
		return fail(stderr, "printer test: unknown profile %q", *profile)
	}
	p := printer.New(func() (printer.Port, error) {
		return serial.OpenPort(&serial.Config{Name: *port, Baud: *baud, ReadTimeout: 100 * time.Millisecond})
	}, printer.Options{Profile: prof, Baud: *baud})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := p.Status(ctx)
	if err != nil {
		return fail(stderr, "printer test: status: %v", err)
	}
	fmt.Fprintf(stdout, "status: online=%v paper_end=%v near_end=%v cover_open=%v\n", st.Online, st.PaperEnd, st.PaperNearEnd, st.CoverOpen)
	start := time.Now()
	if err := p.Print(ctx, testPage()); err != nil {
		return fail(stderr, "printer test: %v", err)
	}
	fmt.Fprintf(stdout, "test page sent in %v\n", time.Since(start).Round(time.Millisecond))
	return 0
}
