package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/staff"
)

// reconcileTests are the reconciliation subtests Run adds: flagged bank
// notices listed, refunded or assigned, each once, audited.
var reconcileTests = []struct {
	name string
	fn   func(t *testing.T, st Stores)
}{
	{"ReconcileAfterPaid", testReconcileAfterPaid},
	{"ReconcileUnknownRef", testReconcileUnknownRef},
	{"ReconcileWrongAmount", testReconcileWrongAmount},
	{"ReconcileParallelTransfers", testReconcileParallel},
}

func runReconcile(t *testing.T, open func(t *testing.T) Stores) {
	for _, c := range reconcileTests {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

func ledger(st Stores) *payment.Ledger {
	return payment.New(st.Payment, 15*time.Minute, func() time.Time { return t0.Add(time.Minute) })
}

func apply(t *testing.T, l *payment.Ledger, tx string, amount int64, memo, want string) payment.Verdict {
	t.Helper()
	v, err := l.Apply(context.Background(), payment.Notice{Source: "casso", TxID: tx, Amount: amount, Description: memo, At: t0})
	if err != nil || v.Verdict != want {
		t.Fatalf("notice %s: %+v %v, want verdict %s", tx, v, err, want)
	}
	return v
}

// flagged returns the open flagged notices and checks they are oldest first.
func flagged(t *testing.T, l *payment.Ledger) []payment.NoticeRow {
	t.Helper()
	ns, err := l.Flagged(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range ns {
		if n.ID == 0 || n.Resolution != "" || i > 0 && n.ID <= ns[i-1].ID {
			t.Fatalf("flagged list not open and oldest first: %+v", ns)
		}
	}
	return ns
}

// audits returns the audit rows (newest first) with the reconcile actions.
func audits(t *testing.T, st Stores) []string {
	t.Helper()
	es, err := st.Audit.AuditLog(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Action == payment.ActionNoticeRefund || e.Action == payment.ActionNoticeAssign {
			out = append(out, e.Role+" "+e.Action+" "+e.Target)
		}
	}
	return out
}

// A second transfer for a paid fee is flagged already_paid and refunded once.
func testReconcileAfterPaid(t *testing.T, st Stores) {
	ctx := context.Background()
	l := ledger(st)
	p, _ := l.Create(ctx, "", "phí", 50000)
	apply(t, l, "A1", 50000, "KIOSK01 "+p.Ref, payment.VerdictPaid)
	apply(t, l, "A2", 50000, "KIOSK01 "+p.Ref, payment.VerdictAlreadyPaid)
	ns := flagged(t, l)
	if len(ns) != 1 || ns[0].TxID != "A2" || ns[0].Verdict != payment.VerdictAlreadyPaid || ns[0].Ref != p.Ref || ns[0].Amount != 50000 {
		t.Fatalf("flagged %+v", ns)
	}
	id := ns[0].ID
	if _, err := l.Refund(ctx, id, staff.Staff, " "); !errors.Is(err, payment.ErrReason) {
		t.Fatalf("refund without a note: %v", err)
	}
	if _, err := l.Assign(ctx, id, p.Ref, staff.Staff, "x"); !errors.Is(err, payment.ErrState) {
		t.Fatalf("assign to a paid payment: %v", err)
	}
	n, err := l.Refund(ctx, id, staff.Staff, "hoàn qua VCB")
	if err != nil || n.Resolution != payment.Refunded || n.ResolvedAt == "" || n.Note != "hoàn qua VCB" {
		t.Fatalf("refund %+v %v", n, err)
	}
	if _, err := l.Refund(ctx, id, staff.Staff, "again"); !errors.Is(err, payment.ErrState) {
		t.Fatalf("refund twice: %v", err)
	}
	if _, err := l.Refund(ctx, id+100, staff.Staff, "x"); !errors.Is(err, payment.ErrNoNotice) {
		t.Fatalf("refund of no notice: %v", err)
	}
	if ns := flagged(t, l); len(ns) != 0 {
		t.Fatalf("still flagged %+v", ns)
	}
	if q, _ := l.Get(ctx, p.Ref); q.Status != payment.Paid || q.BankTx != "A1" {
		t.Fatalf("payment after refund %+v", q)
	}
	all, _ := l.Notices(ctx, time.Time{}, payment.VerdictAlreadyPaid)
	if len(all) != 1 || all[0].Resolution != payment.Refunded || all[0].Note != "hoàn qua VCB" {
		t.Fatalf("stored notice %+v", all)
	}
	if a := audits(t, st); len(a) != 1 || a[0] != fmt.Sprintf("staff payment_notice_refund notice:%d", id) {
		t.Fatalf("audit %q", a)
	}
}

// A transfer without a reference is assigned to the payment staff find.
func testReconcileUnknownRef(t *testing.T, st Stores) {
	ctx := context.Background()
	l := ledger(st)
	p, _ := l.Create(ctx, "", "phí", 30000)
	other, _ := l.Create(ctx, "", "phí", 40000)
	apply(t, l, "U1", 30000, "chuyen tien le phi", payment.VerdictUnknownRef)
	ns := flagged(t, l)
	if len(ns) != 1 || ns[0].Ref != "" {
		t.Fatalf("flagged %+v", ns)
	}
	id := ns[0].ID
	cases := []struct {
		ref  string
		want error
	}{
		{other.Ref, payment.ErrMismatch},
		{"PNOPE", payment.ErrNotFound},
	}
	for _, c := range cases {
		if _, err := l.Assign(ctx, id, c.ref, staff.Staff, "x"); !errors.Is(err, c.want) {
			t.Fatalf("assign to %s: %v, want %v", c.ref, err, c.want)
		}
	}
	if _, err := l.Assign(ctx, id, p.Ref, staff.Staff, ""); !errors.Is(err, payment.ErrReason) {
		t.Fatalf("assign without a note: %v", err)
	}
	q, err := l.Assign(ctx, id, p.Ref, staff.Staff, "sao kê khớp số tiền")
	if err != nil || q.Status != payment.Paid || q.BankTx != "U1" || q.Source != "casso" || q.PaidAt == "" {
		t.Fatalf("assign %+v %v", q, err)
	}
	if _, err := l.Assign(ctx, id, p.Ref, staff.Staff, "again"); !errors.Is(err, payment.ErrState) {
		t.Fatalf("assign twice: %v", err)
	}
	if ns := flagged(t, l); len(ns) != 0 {
		t.Fatalf("still flagged %+v", ns)
	}
	all, _ := l.Notices(ctx, time.Time{}, payment.VerdictUnknownRef)
	if len(all) != 1 || all[0].Resolution != payment.Assigned || all[0].ResolvedRef != p.Ref {
		t.Fatalf("stored notice %+v", all)
	}
	if a := audits(t, st); len(a) != 1 || a[0] != fmt.Sprintf("staff payment_notice_assign notice:%d %s", id, p.Ref) {
		t.Fatalf("audit %q", a)
	}
}

// A wrong amount can not pay its own payment; it can pay one asking that
// amount, or be refunded.
func testReconcileWrongAmount(t *testing.T, st Stores) {
	ctx := context.Background()
	l := ledger(st)
	p, _ := l.Create(ctx, "", "phí", 20000)
	right, _ := l.Create(ctx, "", "phí", 25000)
	apply(t, l, "W1", 25000, "KIOSK01 "+p.Ref, payment.VerdictWrongAmount)
	apply(t, l, "W2", 19000, "KIOSK01 "+p.Ref, payment.VerdictInReview)
	ns := flagged(t, l)
	if len(ns) != 2 || ns[0].TxID != "W1" || ns[1].TxID != "W2" {
		t.Fatalf("flagged %+v", ns)
	}
	if _, err := l.Assign(ctx, ns[0].ID, p.Ref, staff.Staff, "x"); !errors.Is(err, payment.ErrMismatch) {
		t.Fatalf("wrong amount onto its own payment: %v", err)
	}
	if q, err := l.Assign(ctx, ns[0].ID, right.Ref, staff.Staff, "nhầm mã"); err != nil || q.Status != payment.Paid || q.BankTx != "W1" {
		t.Fatalf("assign to the right payment %+v %v", q, err)
	}
	if _, err := l.Refund(ctx, ns[1].ID, staff.Staff, "hoàn 19.000"); err != nil {
		t.Fatal(err)
	}
	if q, _ := l.Get(ctx, p.Ref); q.Status != payment.NeedsReview {
		t.Fatalf("disputed payment changed: %+v", q)
	}
	if ns := flagged(t, l); len(ns) != 0 {
		t.Fatalf("still flagged %+v", ns)
	}
	if a := audits(t, st); len(a) != 2 {
		t.Fatalf("audit %q", a)
	}
}

// 20 transfers at once for one payment: exactly one pays it, 19 are flagged
// already_paid; one refunded and one assigned, each audited.
func testReconcileParallel(t *testing.T, st Stores) {
	ctx := context.Background()
	l := ledger(st)
	p, _ := l.Create(ctx, "", "phí", 70000)
	second, _ := l.Create(ctx, "", "phí", 70000)
	const n = 20
	verdicts := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := l.Apply(ctx, payment.Notice{Source: "sepay", TxID: fmt.Sprint("P", i), Amount: 70000, Description: "KIOSK01 " + p.Ref, At: t0})
			verdicts[i], errs[i] = v.Verdict, err
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("transfer %d: %v", i, errs[i])
		}
		count[verdicts[i]]++
	}
	if count[payment.VerdictPaid] != 1 || count[payment.VerdictAlreadyPaid] != n-1 {
		t.Fatalf("verdicts %v", count)
	}
	if q, _ := l.Get(ctx, p.Ref); q.Status != payment.Paid {
		t.Fatalf("payment %+v", q)
	}
	ns := flagged(t, l)
	if len(ns) != n-1 {
		t.Fatalf("%d flagged, want %d", len(ns), n-1)
	}
	if _, err := l.Refund(ctx, ns[0].ID, staff.Staff, "hoàn tiền"); err != nil {
		t.Fatal(err)
	}
	if q, err := l.Assign(ctx, ns[1].ID, second.Ref, staff.Staff, "nộp hộ hồ sơ thứ hai"); err != nil || q.Status != payment.Paid || q.BankTx != ns[1].TxID {
		t.Fatalf("assign %+v %v", q, err)
	}
	if left := flagged(t, l); len(left) != n-3 || left[0].ID != ns[2].ID {
		t.Fatalf("%d left flagged", len(left))
	}
	want := []string{
		fmt.Sprintf("staff payment_notice_assign notice:%d %s", ns[1].ID, second.Ref),
		fmt.Sprintf("staff payment_notice_refund notice:%d", ns[0].ID),
	}
	if a := audits(t, st); fmt.Sprint(a) != fmt.Sprint(want) {
		t.Fatalf("audit %q, want %q", a, want)
	}
}
