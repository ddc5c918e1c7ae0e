package centre

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
)

func TestStaffPaymentActions(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	counter := c.enroll(device.Counter, "c1")
	pay := func() payment.View {
		v, err := kiosk.CreatePayment(ctx, PaymentRequest{Purpose: "Lệ phí", Amount: 50000, Procedure: "1.001"})
		if err != nil || v.Status != payment.Awaiting || !strings.HasPrefix(v.Memo, "K1 ") || v.QRPng == "" {
			t.Fatalf("create payment = %+v, %v", v.Payment, err)
		}
		return v
	}
	p1, p2 := pay(), pay()
	if got, err := counter.Payment(ctx, p1.Ref); err != nil || got.Ref != p1.Ref {
		t.Fatalf("counter reads payment: %+v, %v", got.Payment, err)
	}

	refused := []struct {
		name string
		cl   *Client
	}{
		{"no PIN", counter},
		{"wrong PIN", counter.WithPIN("975310")},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			var e *Error
			if _, err := tc.cl.StaffConfirm(ctx, p1.Ref, "paid in cash"); !errors.As(err, &e) || e.Code != CodeBadPIN || e.Status != 403 {
				t.Fatalf("confirm: %v; want 403 bad_pin", err)
			}
			if _, err := tc.cl.StaffVoid(ctx, p1.Ref, "mistake"); !errors.As(err, &e) || e.Code != CodeBadPIN {
				t.Fatalf("void: %v; want 403 bad_pin", err)
			}
		})
	}

	staffer := counter.WithPIN(testPIN)
	v, err := staffer.StaffConfirm(ctx, p1.Ref, "paid in cash")
	if err != nil || v.Status != payment.Paid {
		t.Fatalf("confirm = %+v, %v", v.Payment, err)
	}
	if v, err = staffer.StaffVoid(ctx, p2.Ref, "citizen left"); err != nil || v.Status == payment.Awaiting {
		t.Fatalf("void = %+v, %v", v.Payment, err)
	}
	var e *Error
	if _, err := staffer.StaffConfirm(ctx, "PNOTAREF", "x"); !errors.As(err, &e) || e.Code != CodeNotFound {
		t.Fatalf("confirm unknown ref: %v; want not_found", err)
	}
	if _, err := kiosk.CancelPayment(ctx, p1.Ref); !errors.As(err, &e) || e.Code != CodeState {
		t.Fatalf("cancel a paid payment: %v; want state", err)
	}

	log, err := c.db.AuditLog(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"centre_payment_confirm": p1.Ref, "centre_payment_void": p2.Ref}
	for _, a := range log {
		if ref, ok := want[a.Action]; ok && a.Target == ref && a.Role == "staff" && strings.Contains(a.Detail, "device c1") {
			delete(want, a.Action)
		}
	}
	if len(want) > 0 {
		t.Fatalf("not audited with the device name: %v\n%+v", want, log)
	}
}

func TestStaffNoticesWithoutReconciler(t *testing.T) {
	c := newCentre(t)
	counter := c.enroll(device.Counter, "c1").WithPIN(testPIN)
	_, err := counter.Flagged(context.Background())
	var e *Error
	if _, ok := any(c.srv.centre.Ledger()).(reconciler); ok {
		if err != nil {
			t.Fatalf("flagged: %v", err)
		}
		return
	}
	if !errors.As(err, &e) || e.Status != 501 {
		t.Fatalf("flagged without a reconciling ledger: %v; want 501", err)
	}
}
