package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

// A second transfer for a paid fee shows up in `notices list` and is
// refunded with `notices refund`; the PIN comes on stdin, a wrong one is refused.
func TestNoticesListAndRefund(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Payment.SePayKey = "sepay-test-key"
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "centre.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := staff.New(db, nil, 4).SetPIN(ctx, staff.Staff, "246813"); err != nil {
		t.Fatal(err)
	}
	srv, err := centre.New(centre.Options{Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(),
		Config: cfg, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Store: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); db.Close() })
	kt, _, _ := device.Enroll(ctx, db, device.Kiosk, "k1", time.Now())
	ct, _, _ := device.Enroll(ctx, db, device.Counter, "c1", time.Now())
	p, err := centre.NewClient(hs.URL, kt).CreatePayment(ctx, centre.PaymentRequest{Purpose: "Lệ phí", Amount: 50000})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{1, 2} { // the second transfer is flagged already_paid
		body := fmt.Sprintf(`{"id":%d,"transferType":"in","transferAmount":50000,"content":%q}`, id, p.Memo)
		req, _ := http.NewRequest(http.MethodPost, hs.URL+"/notify/sepay", strings.NewReader(body))
		req.Header.Set("Authorization", "Apikey sepay-test-key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("notice %d: %v %v", id, resp, err)
		}
		resp.Body.Close()
	}
	t.Setenv("MOTCUA_STAFF_PIN", "")
	if code, _, errs := withStdin(t, "975310\n", "notices", "list", "--centre", hs.URL, "--token", ct); code != 1 || !strings.Contains(errs, "bad_pin") {
		t.Fatalf("wrong PIN: exit %d, %q", code, errs)
	}
	code, out, errs := withStdin(t, "246813\n", "notices", "list", "--centre", hs.URL, "--token", ct, "--json")
	var rows []payment.NoticeRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 || rows[0].Verdict != payment.VerdictAlreadyPaid || rows[0].Ref != p.Ref {
		t.Fatalf("list: exit %d, %q %q", code, out, errs)
	}
	id := fmt.Sprint(rows[0].ID)
	if code, _, errs := withStdin(t, "246813\n", "notices", "refund", id, "--centre", hs.URL, "--token", ct); code != 1 || !strings.Contains(errs, "--note") {
		t.Fatalf("refund without a note: exit %d, %q", code, errs)
	}
	t.Setenv("MOTCUA_STAFF_PIN", "246813")
	if code, out, errs := runCtl("notices", "refund", "--centre", hs.URL, "--token", ct, "--note", "hoàn qua VCB", id); code != 0 || !strings.Contains(out, "refunded") {
		t.Fatalf("refund: exit %d, %q %q", code, out, errs)
	}
	if code, out, _ := runCtl("notices", "list", "--centre", hs.URL, "--token", ct); code != 0 || !strings.Contains(out, "no flagged notices") {
		t.Fatalf("list after refund: exit %d, %q", code, out)
	}
}
