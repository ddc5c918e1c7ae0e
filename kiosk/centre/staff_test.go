package centre

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
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

// Flagged bank notices reach staff on the centre: a second transfer for a
// paid fee is refunded, a transfer with no reference is assigned to the
// payment it was for; both need the PIN and are audited.
func TestStaffReconcilesNotices(t *testing.T) {
	c := newCentre(t, func(cfg *config.Config) { cfg.Payment.SePayKey = "sepay-test-key" })
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	counter := c.enroll(device.Counter, "c1")
	staffer := counter.WithPIN(testPIN)
	paid, err := kiosk.CreatePayment(ctx, PaymentRequest{Purpose: "Lệ phí", Amount: 50000})
	if err != nil {
		t.Fatal(err)
	}
	other, err := kiosk.CreatePayment(ctx, PaymentRequest{Purpose: "Lệ phí", Amount: 30000})
	if err != nil {
		t.Fatal(err)
	}
	notify := func(id int, amount int64, content string) {
		body := fmt.Sprintf(`{"id":%d,"transferType":"in","transferAmount":%d,"content":%q}`, id, amount, content)
		req, _ := http.NewRequest(http.MethodPost, c.url+"/notify/sepay", strings.NewReader(body))
		req.Header.Set("Authorization", "Apikey sepay-test-key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("notice %d answered %d", id, resp.StatusCode)
		}
	}
	notify(1, 50000, paid.Memo)            // pays
	notify(2, 50000, paid.Memo)            // paid twice: flagged already_paid
	notify(3, 30000, "chuyen tien le phi") // no reference: flagged unknown_ref

	var e *Error
	if _, err := counter.Flagged(ctx); !errors.As(err, &e) || e.Code != CodeBadPIN {
		t.Fatalf("flagged without PIN: %v; want bad_pin", err)
	}
	rows, err := staffer.Flagged(ctx)
	if err != nil || len(rows) != 2 || rows[0].Verdict != payment.VerdictAlreadyPaid || rows[1].Verdict != payment.VerdictUnknownRef {
		t.Fatalf("flagged = %+v, %v", rows, err)
	}
	if err := staffer.Refund(ctx, rows[0].ID, "hoàn qua VCB"); err != nil {
		t.Fatalf("refund: %v", err)
	}
	if err := staffer.Refund(ctx, rows[0].ID, "again"); !errors.As(err, &e) || e.Code != CodeState {
		t.Fatalf("refund twice: %v; want state", err)
	}
	if err := staffer.Assign(ctx, rows[1].ID, other.Ref, "citizen showed the transfer"); err != nil {
		t.Fatalf("assign: %v", err)
	}
	if v, err := kiosk.Payment(ctx, other.Ref); err != nil || v.Status != payment.Paid {
		t.Fatalf("assigned payment = %+v, %v", v.Payment, err)
	}
	if rows, err := staffer.Flagged(ctx); err != nil || len(rows) != 0 {
		t.Fatalf("still flagged: %+v, %v", rows, err)
	}
	log, err := c.db.AuditLog(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"centre_notice_refund": true, "centre_notice_assign": true}
	for _, a := range log {
		if want[a.Action] && a.Role == "staff" && strings.Contains(a.Detail, "device c1") {
			delete(want, a.Action)
		}
	}
	if len(want) > 0 {
		t.Fatalf("not audited: %v\n%+v", want, log)
	}
}
