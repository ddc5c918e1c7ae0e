package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
)

// lineWriter hands each write to a channel (the emulator's progress lines).
type lineWriter struct {
	mu sync.Mutex
	ch chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case w.ch <- string(p):
	default:
	}
	return len(p), nil
}

func TestPrinterEmulateControlFile(t *testing.T) {
	dir := t.TempDir()
	link, out := filepath.Join(dir, "printer"), filepath.Join(dir, "out")
	stdout := &lineWriter{ch: make(chan string, 64)}
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- printerEmulate([]string{"--link", link, "--out", out, "--dots", "384"}, stdout, &errb) }()
	select {
	case l := <-stdout.ch:
		if !strings.Contains(l, "emulated printer at") {
			t.Fatalf("first line %q", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not start")
	}
	prof := config.Default().PrinterProfiles["58mm"]
	p := printer.New(serialport.OpenerFor(link, 115200, 100*time.Millisecond), printer.Options{Profile: prof, Baud: 115200})
	defer p.Close()
	if err := os.WriteFile(filepath.Join(out, "status"), []byte("paper_end near-end\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := p.Status(context.Background())
		if err == nil && st.PaperEnd && st.PaperNearEnd {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("control file not applied: %+v %v", st, err)
		}
		time.Sleep(50 * time.Millisecond) // polling, not asserting on time
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT) // the emulator is listening for it
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not stop on SIGINT")
	}
}
