package core

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/session"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestStartWithDefaults(t *testing.T) {
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	k := New(Options{Config: cfg, Logger: quiet()})
	rec := &events.Recorder{}
	k.Start(context.Background(), rec)
	defer k.Stop()
	st := k.Status()
	if len(st.Problems) != 0 {
		t.Fatalf("problems on a clean start: %+v", st.Problems)
	}
	if st.Session.State != "attract" || st.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("status %+v", st)
	}
	if s := k.Touch(); s.State != "active" {
		t.Fatalf("touch: %+v", s)
	}
	if s := k.EndSession(); s.State != "attract" {
		t.Fatalf("end: %+v", s)
	}
	var states []string
	for _, e := range rec.Events() {
		if e.Name == "session:state" {
			states = append(states, e.Data.(session.State).State)
		}
	}
	if strings.Join(states, ",") != "active,attract" {
		t.Fatalf("session events: %v", states)
	}
}

func TestUnwritableStoreBecomesAProblem(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o600)
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(blocker, "kiosk.db")
	k := New(Options{Config: cfg, Logger: quiet()})
	k.Start(context.Background(), nil)
	defer k.Stop()
	probs := k.Status().Problems
	if len(probs) != 1 || probs[0].Area != "store" || !strings.Contains(probs[0].Detail, "not writable") {
		t.Fatalf("problems: %+v", probs)
	}
	if !strings.Contains(probs[0].Citizen, "Vui lòng liên hệ cán bộ") {
		t.Fatalf("citizen message: %q", probs[0].Citizen)
	}
}

func TestInvalidConfigIsShownNotFatal(t *testing.T) {
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	k := New(Options{Config: cfg, ConfigErr: errors.New("printer.baud: unsupported baud rate 7"), Logger: quiet()})
	k.Start(context.Background(), nil)
	defer k.Stop()
	probs := k.Status().Problems
	if len(probs) != 1 || probs[0].Area != "config" || !strings.Contains(probs[0].Detail, "printer.baud") {
		t.Fatalf("problems: %+v", probs)
	}
}
