package centre

import (
	"context"
	"errors"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/device"
)

func TestPaymentsOff(t *testing.T) {
	c := newCentre(t, func(cfg *config.Config) { cfg.Payment.Enabled = false })
	kiosk := c.enroll(device.Kiosk, "k1")
	var e *Error
	if _, err := kiosk.CreatePayment(context.Background(), PaymentRequest{Purpose: "x", Amount: 1000}); !errors.As(err, &e) || e.Code != CodePaymentsOff || e.Status != 409 {
		t.Fatalf("create with payments off: %v; want 409 payments_off", err)
	}
}

// A store that stops answering gives 503: healthz with the error, API
// requests as "unavailable" (the client's ErrUnreachable, so it retries).
func TestStoreDown(t *testing.T) {
	c := newCentre(t)
	kiosk := c.enroll(device.Kiosk, "k1")
	c.db.Close()
	ctx := context.Background()
	h, err := NewClient(c.url, "").Health(ctx)
	if h.OK || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("healthz with the store down: %+v, %v; want 503", h, err)
	}
	_, err = kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"})
	var e *Error
	if !errors.Is(err, ErrUnreachable) || !errors.As(err, &e) || e.Code != CodeUnavailable || e.Status != 503 {
		t.Fatalf("issue with the store down: %v; want 503 unavailable", err)
	}
}
