package payment_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	. "github.com/motcua/kiosk/kiosk/payment"
)

// A notice with no reference, assigned by staff, pays the payment and prints
// its receipt; the refund list then no longer shows it.
func TestServiceAssignNotice(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, "")
	v, _ := r.svc.Create(ctx, "fee", 45000, "")
	if code := r.postCasso(t, "casso-key", r.clk.now(), "881", 45000, "chuyen tien"); code != http.StatusOK {
		t.Fatal(code)
	}
	ns, err := r.svc.Flagged(ctx)
	if err != nil || len(ns) != 1 || ns[0].Verdict != VerdictUnknownRef {
		t.Fatalf("flagged %+v %v", ns, err)
	}
	got, err := r.svc.AssignNotice(ctx, ns[0].ID, v.Ref, "staff", "sao kê")
	if err != nil || got.Status != Paid || got.BankTx != "881" {
		t.Fatalf("assign %+v %v", got, err)
	}
	r.svc.Wait()
	if n := len(r.pr.printed()); n != 1 {
		t.Fatalf("%d receipts", n)
	}
	if ns, _ := r.svc.Flagged(ctx); len(ns) != 0 {
		t.Fatalf("still flagged %+v", ns)
	}
	// Two more flagged: one refunded, one left open.
	r.postCasso(t, "casso-key", r.clk.now(), "882", 45000, v.Memo) // already paid
	r.postCasso(t, "casso-key", r.clk.now(), "883", 1000, "chuyen tien")
	ns, _ = r.svc.Flagged(ctx)
	if len(ns) != 2 {
		t.Fatalf("flagged %+v", ns)
	}
	if _, err := r.svc.RefundNotice(ctx, ns[0].ID, "staff", "hoàn"); err != nil {
		t.Fatal(err)
	}
	sum, err := r.l.Summary(ctx, time.Time{})
	if want := (NoticeSummary{Flagged: 3, Refunded: 1, Assigned: 1, Open: 1}); err != nil || sum != want {
		t.Fatalf("summary %+v %v, want %+v", sum, err, want)
	}
}
