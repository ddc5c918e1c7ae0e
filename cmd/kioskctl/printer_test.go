package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/sim/printersim"
)

func TestPrinterUsageAndPorts(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"printer", "emulate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--link") {
		t.Fatalf("emulate without --link: %d %q", code, errb.String())
	}
	errb.Reset()
	if code := dispatch([]string{"printer", "ports"}, &out, &errb); code != 0 || out.Len() == 0 {
		t.Fatalf("ports: %d %q %q", code, out.String(), errb.String())
	}
	errb.Reset()
	missing := filepath.Join(t.TempDir(), "ttyUSB9")
	if code := dispatch([]string{"printer", "test", "--port", missing}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "Không tìm thấy cổng") || !strings.Contains(errb.String(), "Port not found") {
		t.Fatalf("missing port: %d %q", code, errb.String())
	}
}

func TestPrinterTestPrintsIntoEmulator(t *testing.T) {
	link := filepath.Join(t.TempDir(), "printer")
	sim, err := printersim.Start(link, t.TempDir(), 384)
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	var out, errb bytes.Buffer
	if code := dispatch([]string{"printer", "test", "--port", link, "--profile", "58mm", "--code-page", "tcvn3", "--code-page-number", "30"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	j, err := sim.WaitJob(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(j.Texts, "\n")
	if len(j.QRs) != 1 || !strings.Contains(texts, "TRANG IN THỬ") && !strings.Contains(texts, "TRANG IN THử") || !strings.Contains(texts, "ốồổỗộ") {
		t.Fatalf("job %+v", j)
	}
	if !strings.Contains(out.String(), "status: online=true paper_end=false") {
		t.Fatalf("output %q", out.String())
	}
}

func TestBenchPrintMeetsTargets(t *testing.T) {
	var out, errb bytes.Buffer
	code := dispatch([]string{"bench", "print"}, &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "raster at 115200 ≤ 2 s: true") || !strings.Contains(out.String(), "code page at 9600 ≤ 3 s: true") {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errb.String())
	}
}
