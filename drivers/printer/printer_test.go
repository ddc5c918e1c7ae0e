package printer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tarm/serial"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/escpos"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ticketDoc() doc.Doc {
	return doc.Doc{Title: "ticket A-0012", Cut: true, Blocks: []doc.Block{
		doc.Text{Text: "Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm", Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: "Hộ tịch / Civil status", Size: 2, Align: doc.Center},
		doc.Text{Text: "A-0012", Size: 4, Bold: true, Align: doc.Center},
		doc.Text{Text: "Mời đến quầy 1, 2 — Trước bạn: 3 người", Size: 1, Align: doc.Center},
		doc.Rule{},
		doc.QR{Data: "HT-20261122-0012", Align: doc.Center},
		doc.Text{Text: "22/11/2026 09:15 · Vui lòng chờ gọi số", Size: 1, Align: doc.Center},
	}}
}

func serialOpener(path string) Opener {
	return func() (Port, error) {
		return serial.OpenPort(&serial.Config{Name: path, Baud: 115200, ReadTimeout: 100 * time.Millisecond})
	}
}

func startSim(t *testing.T, dots int) (*printersim.Sim, string, string) {
	t.Helper()
	dir := t.TempDir()
	link := filepath.Join(dir, "printer.pty")
	sim, err := printersim.Start(link, filepath.Join(dir, "out"), dots)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim, link, dir
}

func waitJobs(t *testing.T, m *printersim.Sim, n int) []printersim.Job {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		ch := m.Changed()
		if js := m.Jobs(); len(js) >= n {
			return js
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("emulator has %d jobs, want %d", len(m.Jobs()), n)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.WriteFile(path, got, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Fatalf("%s differs from golden (see %s.got)", name, path)
	}
}

func TestTicketThroughSerialIntoEmulator(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	sim, link, _ := startSim(t, prof.Dots)
	p := New(serialOpener(link), Options{Profile: prof, Baud: 115200})
	defer p.Close()
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatal(err)
	}
	js := waitJobs(t, sim, 1)
	j := js[0]
	if len(j.QRs) != 1 || j.QRs[0] != "HT-20261122-0012" || !j.Cut || j.Rasters == 0 {
		t.Fatalf("job %+v", j)
	}
	if errs := sim.Errors(); len(errs) > 0 {
		t.Fatalf("emulator could not decode: %v", errs)
	}
	png, _ := os.ReadFile(j.PNG)
	golden(t, "ticket-80mm.png", png)
	tr, _ := json.MarshalIndent(struct {
		Bytes, Rasters, Height int
		QRs                    []string
		Lines                  []string
	}{j.Bytes, j.Rasters, j.Height, j.QRs, j.Lines}, "", " ")
	golden(t, "ticket-80mm.json", tr)
}

func TestStatusBitsAndPaperEndBeforeJob(t *testing.T) {
	prof := config.Default().PrinterProfiles["58mm"]
	sim, link, _ := startSim(t, prof.Dots)
	p := New(serialOpener(link), Options{Profile: prof, Baud: 115200})
	defer p.Close()
	cases := []struct {
		st   escpos.Status
		want doc.Status
		err  error
	}{
		{escpos.Status{}, doc.Status{Connected: true, Online: true}, nil},
		{escpos.Status{PaperNearEnd: true}, doc.Status{Connected: true, Online: true, PaperNearEnd: true}, nil},
		{escpos.Status{CoverOpen: true}, doc.Status{Connected: true, Online: true, CoverOpen: true}, doc.ErrCoverOpen},
		{escpos.Status{Offline: true}, doc.Status{Connected: true}, doc.ErrOffline},
		{escpos.Status{PaperEnd: true}, doc.Status{Connected: true, Online: true, PaperEnd: true}, doc.ErrPaperEnd},
	}
	for _, c := range cases {
		sim.SetStatus(c.st)
		got, err := p.Status(context.Background())
		if err != nil || got != c.want {
			t.Fatalf("status %+v: got %+v %v", c.st, got, err)
		}
		err = p.Print(context.Background(), ticketDoc())
		if !errors.Is(err, c.err) && !(c.err == nil && err == nil) {
			t.Fatalf("print with %+v: %v, want %v", c.st, err, c.err)
		}
	}
	// Only the two healthy states printed.
	if n := len(waitJobs(t, sim, 2)); n != 2 {
		t.Fatalf("%d jobs printed", n)
	}
}

func TestUnplugMidJobThenReplug(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	sim, link, _ := startSim(t, prof.Dots)
	var unplugged bool
	p := New(serialOpener(link), Options{Profile: prof, Baud: 115200, Sleep: func(d time.Duration) {
		if !unplugged {
			unplugged = true
			sim.Unplug() // the cable comes out after the first chunk
		}
		time.Sleep(d)
	}})
	defer p.Close()
	err := p.Print(context.Background(), ticketDoc())
	if !errors.Is(err, doc.ErrUnplugged) && !errors.Is(err, doc.ErrNoResponse) {
		t.Fatalf("unplug mid-job: %v", err)
	}
	if _, err := p.Status(context.Background()); err == nil {
		t.Fatal("status succeeded with no printer")
	}
	if err := sim.Plug(link); err != nil {
		t.Fatal(err)
	}
	p.o.Sleep = time.Sleep
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatalf("after replug: %v", err)
	}
	js := waitJobs(t, sim, 1)
	if !js[len(js)-1].Cut {
		t.Fatalf("reprinted job incomplete: %+v", js)
	}
}

func TestCP1258(t *testing.T) {
	got, err := CP1258("Hộ tịch Đà")
	if err != nil {
		t.Fatal(err)
	}
	// H ô + dot-below(0xF2) space t i + dot-below c h space Đ(0xD0) a + grave(0xCC)
	want := []byte{'H', 0xF4, 0xF2, ' ', 't', 'i', 0xF2, 'c', 'h', ' ', 0xD0, 'a', 0xCC}
	if !bytes.Equal(got, want) {
		t.Fatalf("% x, want % x", got, want)
	}
}

func TestWireFiguresAndPacing(t *testing.T) {
	if d := WireTime(1152, 115200); d != 100*time.Millisecond {
		t.Fatalf("wire time %v", d)
	}
	p := New(nil, Options{Baud: 9600})
	if p.BytesPerSecond() != 864 {
		t.Fatalf("pacing %d B/s", p.BytesPerSecond())
	}
}

func TestCodePageTicketIsReadableInTheEmulator(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.CodePage, prof.CodePageNumber = "cp1258", 52
	sim, link, _ := startSim(t, prof.Dots)
	p := New(serialOpener(link), Options{Profile: prof, Baud: 115200})
	defer p.Close()
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatal(err)
	}
	j := waitJobs(t, sim, 1)[0]
	all := strings.Join(j.Texts, "\n")
	for _, w := range []string{"Trung tâm Phục vụ hành chính công tỉnh", "Hộ tịch / Civil status", "A-0012", "Trước bạn: 3 người", "Vui lòng chờ gọi số"} {
		if !strings.Contains(all, w) {
			t.Fatalf("texts %q lack %q", j.Texts, w)
		}
	}
	if j.Bytes > 1500 {
		t.Fatalf("code-page ticket is %d bytes", j.Bytes)
	}
	png, _ := os.ReadFile(j.PNG)
	golden(t, "ticket-80mm-cp1258.png", png)
}
