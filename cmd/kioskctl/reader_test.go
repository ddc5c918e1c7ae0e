//go:build linux

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/drivers/sim/readersim"
)

// lockedBuffer is written by one command's goroutine and read after it ends.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestReaderEmulateMonitor runs both commands against each other over a pty:
// the monitor keeps retrying until the emulator's link exists, so no start
// order is assumed. Cards come from a frames file so the test knows them.
func TestReaderEmulateMonitor(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "ttyCARD")
	var synthOut, errb bytes.Buffer
	if dispatch([]string{"idcard", "synth", "--n", "2", "--format", "mixed", "--seed", "21"}, &synthOut, &errb) != 0 {
		t.Fatal(errb.String())
	}
	file := filepath.Join(dir, "cards.txt")
	os.WriteFile(file, synthOut.Bytes(), 0o600)
	frames, _ := readersim.ReadFrames(bytes.NewReader(synthOut.Bytes()))
	var ids []*idcard.Identity
	for _, f := range frames {
		id, err := idcard.Parse(f)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}

	// The emulator runs until the monitor has seen its cards; only then is
	// it stopped, so neither start order nor speed matters.
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	old := readerContext
	readerContext = func() (context.Context, context.CancelFunc) { return context.WithCancel(parent) }
	defer func() { readerContext = old }()

	var mon, monErr, emu, emuErr lockedBuffer
	var wg sync.WaitGroup
	codes := make([]int, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer stop()
		codes[0] = dispatch([]string{"reader", "monitor", "--port", link, "--count", "2"}, &mon, &monErr)
	}()
	go func() {
		defer wg.Done()
		codes[1] = dispatch([]string{"reader", "emulate", "--link", link, "--file", file, "--every", "50ms"}, &emu, &emuErr)
	}()
	wg.Wait()
	if codes[0] != 0 || codes[1] != 0 {
		t.Fatalf("exit codes %v: %s %s", codes, monErr.String(), emuErr.String())
	}
	out := mon.String()
	if n := len(regexp.MustCompile(`(?m) OK source=(qr|mrz) id=\d{4}\*{6}\d{2} `).FindAllString(out, -1)); n != 2 {
		t.Errorf("monitor printed %d good cards, want 2:\n%s", n, out)
	}
	for i, id := range ids {
		for _, p := range []string{id.IDNumber, id.IDNumber[3:], id.FullName, id.DateOfBirth} {
			if strings.Contains(out, p) {
				t.Errorf("monitor output holds a personal field of card %d", i)
			}
		}
	}
	if !strings.Contains(emu.String(), "sent card 2") {
		t.Errorf("emulator did not send 2 cards: %s", emu.String())
	}
}

func TestReaderFlags(t *testing.T) {
	for _, args := range [][]string{
		{"reader", "emulate"},
		{"reader", "emulate", "--link", "/tmp/x", "--term", "tab"},
		{"reader", "monitor"},
		{"reader", "monitor", "--port", "/dev/null", "--mode", "nfc"},
	} {
		var out, errb bytes.Buffer
		if code := dispatch(args, &out, &errb); code == 0 || errb.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
