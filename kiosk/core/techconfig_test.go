package core

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
)

func TestTechnicianSavesConfigAtomically(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "kiosk.toml")
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(dir, "kiosk.db")
	k := New(Options{Config: cfg, ConfigPath: cfgPath, Logger: quiet()})
	k.Start(context.Background(), nil)
	defer k.Stop()

	if _, err := k.TechGetSettings(); err == nil {
		t.Fatal("settings readable without technician mode")
	}
	if v := k.StaffSetup("technician", "730514"); v.Error != "" {
		t.Fatal(v.Error)
	}
	if v := k.StaffSetup("staff", "482915"); v.Error != "" {
		t.Fatal(v.Error)
	}
	if v := k.StaffUnlock("482915"); v.Role != "staff" {
		t.Fatalf("staff unlock: %+v", v)
	}
	if _, err := k.TechGetSettings(); err == nil {
		t.Fatal("staff may not edit config")
	}
	k.StaffLeave()
	if v := k.StaffUnlock("730514"); v.Role != "technician" {
		t.Fatalf("technician unlock: %+v", v)
	}
	s, err := k.TechGetSettings()
	if err != nil {
		t.Fatal(err)
	}
	var applied []string
	k.onConfigChange(func(old, new config.Config) {
		if old.Printer.Baud != new.Printer.Baud {
			applied = append(applied, "printer")
		}
	})

	bad := s
	bad.PrinterBaud = 1234
	bad.IdleSeconds = 1
	res, _ := k.TechSaveSettings(bad)
	if res.OK || len(res.Problems) != 2 || !strings.Contains(strings.Join(res.Problems, "\n"), "printer.baud: unsupported baud rate 1234") {
		t.Fatalf("bad settings: %+v", res)
	}
	if _, exists, _ := config.Load(cfgPath); exists {
		t.Fatal("an invalid save wrote the file")
	}

	s.PrinterBaud = 9600
	s.IdleSeconds = 90
	if res, err := k.TechSaveSettings(s); err != nil || !res.OK {
		t.Fatalf("save: %+v %v", res, err)
	}
	saved, exists, err := config.Load(cfgPath)
	if err != nil || !exists || saved.Printer.Baud != 9600 || saved.Session.IdleSeconds != 90 {
		t.Fatalf("file: %+v %v", saved.Printer, err)
	}
	if len(applied) != 1 || k.Status().IdleSeconds != 90 {
		t.Fatalf("not applied: %v %+v", applied, k.Status())
	}
}
