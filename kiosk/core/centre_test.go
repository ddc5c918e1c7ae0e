package core

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/search"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
)

// testCentre is the real centre server on a fixed loopback address, so it
// can be stopped and started again on the same URL with the same store.
type testCentre struct {
	t       *testing.T
	addr    string
	handler http.Handler
	srv     *httptest.Server
	token   string
	// counterToken is a counter device's token (staff actions with centreStaffPIN).
	counterToken string
	db           *sqlite.DB // the centre's store
}

const centreStaffPIN = "482915"

func startTestCentre(t *testing.T, wrap func(http.Handler) http.Handler) *testCentre {
	t.Helper()
	return startTestCentreOpt(t, wrap, nil)
}

// startTestCentreOpt is startTestCentre with opt adjusting the server's options.
func startTestCentreOpt(t *testing.T, wrap func(http.Handler) http.Handler, opt func(*centre.Options)) *testCentre {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "centre.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := staff.New(db, nil, 4).SetPIN(ctx, staff.Staff, centreStaffPIN); err != nil {
		t.Fatal(err)
	}
	o := centre.Options{Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Visits: db, Fleet: db, Events: db.Events(), Config: config.Default(), Log: quiet()}
	if opt != nil {
		opt(&o)
	}
	s, err := centre.New(o)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stopRun := context.WithCancel(ctx)
	ran := make(chan struct{})
	go func() { defer close(ran); s.Run(runCtx) }() // the event broker and sweeps
	t.Cleanup(func() { stopRun(); <-ran })
	tok, _, err := device.Enroll(ctx, db, device.Kiosk, "KIOSK-01", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ctok, _, err := device.Enroll(ctx, db, device.Counter, "QUAY-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	c := &testCentre{t: t, handler: h, token: tok, counterToken: ctok, db: db}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.addr = ln.Addr().String()
	c.serve(ln)
	t.Cleanup(c.down)
	return c
}

func (c *testCentre) serve(ln net.Listener) {
	c.srv = httptest.NewUnstartedServer(c.handler)
	c.srv.Listener = ln
	c.srv.Start()
}

func (c *testCentre) url() string { return "http://" + c.addr }

// down stops the centre, cutting the kiosk's event stream.
func (c *testCentre) down() {
	if c.srv == nil {
		return
	}
	c.srv.CloseClientConnections()
	c.srv.Close()
	c.srv = nil
}

// up starts it again on the same address.
func (c *testCentre) up() {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		c.t.Fatalf("listen again on %s: %v", c.addr, err)
	}
	c.serve(ln)
}

func centreKiosk(t *testing.T, c *testCentre) (*Kiosk, *events.Recorder) {
	return startKiosk(t, func(cfg *config.Config) {
		cfg.Centre = config.Centre{URL: c.url(), Token: c.token}
	})
}

// waitLink waits until the latest centre:link event says up (no fixed sleep).
func waitLink(t *testing.T, rec *events.Recorder, up bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		ch := rec.Changed()
		evs := rec.Events()
		for i := len(evs) - 1; i >= 0; i-- {
			if evs[i].Name == eventCentreLink {
				if evs[i].Data.(CentreLink).Up == up {
					return
				}
				break
			}
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("no centre:link up=%v; events: %v", up, evs)
		}
	}
}

func TestKioskIssuesThroughTheCentre(t *testing.T) {
	c := startTestCentre(t, nil)
	k, rec := centreKiosk(t, c)
	waitLink(t, rec, true)
	if s := k.Status().Centre; s.Mode != "centre" || !s.Up {
		t.Fatalf("status centre: %+v", s)
	}
	info, err := k.QueueInfo()
	if err != nil || len(info.Services) == 0 {
		t.Fatalf("services from the centre: %+v %v", info, err)
	}
	tk, err := k.IssueTicket("HT", "")
	if err != nil || tk.Code != "A-0001" || tk.PrintState != "printed" {
		t.Fatalf("ticket: %+v %v", tk, err)
	}

	c.down()
	waitLink(t, rec, false)
	_, err = k.IssueTicket("HT", "")
	if err == nil || !strings.Contains(err.Error(), text.CentrePausedQueue.VI) {
		t.Fatalf("issue with the centre down: %v", err)
	}
	if s := k.Status().Centre; s.Up {
		t.Fatalf("status while down: %+v", s)
	}
	if res := k.Search("ly lich", search.Filter{}, 5); len(res.Results) == 0 {
		t.Fatal("search while the centre is down found nothing")
	}

	c.up()
	waitLink(t, rec, true)
	tk2, err := k.IssueTicket("HT", "")
	if err != nil || tk2.Code != "A-0002" {
		t.Fatalf("after the centre came back: %+v %v (want A-0002: no duplicate, no gap)", tk2, err)
	}
	if info, _ := k.TechCentre(); info.URL != "" {
		t.Fatal("TechCentre without technician mode")
	}
}

// The centre issues the number but the answer is lost: the kiosk retries
// with the same key and gets the same ticket back, not a second one.
func TestLostAnswerGivesOneTicket(t *testing.T) {
	var dropped atomic.Int32
	c := startTestCentre(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == centre.PathTickets && dropped.Add(1) == 1 {
				h.ServeHTTP(httptest.NewRecorder(), r) // the centre issues…
				conn, _, err := http.NewResponseController(w).Hijack()
				if err == nil {
					conn.Close() // …and the answer never reaches the kiosk
				}
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	k, rec := centreKiosk(t, c)
	waitLink(t, rec, true)
	tk, err := k.IssueTicket("CT", "")
	if err != nil || tk.Code != "B-0001" || !tk.Replayed {
		t.Fatalf("retried issue: %+v %v (want B-0001 replayed)", tk, err)
	}
	tk2, err := k.IssueTicket("CT", "")
	if err != nil || tk2.Code != "B-0002" || tk2.Replayed {
		t.Fatalf("next tap: %+v %v", tk2, err)
	}
}

// A kiosk whose centre never answers says so and never falls back to local numbers.
func TestCentreDownAtStart(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	k, rec := startKiosk(t, func(cfg *config.Config) {
		cfg.Centre = config.Centre{URL: "http://" + addr, Token: "mck_secret_never_shown"}
	})
	waitLink(t, rec, false)
	_, err := k.IssueTicket("HT", "")
	if err == nil || !strings.Contains(err.Error(), text.CentrePausedQueue.VI) {
		t.Fatalf("issue: %v", err)
	}
	if _, err := k.CreatePayment("2.000488", "Lệ phí", 200000); err == nil || !strings.Contains(err.Error(), text.CentrePausedPay.VI) {
		t.Fatalf("payment: %v", err)
	}
	if errors.Is(err, errNoStore) {
		t.Fatal("store error")
	}
	k.StaffSetup("technician", "730514")
	k.StaffUnlock("730514")
	info, err := k.TechCentre()
	if err != nil || info.URL != "http://"+addr || info.LastError == "" || info.Up {
		t.Fatalf("tech centre: %+v %v", info, err)
	}
	if strings.Contains(k.RecentLog(), "mck_secret") {
		t.Fatal("token in the log")
	}
	path, err := k.TechDiagnostics(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.Contains(string(b), "mck_secret") {
			t.Errorf("the centre token is in the diagnostics bundle (%s)", f.Name)
		}
	}
}

// The kiosk learns "paid" by push: a payment it created on the centre is
// confirmed at a counter, the pay screen gets payment:update (same
// PaymentView as local mode) and the receipt prints on the kiosk.
func TestCentrePaymentPaidByPush(t *testing.T) {
	c := startTestCentre(t, nil)
	k, rec := centreKiosk(t, c)
	waitLink(t, rec, true)
	pv, err := k.CreatePayment("2.000488", "Lệ phí LLTP", 200000)
	if err != nil || pv.Status != payment.Awaiting || pv.QRPng == "" || pv.AmountWords == "" || pv.SecondsLeft <= 0 {
		t.Fatalf("create: %+v %v", pv.Payment, err)
	}
	if got, err := k.GetPayment(pv.Ref); err != nil || got.Ref != pv.Ref {
		t.Fatalf("get: %+v %v", got.Payment, err)
	}
	counter := centre.NewClient(c.url(), c.counterToken).WithPIN(centreStaffPIN)
	if _, err := counter.StaffConfirm(context.Background(), pv.Ref, "paid in cash"); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for {
		ch := rec.Changed()
		done := false
		for _, ev := range rec.Events() {
			if v, ok := ev.Data.(PaymentView); ok && ev.Name == eventPayment && v.Ref == pv.Ref && v.Status == payment.Paid && v.ReceiptState == "printed" {
				done = true
			}
		}
		if done {
			break
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("no paid update with a printed receipt: %v", rec.Events())
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := k.printer.sim.WaitJob(ctx, 1); err != nil {
		t.Fatalf("no receipt printed on the kiosk: %v", err)
	}
}
