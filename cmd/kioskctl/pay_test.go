package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestPaySimulate(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg := config.Default().Payment
	cfg.CassoKey, cfg.PayOSKey, cfg.SePayKey = "ck", "pk", "sk"
	svc := payment.NewService(db, cfg, config.Default().Kiosk.KioskID, nil, nil, nil)
	srv := httptest.NewServer(svc.Receiver())
	defer srv.Close()
	noConfig := filepath.Join(t.TempDir(), "none.toml") // defaults: kiosk id KIOSK-01

	for _, c := range []struct {
		source string
		extra  []string
	}{{"casso", []string{"--key", "ck"}}, {"payos", []string{"--key", "pk"}}, {"sepay", []string{"--key", "sk"}}, {"sepay", []string{"--key", "sk", "--hmac"}}} {
		v, err := svc.Create(ctx, "fee", 25000, "")
		if err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		args := append([]string{"pay", "simulate", v.Ref, "25000", "--url", srv.URL, "--source", c.source, "--config", noConfig}, c.extra...)
		if code := dispatch(args, &out, &errb); code != 0 || !strings.Contains(out.String(), "HTTP 200") {
			t.Fatalf("%s %v: exit %d %s %s", c.source, c.extra, code, out.String(), errb.String())
		}
		if got, _ := svc.Get(ctx, v.Ref); got.Status != payment.Paid {
			t.Fatalf("%s: status %s", c.source, got.Status)
		}
	}
	// A wrong key is refused by the receiver: exit 1, nothing paid.
	v, _ := svc.Create(ctx, "fee", 25000, "")
	var out, errb bytes.Buffer
	if code := dispatch([]string{"pay", "simulate", "--url", srv.URL, "--key", "forged", "--config", noConfig, v.Ref, "25000"}, &out, &errb); code != 1 || !strings.Contains(out.String(), "HTTP 401") {
		t.Fatalf("forged: %d %s %s", code, out.String(), errb.String())
	}
	if got, _ := svc.Get(ctx, v.Ref); got.Status != payment.Awaiting {
		t.Fatalf("forged notice changed the payment: %s", got.Status)
	}
	if code := dispatch([]string{"pay", "simulate", v.Ref}, &out, &errb); code != 2 {
		t.Fatalf("missing amount: %d", code)
	}
}
