package core

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
)

// startKiosk starts a kiosk on the defaults (simulated devices) with its
// store in a temp dir; edit adjusts the config first. It stops at cleanup.
func startKiosk(t *testing.T, edit func(*config.Config)) (*Kiosk, *events.Recorder) {
	t.Helper()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	if edit != nil {
		edit(&cfg)
	}
	k := New(Options{Config: cfg, Logger: quiet()})
	rec := &events.Recorder{}
	k.Start(context.Background(), rec)
	t.Cleanup(k.Stop)
	return k, rec
}
