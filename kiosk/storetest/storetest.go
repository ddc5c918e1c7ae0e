// Package storetest is the contract every kiosk store implementation must
// pass (kiosk/sqlite today, a PostgreSQL store next). An implementation's
// test calls Run with a function opening a fresh, empty, migrated store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
	"github.com/motcua/kiosk/kiosk/staff"
)

// Stores is one store seen through every domain interface (often one value
// implementing them all).
type Stores struct {
	Queue   queue.Store
	Payment payment.Store
	Rating  rating.Store
	Staff   staff.Store
	Assist  assist.Store
	Catalog catalog.Store
	Audit   audit.Store
	Device  device.Store
	Events  events.Log        // nil: the event log case is skipped
	Officer officer.Store     // nil: the officer cases are skipped
	Visits  rating.VisitStore // nil: the visit-rating case is skipped
	Fleet   fleet.Store       // nil: the kiosk-health cases are skipped
}

// Options tunes the suite to an implementation.
type Options struct {
	Goroutines int // concurrent issuers (default 8)
	PerWorker  int // tickets each (default 25)
}

// Run runs the contract. open must return a fresh empty store and arrange
// its closing with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) Stores, opt ...Options) {
	o := Options{Goroutines: 8, PerWorker: 25}
	if len(opt) > 0 {
		o = opt[0]
	}
	t.Run("QueueNumberingConcurrent", func(t *testing.T) { testNumbering(t, open(t), o) })
	t.Run("QueueIdempotencyKey", func(t *testing.T) { testIdempotencyKey(t, open(t)) })
	t.Run("QueueNewDay", func(t *testing.T) { testNewDay(t, open(t)) })
	t.Run("QueueIssueRefused", func(t *testing.T) { testIssueRefused(t, open(t)) })
	t.Run("QueueCallOrder", func(t *testing.T) { testCallOrder(t, open(t)) })
	t.Run("QueueTicketStatus", func(t *testing.T) { testTicketStatus(t, open(t)) })
	t.Run("LifeActs", func(t *testing.T) { testLifeActs(t, open(t)) })
	t.Run("LifeActRefused", func(t *testing.T) { testLifeActRefused(t, open(t)) })
	t.Run("LifeTransferKeepsPlace", func(t *testing.T) { testLifeTransfer(t, open(t)) })
	t.Run("LifeConcurrentCalls", func(t *testing.T) { testLifeConcurrentCalls(t, open(t)) })
	t.Run("LifeConcurrentActs", func(t *testing.T) { testLifeConcurrentActs(t, open(t)) })
	t.Run("LifeGuidance", func(t *testing.T) { testLifeGuidance(t, open(t)) })
	t.Run("LifeLineOrder", func(t *testing.T) { testLifeLineOrder(t, open(t)) })
	t.Run("Counters", func(t *testing.T) { testCounters(t, open(t)) })
	t.Run("PaymentCreateGet", func(t *testing.T) { testPaymentCreate(t, open(t)) })
	t.Run("PaymentNoticeOnce", func(t *testing.T) { testNoticeOnce(t, open(t)) })
	t.Run("PaymentExpiry", func(t *testing.T) { testExpiry(t, open(t)) })
	t.Run("PaymentUpdateAtomic", func(t *testing.T) { testUpdateAtomic(t, open(t)) })
	t.Run("PaymentConfirmVoid", func(t *testing.T) { testConfirmVoid(t, open(t)) })
	runReconcile(t, open)
	t.Run("Ratings", func(t *testing.T) { testRatings(t, open(t)) })
	t.Run("StaffPINs", func(t *testing.T) { testPINs(t, open(t)) })
	t.Run("Assist", func(t *testing.T) { testAssist(t, open(t)) })
	t.Run("CatalogRoundTrip", func(t *testing.T) { testCatalog(t, open(t)) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, open(t)) })
	t.Run("Devices", func(t *testing.T) { testDevices(t, open(t)) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open(t)) })
	runOfficers(t, open)
	runFleet(t, open)
}

var t0 = time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC)

func plain(service, day, prio string) func(*bool, int) (queue.Ticket, error) {
	return func(_ *bool, last int) (queue.Ticket, error) {
		n := last + 1
		return queue.Ticket{Service: service, Day: day, Number: n, Code: queue.TicketCode(service, n), Priority: prio,
			IssuedAt: t0.Format(time.RFC3339), PrintState: queue.StatePending}, nil
	}
}

func issue(t *testing.T, s queue.Store, service, day, prio string) queue.Ticket {
	t.Helper()
	tk, err := s.IssueTicket(context.Background(), service, day, "", plain(service, day, prio))
	if err != nil {
		t.Fatalf("issue %s %s: %v", service, day, err)
	}
	if tk.ID == 0 {
		t.Fatalf("issue %s: no ID", service)
	}
	return tk
}

func testNumbering(t *testing.T, st Stores, o Options) {
	ctx := context.Background()
	services := []string{"HT", "CT"}
	var wg sync.WaitGroup
	errs := make(chan error, o.Goroutines)
	for g := 0; g < o.Goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < o.PerWorker; i++ {
				svc := services[(g+i)%len(services)]
				if _, err := st.Queue.IssueTicket(ctx, svc, "2026-11-22", "", plain(svc, "2026-11-22", "")); err != nil {
					errs <- fmt.Errorf("goroutine %d: %w", g, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	ts, err := st.Queue.Tickets(ctx, "2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != o.Goroutines*o.PerWorker {
		t.Fatalf("%d tickets stored, want %d", len(ts), o.Goroutines*o.PerWorker)
	}
	nums := map[string][]int{}
	for i, tk := range ts {
		if i > 0 && tk.ID >= ts[i-1].ID {
			t.Fatalf("Tickets not newest first: %d after %d", tk.ID, ts[i-1].ID)
		}
		nums[tk.Service] = append(nums[tk.Service], tk.Number)
	}
	for svc, ns := range nums {
		sort.Ints(ns)
		for i, n := range ns {
			if n != i+1 {
				t.Fatalf("%s: numbers %v: gap or duplicate at %d", svc, ns, i+1)
			}
		}
	}
	counts, err := st.Queue.ServiceCounts(ctx, "2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	for svc, ns := range nums {
		if c := counts[svc]; c.Issued != len(ns) || c.Waiting != len(ns) {
			t.Fatalf("%s counts %+v, want %d issued and waiting", svc, c, len(ns))
		}
	}
}

func testNewDay(t *testing.T, st Stores) {
	for i, c := range []struct {
		service, day string
		want         int
	}{
		{"HT", "2026-11-22", 1}, {"HT", "2026-11-22", 2}, {"CT", "2026-11-22", 1},
		{"HT", "2026-11-23", 1}, {"HT", "2026-11-22", 3}, {"HT", "2026-11-23", 2},
	} {
		if tk := issue(t, st.Queue, c.service, c.day, ""); tk.Number != c.want || tk.Day != c.day {
			t.Fatalf("step %d: %s %s got number %d, want %d", i, c.service, c.day, tk.Number, c.want)
		}
	}
}

func testIssueRefused(t *testing.T, st Stores) {
	ctx := context.Background()
	refuse := errors.New("closed")
	var sawOverride *bool
	_, err := st.Queue.IssueTicket(ctx, "HT", "2026-11-22", "", func(o *bool, last int) (queue.Ticket, error) {
		sawOverride = o
		return queue.Ticket{}, refuse
	})
	if !errors.Is(err, refuse) || sawOverride != nil {
		t.Fatalf("refused issue: %v, override %v", err, sawOverride)
	}
	if ts, _ := st.Queue.Tickets(ctx, "2026-11-22"); len(ts) != 0 {
		t.Fatalf("a refused issue stored %d tickets", len(ts))
	}
	if _, ok, err := st.Queue.ServiceOverride(ctx, "HT"); ok || err != nil {
		t.Fatalf("override before any: %v %v", ok, err)
	}
	for _, open := range []bool{false, true, false} {
		if err := st.Queue.SetServiceOverride(ctx, "HT", open); err != nil {
			t.Fatal(err)
		}
		got, ok, err := st.Queue.ServiceOverride(ctx, "HT")
		if !ok || got != open || err != nil {
			t.Fatalf("override %v: got %v %v %v", open, got, ok, err)
		}
		st.Queue.IssueTicket(ctx, "HT", "2026-11-22", "", func(o *bool, last int) (queue.Ticket, error) {
			sawOverride = o
			return queue.Ticket{}, refuse
		})
		if sawOverride == nil || *sawOverride != open {
			t.Fatalf("IssueTicket saw override %v, want %v", sawOverride, open)
		}
	}
	// A next that lies about the number is refused, and stores nothing.
	if _, err := st.Queue.IssueTicket(ctx, "HT", "2026-11-22", "", func(o *bool, last int) (queue.Ticket, error) {
		return queue.Ticket{Service: "HT", Day: "2026-11-22", Number: last + 2, Code: "HT-X"}, nil
	}); err == nil {
		t.Fatal("a gap was accepted")
	}
}

func testCallOrder(t *testing.T, st Stores) {
	ctx := context.Background()
	day := "2026-11-22"
	for _, p := range []string{"", "elderly", "", "", "disabled"} { // 1 2P 3 4 5P
		issue(t, st.Queue, "HT", day, p)
	}
	issue(t, st.Queue, "CT", day, "")
	l, err := st.Queue.Line(ctx, "HT", day)
	if err != nil {
		t.Fatal(err)
	}
	want := []queue.Waiting{{Number: 1}, {Number: 2, Priority: true}, {Number: 3}, {Number: 4}, {Number: 5, Priority: true}}
	if fmt.Sprint(noIDs(l.Waiting)) != fmt.Sprint(want) || len(l.Called) != 0 {
		t.Fatalf("line %+v", l)
	}
	// The store calls what pick chooses, in the order chosen (strict priority here).
	strict := func(l queue.Line) (int64, bool) {
		o := queue.Order(l.Waiting, queue.Strict, 1, 0)
		if len(o) == 0 {
			return 0, false
		}
		return o[0].ID, true
	}
	var got []int
	for {
		tk, err := st.Queue.CallTicket(ctx, "HT", day, strict, called("1", ""))
		if errors.Is(err, queue.ErrNoneWaiting) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !tk.Called || tk.Service != "HT" || tk.Status != queue.StatusCalled || tk.Counter != "1" {
			t.Fatalf("called ticket %+v", tk)
		}
		got = append(got, tk.Number)
	}
	if fmt.Sprint(got) != "[2 5 1 3 4]" {
		t.Fatalf("call order %v, want [2 5 1 3 4]", got)
	}
	l, _ = st.Queue.Line(ctx, "HT", day)
	if len(l.Waiting) != 0 || fmt.Sprint(noIDs(l.Called)) != "[{0 2 true} {0 5 true} {0 1 false} {0 3 false} {0 4 false}]" {
		t.Fatalf("line after calls %+v (Called must be in call order)", l)
	}
	if c, _ := st.Queue.ServiceCounts(ctx, day); c["HT"] != (queue.Counts{Waiting: 0, Issued: 5}) || c["CT"] != (queue.Counts{Waiting: 1, Issued: 1}) {
		t.Fatalf("counts %+v", c)
	}
}

func testTicketStatus(t *testing.T, st Stores) {
	ctx := context.Background()
	tk := issue(t, st.Queue, "HT", "2026-11-22", "elderly")
	got, err := st.Queue.Ticket(ctx, tk.ID)
	if err != nil || got.PrintState != queue.StatePending || got.Code != tk.Code || got.Priority != "elderly" || got.IssuedAt != tk.IssuedAt || got.Called {
		t.Fatalf("stored %+v %v", got, err)
	}
	if _, err := st.Queue.Ticket(ctx, tk.ID+100); !errors.Is(err, queue.ErrNoTicket) {
		t.Fatalf("unknown ticket: %v", err)
	}
	f := queue.Fault{At: t0.Format(time.RFC3339), Kind: queue.FaultPaperEnd, TicketID: tk.ID, Detail: "paper"}
	if err := st.Queue.MarkPrintFailed(ctx, tk.ID, &f); err != nil || f.ID == 0 {
		t.Fatalf("mark failed: %v id %d", err, f.ID)
	}
	if got, _ = st.Queue.Ticket(ctx, tk.ID); got.PrintState != queue.StateFailed || got.PrintError != queue.FaultPaperEnd {
		t.Fatalf("after failure %+v", got)
	}
	for range 2 {
		if err := st.Queue.AddReprint(ctx, tk.ID); err != nil {
			t.Fatal(err)
		}
	}
	at := t0.Add(time.Minute).Format(time.RFC3339)
	if err := st.Queue.MarkPrinted(ctx, tk.ID, at); err != nil {
		t.Fatal(err)
	}
	if got, _ = st.Queue.Ticket(ctx, tk.ID); got.PrintState != queue.StatePrinted || got.PrintError != "" || got.PrintedAt != at || got.Reprints != 2 {
		t.Fatalf("after print %+v", got)
	}
	g := queue.Fault{At: at, Kind: queue.FaultCoverOpen, Detail: "cover"}
	if err := st.Queue.AddFault(ctx, &g); err != nil || g.ID == 0 {
		t.Fatal(err)
	}
	fs, err := st.Queue.Faults(ctx, 10)
	if err != nil || len(fs) != 2 || fs[0].Kind != queue.FaultCoverOpen || fs[0].TicketID != 0 ||
		fs[1].Kind != queue.FaultPaperEnd || fs[1].TicketID != tk.ID || fs[1].Ticket != tk.Code {
		t.Fatalf("faults %+v %v", fs, err)
	}
	if fs, _ := st.Queue.Faults(ctx, 1); len(fs) != 1 {
		t.Fatalf("limit 1: %d faults", len(fs))
	}
}

func newPayment(ref string, amount int64, expires time.Time) payment.Payment {
	return payment.Payment{Ref: ref, Procedure: "1.001", Purpose: "phí", Amount: amount, Status: payment.Awaiting,
		CreatedAt: t0.Format(time.RFC3339), ExpiresAt: expires.UTC().Format(time.RFC3339)}
}

func create(t *testing.T, s payment.Store, p payment.Payment) payment.Payment {
	t.Helper()
	if err := s.CreatePayment(context.Background(), &p); err != nil || p.ID == 0 {
		t.Fatalf("create %s: %v (id %d)", p.Ref, err, p.ID)
	}
	return p
}

func testPaymentCreate(t *testing.T, st Stores) {
	ctx := context.Background()
	p := create(t, st.Payment, newPayment("KAAAAAA", 50000, t0.Add(15*time.Minute)))
	got, err := st.Payment.Payment(ctx, "KAAAAAA")
	if err != nil || got != p {
		t.Fatalf("get %+v %v, want %+v", got, err, p)
	}
	dup := newPayment("KAAAAAA", 1, t0)
	if err := st.Payment.CreatePayment(ctx, &dup); !errors.Is(err, payment.ErrRefTaken) {
		t.Fatalf("same ref twice: %v", err)
	}
	if _, err := st.Payment.Payment(ctx, "KNOPE"); !errors.Is(err, payment.ErrNotFound) {
		t.Fatalf("unknown ref: %v", err)
	}
	create(t, st.Payment, newPayment("KBBBBBB", 7000, t0.Add(15*time.Minute)))
	if err := st.Payment.SetReceiptState(ctx, "KBBBBBB", payment.ReceiptPrinted); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		statuses []string
		want     string
	}{{nil, "[KBBBBBB KAAAAAA]"}, {[]string{payment.Awaiting}, "[KBBBBBB KAAAAAA]"}, {[]string{payment.Paid}, "[]"}} {
		ps, err := st.Payment.Payments(ctx, t0, c.statuses)
		var refs []string
		for _, p := range ps {
			refs = append(refs, p.Ref)
		}
		if err != nil || fmt.Sprint(refs) != c.want {
			t.Fatalf("list %v: %v %v, want %s", c.statuses, refs, err, c.want)
		}
	}
	if got, _ := st.Payment.Payment(ctx, "KBBBBBB"); got.ReceiptState != payment.ReceiptPrinted {
		t.Fatalf("receipt state %q", got.ReceiptState)
	}
	if ps, _ := st.Payment.Payments(ctx, t0.Add(time.Hour), nil); len(ps) != 0 {
		t.Fatalf("since filter: %d", len(ps))
	}
}

func testNoticeOnce(t *testing.T, st Stores) {
	ctx := context.Background()
	create(t, st.Payment, newPayment("KCCCCCC", 50000, t0.Add(15*time.Minute)))
	n := payment.NoticeRow{Source: "casso", TxID: "tx-1", At: t0.Format(time.RFC3339), Amount: 50000, Ref: "KCCCCCC", Verdict: payment.VerdictPaid}
	var stored []bool
	for range 2 {
		err := st.Payment.Update(ctx, func(tx payment.Tx) error {
			ok, err := tx.RecordNotice(ctx, n)
			stored = append(stored, ok)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if fmt.Sprint(stored) != "[true false]" {
		t.Fatalf("recorded twice: %v, want [true false]", stored)
	}
	// Same tx id from another source is another notice.
	other := n
	other.Source = "payos"
	st.Payment.Update(ctx, func(tx payment.Tx) error { _, err := tx.RecordNotice(ctx, other); return err })
	ns, err := st.Payment.Notices(ctx, t0, nil)
	if err != nil || len(ns) != 2 || noID(ns[0]) != other || noID(ns[1]) != n {
		t.Fatalf("notices %+v %v", ns, err)
	}
	if ns, _ := st.Payment.Notices(ctx, t0, []string{payment.VerdictDuplicate}); len(ns) != 0 {
		t.Fatalf("verdict filter: %+v", ns)
	}
	st.Payment.Update(ctx, func(tx payment.Tx) error {
		got, ok, err := tx.Notice(ctx, "casso", "tx-1")
		if !ok || err != nil || noID(got) != n {
			t.Errorf("Notice: %+v %v %v", got, ok, err)
		}
		if _, ok, _ := tx.Notice(ctx, "casso", "tx-2"); ok {
			t.Error("unknown notice found")
		}
		return nil
	})
	// Through the ledger: the same bank notice twice pays once, one row.
	l := payment.New(st.Payment, 15*time.Minute, func() time.Time { return t0.Add(time.Minute) })
	p, err := l.Create(ctx, "1.001", "phí", 20000)
	if err != nil {
		t.Fatal(err)
	}
	bank := payment.Notice{Source: "sepay", TxID: "S-9", Amount: 20000, Description: "thanh toan " + p.Ref, At: t0}
	v1, err1 := l.Apply(ctx, bank)
	v2, err2 := l.Apply(ctx, bank)
	if err1 != nil || err2 != nil || v1.Verdict != payment.VerdictPaid || v2.Verdict != payment.VerdictDuplicate || v2.Changed {
		t.Fatalf("apply twice: %+v %v / %+v %v", v1, err1, v2, err2)
	}
	rows := 0
	ns, _ = st.Payment.Notices(ctx, t0, nil)
	for _, r := range ns {
		if r.Source == "sepay" && r.TxID == "S-9" {
			rows++
		}
	}
	if rows != 1 {
		t.Fatalf("%d rows for one notice sent twice", rows)
	}
}

func testExpiry(t *testing.T, st Stores) {
	ctx := context.Background()
	create(t, st.Payment, newPayment("KDUE001", 1000, t0.Add(5*time.Minute)))
	create(t, st.Payment, newPayment("KDUE002", 1000, t0.Add(10*time.Minute)))
	create(t, st.Payment, newPayment("KLATER1", 1000, t0.Add(time.Hour)))
	for i, c := range []struct {
		now  time.Time
		want string
	}{{t0, "[]"}, {t0.Add(5 * time.Minute), "[KDUE001]"}, {t0.Add(30 * time.Minute), "[KDUE002]"}, {t0.Add(30 * time.Minute), "[]"}} {
		refs, err := st.Payment.ExpirePayments(ctx, c.now)
		sort.Strings(refs)
		if err != nil || fmt.Sprint(refs) != c.want {
			t.Fatalf("step %d: expired %v %v, want %s", i, refs, err, c.want)
		}
	}
	for ref, want := range map[string]string{"KDUE001": payment.Expired, "KDUE002": payment.Expired, "KLATER1": payment.Awaiting} {
		if p, _ := st.Payment.Payment(ctx, ref); p.Status != want {
			t.Fatalf("%s is %s, want %s", ref, p.Status, want)
		}
	}
}

func testUpdateAtomic(t *testing.T, st Stores) {
	ctx := context.Background()
	p := create(t, st.Payment, newPayment("KEEEEEE", 1000, t0.Add(time.Hour)))
	boom := errors.New("boom")
	err := st.Payment.Update(ctx, func(tx payment.Tx) error {
		q, err := tx.Payment(ctx, p.Ref)
		if err != nil {
			return err
		}
		q.Status, q.PaidAt = payment.Paid, "x"
		if err := tx.SavePayment(ctx, q); err != nil {
			return err
		}
		if q2, _ := tx.Payment(ctx, p.Ref); q2.Status != payment.Paid {
			t.Errorf("a write is not visible inside its transaction")
		}
		tx.RecordNotice(ctx, payment.NoticeRow{Source: "sim", TxID: "rolled-back", At: t0.Format(time.RFC3339), Verdict: "paid"})
		tx.AppendAudit(ctx, audit.Entry{At: t0, Role: "staff", Action: "rolled_back"})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update error %v", err)
	}
	if q, _ := st.Payment.Payment(ctx, p.Ref); q.Status != payment.Awaiting {
		t.Fatalf("a failed Update left status %s", q.Status)
	}
	if ns, _ := st.Payment.Notices(ctx, t0, nil); len(ns) != 0 {
		t.Fatalf("a failed Update left notices %+v", ns)
	}
	if es, _ := st.Audit.AuditLog(ctx, 10); len(es) != 0 {
		t.Fatalf("a failed Update left audit %+v", es)
	}
	// Concurrent read-modify-write through Update loses nothing.
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := st.Payment.Update(ctx, func(tx payment.Tx) error {
				q, err := tx.Payment(ctx, p.Ref)
				if err != nil {
					return err
				}
				q.ReviewReason += fmt.Sprintf("%d,", i)
				return tx.SavePayment(ctx, q)
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if q, _ := st.Payment.Payment(ctx, p.Ref); len(q.ReviewReason) != 20 {
		t.Fatalf("concurrent updates lost: %q", q.ReviewReason)
	}
}

func testConfirmVoid(t *testing.T, st Stores) {
	ctx := context.Background()
	now := t0.Add(time.Minute)
	svc := payment.NewService(st.Payment, paymentConfig(), "K1", nil, nil, func() time.Time { return now })
	l := svc.Ledger()
	a, _ := l.Create(ctx, "", "phí", 30000)
	b, _ := l.Create(ctx, "", "phí", 40000)
	v, err := svc.ConfirmManual(ctx, a.Ref, staff.Staff, "nộp tiền mặt")
	if err != nil || v.Status != payment.Paid {
		t.Fatalf("confirm %+v %v", v, err)
	}
	if _, err := svc.ConfirmManual(ctx, a.Ref, staff.Staff, "lần hai"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Void(ctx, b.Ref, staff.Staff, ""); !errors.Is(err, payment.ErrReason) {
		t.Fatalf("void without reason: %v", err)
	}
	if _, err := svc.Void(ctx, b.Ref, staff.Staff, "thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	pa, _ := st.Payment.Payment(ctx, a.Ref)
	pb, _ := st.Payment.Payment(ctx, b.Ref)
	if pa.Status != payment.Paid || pa.Source != "staff" || pa.ReviewReason != "staff: nộp tiền mặt" ||
		pb.Status != payment.Cancelled || pb.ReviewReason != "void: thử nghiệm" {
		t.Fatalf("after confirm/void: %+v / %+v", pa, pb)
	}
	if _, err := svc.Void(ctx, a.Ref, staff.Staff, "x"); !errors.Is(err, payment.ErrState) {
		t.Fatalf("void of a paid payment: %v", err)
	}
	es, _ := st.Audit.AuditLog(ctx, 10)
	if len(es) != 2 || es[0].Action != "payment_void" || es[0].Target != b.Ref || es[0].Detail != "thử nghiệm" ||
		es[1].Action != "payment_confirm" || es[1].Target != a.Ref || es[1].Role != staff.Staff {
		t.Fatalf("audit %+v", es)
	}
	ns, _ := st.Payment.Notices(ctx, t0, []string{payment.VerdictStaff})
	if len(ns) != 1 || ns[0].Source != "staff" || ns[0].Ref != a.Ref {
		t.Fatalf("staff notices %+v", ns)
	}
}

func testRatings(t *testing.T, st Stores) {
	ctx := context.Background()
	for _, r := range []rating.Rating{
		{Day: "2026-11-22", At: t0, Context: "ticket", Service: "HT", Score: rating.Good},
		{Day: "2026-11-22", At: t0, Context: "ticket", Service: "HT", Score: rating.Bad, Reason: "wait"},
		{Day: "2026-11-22", At: t0, Context: "guide", Service: "CT", Score: rating.OK},
		{Day: "2026-11-23", At: t0, Context: "ticket", Service: "HT", Score: rating.Good},
	} {
		if err := st.Rating.AddRating(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.Rating.RatingSummary(ctx, "2026-11-22")
	if err != nil || fmt.Sprint(got) != "[{CT 0 1 0} {HT 1 0 1}]" {
		t.Fatalf("summary %v %v", got, err)
	}
	if got, _ := st.Rating.RatingSummary(ctx, "2026-11-24"); len(got) != 0 {
		t.Fatalf("empty day %v", got)
	}
}

func testPINs(t *testing.T, st Stores) {
	ctx := context.Background()
	if hs, err := st.Staff.PINHashes(ctx); err != nil || len(hs) != 0 {
		t.Fatalf("fresh hashes %v %v", hs, err)
	}
	for _, h := range []string{"$2a$hash1", "$2a$hash2"} {
		if err := st.Staff.SetPINHash(ctx, staff.Staff, h, t0, audit.Entry{At: t0, Role: "system", Action: "pin_set", Target: staff.Staff}); err != nil {
			t.Fatal(err)
		}
	}
	st.Staff.SetPINHash(ctx, staff.Technician, "$2a$tech", t0, audit.Entry{At: t0, Role: "system", Action: "pin_set", Target: staff.Technician})
	if hs, _ := st.Staff.PINHashes(ctx); len(hs) != 2 || hs[staff.Staff] != "$2a$hash2" || hs[staff.Technician] != "$2a$tech" {
		t.Fatalf("hashes %v", hs)
	}
	if p, err := st.Staff.PINPad(ctx); err != nil || p != (staff.Pad{}) {
		t.Fatalf("fresh pad %+v %v", p, err)
	}
	until := t0.Add(5 * time.Minute)
	err := st.Staff.UpdatePINPad(ctx, func(p *staff.Pad) (audit.Entry, error) {
		p.Failures, p.LockedUntil = 0, until
		return audit.Entry{At: t0, Role: "unknown", Action: "pad_locked"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Staff.PINPad(ctx); !p.LockedUntil.Equal(until) {
		t.Fatalf("lock not kept: %+v", p)
	}
	boom := errors.New("boom")
	st.Staff.UpdatePINPad(ctx, func(p *staff.Pad) (audit.Entry, error) { *p = staff.Pad{Failures: 3}; return audit.Entry{}, boom })
	if p, _ := st.Staff.PINPad(ctx); p.Failures != 0 || !p.LockedUntil.Equal(until) {
		t.Fatalf("a failed update changed the pad: %+v", p)
	}
	// Through the service: five wrong PINs lock, and the lock is in the store.
	now := t0.Add(time.Hour)
	svc := staff.New(st.Staff, func() time.Time { return now }, 4)
	if err := svc.SetPIN(ctx, staff.Staff, "482915"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < staff.MaxFailures; i++ {
		_, err = svc.Unlock(ctx, "000001")
	}
	if !errors.Is(err, staff.ErrLocked) {
		t.Fatalf("after %d wrong PINs: %v", staff.MaxFailures, err)
	}
	again := staff.New(st.Staff, func() time.Time { return now }, 4) // a restart
	if _, err := again.Unlock(ctx, "482915"); !errors.Is(err, staff.ErrLocked) {
		t.Fatalf("lock lost on restart: %v", err)
	}
	now = now.Add(staff.LockFor)
	if role, err := again.Unlock(ctx, "482915"); err != nil || role != staff.Staff {
		t.Fatalf("after the lock: %q %v", role, err)
	}
	es, _ := st.Audit.AuditLog(ctx, 100)
	if len(es) != 3+1+1+4+1+1 || es[0].Action != "unlock" {
		t.Fatalf("audit %d entries %+v", len(es), es)
	}
}

func testAssist(t *testing.T, st Stores) {
	ctx := context.Background()
	at := t0.Format(time.RFC3339)
	a, err := st.Assist.RaiseAssist(ctx, assist.Request{At: at, SessionID: 7, Screen: "guide", Procedure: "1.001"})
	if err != nil || a.ID == 0 {
		t.Fatal(a, err)
	}
	again, _ := st.Assist.RaiseAssist(ctx, assist.Request{At: t0.Add(time.Minute).Format(time.RFC3339), SessionID: 7, Screen: "guide"})
	b, _ := st.Assist.RaiseAssist(ctx, assist.Request{At: at, SessionID: 7, Screen: "payment"})
	if again.ID != a.ID || again.At != at || b.ID == a.ID {
		t.Fatalf("raise: %+v %+v %+v", a, again, b)
	}
	open, err := st.Assist.OpenAssists(ctx)
	if err != nil || len(open) != 2 || open[0].ID != a.ID || open[0].Procedure != "1.001" || open[1].ID != b.ID {
		t.Fatalf("open %+v %v", open, err)
	}
	for i, want := range []bool{true, false} {
		if ok, err := st.Assist.ResolveAssist(ctx, a.ID, t0, staff.Staff); ok != want || err != nil {
			t.Fatalf("resolve %d: %v %v", i, ok, err)
		}
	}
	if open, _ := st.Assist.OpenAssists(ctx); len(open) != 1 || open[0].ID != b.ID {
		t.Fatalf("open after resolve %+v", open)
	}
	c, _ := st.Assist.RaiseAssist(ctx, assist.Request{At: at, SessionID: 7, Screen: "guide"})
	if c.ID == a.ID {
		t.Fatal("a resolved request was reused")
	}
}

func testCatalog(t *testing.T, st Stores) {
	ctx := context.Background()
	if _, ok, err := st.Catalog.StoredCatalog(ctx); ok || err != nil {
		t.Fatalf("fresh store has a catalog: %v %v", ok, err)
	}
	if _, ok, _ := st.Catalog.CatalogMeta(ctx); ok {
		t.Fatal("fresh store has catalog meta")
	}
	f, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Catalog.ReplaceCatalog(ctx, f, t0); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.Catalog.StoredCatalog(ctx)
	if err != nil || !ok || got.Title != f.Title || got.Sample != f.Sample || len(got.Procedures) != len(f.Procedures) {
		t.Fatalf("round trip: %v %v, %d procedures of %d", ok, err, len(got.Procedures), len(f.Procedures))
	}
	want := map[string]string{}
	for _, p := range f.Procedures {
		want[p.Code] = fmt.Sprintf("%+v", p)
	}
	for i, p := range got.Procedures {
		if i > 0 && got.Procedures[i-1].Code >= p.Code {
			t.Fatalf("not ordered by code at %s", p.Code)
		}
		if want[p.Code] != fmt.Sprintf("%+v", p) {
			t.Fatalf("%s changed in the round trip", p.Code)
		}
	}
	m, ok, _ := st.Catalog.CatalogMeta(ctx)
	if !ok || m.Count != len(f.Procedures) || !m.ImportedAt.Equal(t0) || m.Title != f.Title {
		t.Fatalf("meta %+v", m)
	}
	first := got.Procedures[0]
	short := first.Code
	for n, i := 0, 0; i < len(short); i++ {
		if short[i] == '.' {
			if n++; n == 2 {
				short = short[:i]
				break
			}
		}
	}
	for _, code := range []string{first.Code, short} {
		if p, err := st.Catalog.FindProcedure(ctx, code); err != nil || p.Code != first.Code {
			t.Fatalf("find %s: %s %v", code, p.Code, err)
		}
	}
	if _, err := st.Catalog.FindProcedure(ctx, "9.999_%"); !errors.Is(err, catalog.ErrNotFound) {
		t.Fatalf("find unknown: %v", err)
	}
	fields, err := st.Catalog.FacetValues(ctx, catalog.FacetField)
	if err != nil || len(fields) == 0 || !sort.StringsAreSorted(fields) {
		t.Fatalf("fields %v %v", fields, err)
	}
	// Replace is whole: a smaller catalog leaves only itself.
	small := catalog.File{Format: catalog.FormatID, Title: "small", Procedures: f.Procedures[:1]}
	if err := st.Catalog.ReplaceCatalog(ctx, small, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.Catalog.StoredCatalog(ctx); len(got.Procedures) != 1 || got.Title != "small" {
		t.Fatalf("after replace: %d %q", len(got.Procedures), got.Title)
	}
	// Search misses group by query.
	for i, q := range []string{"ban do", "giay phep", "ban do"} {
		if err := st.Catalog.LogSearchMiss(ctx, q, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := st.Catalog.SearchMisses(ctx, t0, 10)
	if err != nil || len(ms) != 2 || ms[0].Query != "ban do" || ms[0].Count != 2 || !ms[0].Last.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("misses %+v %v", ms, err)
	}
}

func testAudit(t *testing.T, st Stores) {
	ctx := context.Background()
	log := audit.Log{Store: st.Audit, Now: func() time.Time { return t0 }}
	if err := log.Event(ctx, "kiosk_start", "v1"); err != nil {
		t.Fatal(err)
	}
	log.Event(ctx, "receipt_failed", "KAAAAAA: paper")
	if err := log.Action(ctx, staff.Technician, "catalog_import", "/tmp/c.json", "12"); err != nil {
		t.Fatal(err)
	}
	ev, err := st.Audit.EventLog(ctx, 10)
	if err != nil || len(ev) != 2 || ev[0].Kind != "receipt_failed" || ev[1].Kind != "kiosk_start" || ev[1].Detail != "v1" || !ev[1].At.Equal(t0) {
		t.Fatalf("events %+v %v", ev, err)
	}
	es, err := st.Audit.AuditLog(ctx, 10)
	want := audit.Entry{At: t0, Role: staff.Technician, Action: "catalog_import", Target: "/tmp/c.json", Detail: "12"}
	if err != nil || len(es) != 1 || !es[0].At.Equal(t0) || es[0].Role != want.Role || es[0].Action != want.Action || es[0].Target != want.Target || es[0].Detail != want.Detail {
		t.Fatalf("audit %+v %v", es, err)
	}
	if ev, _ := st.Audit.EventLog(ctx, 1); len(ev) != 1 {
		t.Fatalf("limit: %d", len(ev))
	}
}

func paymentConfig() config.Payment {
	c := config.Default().Payment
	c.ExpiryMinutes = 15
	return c
}

// testIdempotencyKey: the same key, even from concurrent callers and after
// the service closed, gives back one ticket; other keys get new numbers.
func testIdempotencyKey(t *testing.T, st Stores) {
	ctx := context.Background()
	next := plain("HT", "2026-11-22", "")
	const n = 8
	got := make([]queue.Ticket, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got[i], errs[i] = st.Queue.IssueTicket(ctx, "HT", "2026-11-22", "kiosk-1/7f3a", next)
		}(i)
	}
	wg.Wait()
	replays := 0
	for i := range got {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if got[i].ID != got[0].ID || got[i].Number != 1 {
			t.Fatalf("caller %d got ticket %d/%d, caller 0 got %d/%d: one key must give one ticket", i, got[i].ID, got[i].Number, got[0].ID, got[0].Number)
		}
		if got[i].Replayed {
			replays++
		}
	}
	if replays != n-1 {
		t.Fatalf("%d replays, want %d (one caller issues, the rest get it back)", replays, n-1)
	}
	if err := st.Queue.SetServiceOverride(ctx, "HT", false); err != nil {
		t.Fatal(err)
	}
	again, err := st.Queue.IssueTicket(ctx, "HT", "2026-11-22", "kiosk-1/7f3a", func(*bool, int) (queue.Ticket, error) {
		return queue.Ticket{}, errors.New("next must not be called for a known key")
	})
	if err != nil || again.ID != got[0].ID || !again.Replayed {
		t.Fatalf("replay after closing: %+v %v", again, err)
	}
	other := issue(t, st.Queue, "CT", "2026-11-22", "")
	if other.Replayed || other.ID == got[0].ID {
		t.Fatalf("a ticket without key: %+v", other)
	}
	ts, err := st.Queue.Tickets(ctx, "2026-11-22")
	if err != nil || len(ts) != 2 {
		t.Fatalf("tickets stored: %d %v, want 2", len(ts), err)
	}
}

// noID is a notice row without its store-assigned ID, for comparing.
func noID(n payment.NoticeRow) payment.NoticeRow { n.ID = 0; return n }
