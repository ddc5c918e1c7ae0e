package core

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/idcard/synth"
	"github.com/motcua/kiosk/kiosk/events"
)

// After a scanned session ends, the store file, its WAL and the logs hold
// neither the name nor the ID number; the session holds nothing either.
func TestScannedIdentityLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(dir, "kiosk.db")
	var logs bytes.Buffer
	k := New(Options{Config: cfg, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	rec := &events.Recorder{}
	k.Start(context.Background(), rec)

	g := synth.New(42)
	id, qr := g.QR()
	_, mrz := g.MRZ()
	// A garbled read first, then a good QR, then an MRZ burst.
	if ev := k.ScanWedge(qr[:len(qr)/2]); ev.OK || ev.ErrorVI == "" {
		t.Fatalf("half a QR accepted: %+v", ev)
	}
	ev := k.ScanWedge(qr)
	if !ev.OK || ev.Identity.Name != id.FullName || strings.Contains(ev.Identity.MaskedID, id.IDNumber[4:10]) {
		t.Fatalf("scan: %+v", ev)
	}
	if got := k.Identity(); got == nil || got.MaskedID != ev.Identity.MaskedID {
		t.Fatalf("identity not in session: %+v", got)
	}
	if ev := k.ScanWedge(strings.Join(mrz[:], "\n")); !ev.OK {
		t.Fatalf("mrz: %+v", ev)
	}
	k.Session.Tick(k.now()) // exercise the clock path with personal data held
	k.EndSession()
	if k.Identity() != nil {
		t.Fatal("identity survived the session")
	}
	k.Stop()

	secrets := []string{id.IDNumber, id.FullName, strings.ToUpper(id.FullName), id.Address}
	files, _ := filepath.Glob(filepath.Join(dir, "kiosk.db*"))
	if len(files) == 0 {
		t.Fatal("no store files to search")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, s := range secrets {
			if s != "" && bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains personal data %q", filepath.Base(f), s)
			}
		}
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(logs.String(), s) {
			t.Errorf("logs contain personal data %q", s)
		}
	}
	if !strings.Contains(logs.String(), "card not accepted") || !strings.Contains(logs.String(), "card read") {
		t.Fatalf("logs do not say what happened:\n%s", logs.String())
	}
}
