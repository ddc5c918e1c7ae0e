package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

// `fleet status` lists every enrolled kiosk with its state through a real
// centre: one out of paper (red), one that never beat (offline).
func TestFleetStatus(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "centre.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := staff.New(db, nil, 4).SetPIN(ctx, staff.Staff, "246813"); err != nil {
		t.Fatal(err)
	}
	srv, err := centre.New(centre.Options{Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(), Fleet: db,
		Config: config.Default(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Store: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); db.Close() })
	kt, _, _ := device.Enroll(ctx, db, device.Kiosk, "KIOSK-01", time.Now())
	device.Enroll(ctx, db, device.Kiosk, "KIOSK-02", time.Now())
	ct, _, _ := device.Enroll(ctx, db, device.Counter, "QUAY-1", time.Now())
	if err := centre.NewClient(hs.URL, kt).Heartbeat(ctx, fleet.Beat{IntervalSeconds: 30, Version: "v1.4.0", Printer: fleet.PrinterOut,
		PrinterDetail: "paper end", Reader: fleet.ReaderOK, FreeDiskBytes: 8 << 30, CatalogVersion: "2026.12", LastError: "printer: paper end"}); err != nil {
		t.Fatal(err)
	}

	t.Setenv("MOTCUA_STAFF_PIN", "")
	if code, _, errs := withStdin(t, "000000\n", "fleet", "status", "--centre", hs.URL, "--token", ct); code != 1 || !strings.Contains(errs, "bad_pin") {
		t.Fatalf("wrong PIN: exit %d, %q", code, errs)
	}
	if code, _, errs := withStdin(t, "246813\n", "fleet", "status", "--centre", hs.URL, "--token", kt); code != 1 || !strings.Contains(errs, "refused") {
		t.Fatalf("kiosk token: exit %d, %q", code, errs)
	}
	code, out, errs := withStdin(t, "246813\n", "fleet", "status", "--centre", hs.URL, "--token", ct, "--json")
	var ks []centre.KioskHealth
	if code != 0 || json.Unmarshal([]byte(out), &ks) != nil || len(ks) != 2 {
		t.Fatalf("status: exit %d, %q %q", code, out, errs)
	}
	if ks[0].Kiosk != "KIOSK-01" || ks[0].State != fleet.Red || ks[0].Beat == nil || ks[0].Beat.Printer != fleet.PrinterOut || ks[0].Beat.Version != "v1.4.0" {
		t.Fatalf("KIOSK-01: %+v", ks[0])
	}
	if ks[1].Kiosk != "KIOSK-02" || ks[1].State != fleet.Offline || ks[1].Beat != nil {
		t.Fatalf("KIOSK-02: %+v", ks[1])
	}
	t.Setenv("MOTCUA_STAFF_PIN", "246813")
	code, out, errs = runCtl("fleet", "status", "--centre", hs.URL, "--token", ct)
	if code != 0 || !strings.Contains(out, "KIOSK-01  red") || !strings.Contains(out, "paper_out") || !strings.Contains(out, "8.0 GiB") ||
		!strings.Contains(out, "KIOSK-02  offline  never") {
		t.Fatalf("table: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCtl("fleet", "status", "--token", ct); code != 1 || !strings.Contains(errs, "--centre") {
		t.Fatalf("no --centre: exit %d, %q", code, errs)
	}
}
