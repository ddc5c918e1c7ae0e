package core

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/sim/printersim"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The printed checklist, through the real encoder into the printer
// emulator: golden transcript and PNG for a raster and a code-page printer.
func TestChecklistGolden(t *testing.T) {
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	cfg.Printer.Driver, cfg.Reader.Driver = "none", "none"
	fixed := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	k := New(Options{Config: cfg, Logger: quiet(), Now: func() time.Time { return fixed }})
	k.Start(context.Background(), nil)
	defer k.Stop()
	d, err := checklistDoc(k, "2.000488", 2, []int{0, 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, prof := range map[string]config.PrinterProfile{
		"raster": cfg.PrinterProfiles["80mm"],
		"cp1258": func() config.PrinterProfile {
			p := cfg.PrinterProfiles["80mm"]
			p.CodePage, p.CodePageNumber = "cp1258", 52
			return p
		}(),
	} {
		b, err := printer.Encode(d, prof)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		m := printersim.NewMachine(prof.Dots, out)
		m.Feed(b)
		m.Flush()
		js := m.Jobs()
		if len(js) != 1 || !js[0].Cut {
			t.Fatalf("%s: jobs %+v", name, js)
		}
		for _, ext := range []string{".png", ".txt"} {
			got, _ := os.ReadFile(filepath.Join(out, "job-0001"+ext))
			path := filepath.Join("testdata", "checklist-"+name+ext)
			if *update {
				os.WriteFile(path, got, 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				os.WriteFile(path+".got", got, 0o644)
				t.Errorf("%s differs from golden", path)
			}
		}
	}
}
