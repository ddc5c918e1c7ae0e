package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/motcua/kiosk/kiosk/dossier"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// startCentre runs a centre on loopback and enrolls a kiosk and a counter.
// Its dossier lookup is the simulator.
func startCentre(t *testing.T) (url, kioskToken, counterToken string) {
	t.Helper()
	return startCentreWith(t, nil)
}

// startCentreWith is startCentre with a dossier lookup (nil: the simulator).
func startCentreWith(t *testing.T, dossiers dossier.Lookup) (url, kioskToken, counterToken string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "centre.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := centre.New(centre.Options{Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(), Officers: db, Visits: db,
		Dossiers: dossiers, Config: config.Default(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Store: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); db.Close() })
	kioskToken, _, err = device.Enroll(ctx, db, device.Kiosk, "k1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	counterToken, _, err = device.Enroll(ctx, db, device.Counter, "c1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := officer.New(db, nil, 4).Add(ctx, "Lan", "975310"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MOTCUA_OFFICER_PIN", "975310")
	return hs.URL, kioskToken, counterToken
}

func runCtl(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCentreIssueThenCall(t *testing.T) {
	url, kt, ct := startCentre(t)
	code, out, errs := runCtl("ticket", "issue", "--centre", url, "--token", kt, "--service", "HT", "--json")
	var issued struct {
		Code    string `json:"code"`
		Service string `json:"service"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &issued) != nil || issued.Code != "A-0001" {
		t.Fatalf("ticket issue: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runCtl("counter", "next", "--centre", url, "--token", ct, "--counter", "1", "--officer", "Lan", "--json")
	var called struct {
		ID      int64  `json:"id"`
		Code    string `json:"code"`
		Counter string `json:"counter"`
		Called  bool   `json:"called"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &called) != nil || called.Code != issued.Code || called.Counter != "1" || !called.Called {
		t.Fatalf("counter next: exit %d, stdout %q, stderr %q; want %s", code, out, errs, issued.Code)
	}
	code, _, errs = runCtl("counter", "next", "--centre", url, "--token", ct, "--counter", "1", "--officer", "Lan", "--json")
	if code != 1 || !strings.Contains(errs, "A-0001") {
		t.Fatalf("counter next while A-0001 is at the counter: exit %d, stderr %q; want a refusal naming it", code, errs)
	}
	code, out, errs = runCtl("counter", "act", "--centre", url, "--token", ct, "--counter", "1", "--officer", "Lan", "--ticket", fmt.Sprint(called.ID), "--op", "noshow")
	if code != 0 || !strings.Contains(out, `"status": "noshow"`) {
		t.Fatalf("counter act noshow: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, _ = runCtl("counter", "next", "--centre", url, "--token", ct, "--counter", "1", "--officer", "Lan", "--json")
	if code != exitNoneWaiting || strings.TrimSpace(out) != "{}" {
		t.Fatalf("counter next on an empty queue: exit %d, stdout %q; want 3 and {}", code, out)
	}
}

func TestCentreErrors(t *testing.T) {
	url, kt, ct := startCentre(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad token", []string{"ticket", "issue", "--centre", url, "--token", "mck_wrong-wrong-wrong-wrong", "--service", "HT", "--json"}, "unknown or revoked"},
		{"counter token issues", []string{"ticket", "issue", "--centre", url, "--token", ct, "--service", "HT"}, "refused"},
		{"unknown service", []string{"ticket", "issue", "--centre", url, "--token", kt, "--service", "NOPE"}, "no such service"},
		{"kiosk calls", []string{"counter", "next", "--centre", url, "--token", kt, "--counter", "1", "--officer", "Lan"}, "refused"},
		{"no token", []string{"counter", "next", "--centre", url, "--token", "", "--counter", "1", "--officer", "Lan"}, "--token"},
		{"centre down", []string{"counter", "next", "--centre", "http://127.0.0.1:1", "--token", ct, "--counter", "1", "--officer", "Lan"}, "unreachable"},
		{"wrong officer", []string{"counter", "next", "--centre", url, "--token", ct, "--counter", "1", "--officer", "Nobody"}, "officer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCtl(tc.args...)
			if code != 1 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 and one line with %q", code, out, errs, tc.want)
			}
		})
	}
}
