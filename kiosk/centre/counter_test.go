package centre

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/staff"
)

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

func TestSignIn(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	if _, err := officer.New(c.db, nil, 4).Add(ctx, "Lan", testOfficerPIN); err != nil {
		t.Fatal(err)
	}
	cl := c.enroll(device.Counter, "tablet-1")
	names, err := c.officers(cl)
	if err != nil || len(names) != 1 || names[0] != "Lan" {
		t.Fatalf("officers = %q, %v", names, err)
	}
	var e *Error
	if _, err := cl.SignIn(ctx, "1", "Lan", "000000"); !errors.As(err, &e) || e.Code != CodeWrongPIN || e.VI == "" || e.EN == "" {
		t.Fatalf("wrong PIN: %v", err)
	}
	if _, err := cl.SignIn(ctx, "1", "Nobody", testOfficerPIN); code(err) != CodeNoOfficer {
		t.Fatalf("unknown officer: %v", err)
	}
	if _, err := cl.SignIn(ctx, "99", "Lan", testOfficerPIN); code(err) != CodeNotFound {
		t.Fatalf("unknown counter: %v", err)
	}
	v, err := cl.SignIn(ctx, "1", "Lan", testOfficerPIN)
	if err != nil || v.State.Officer != "Lan" || cl.Officer == "" || len(v.Services) != 1 || v.Services[0] != "HT" {
		t.Fatalf("sign in = %+v, %v", v, err)
	}
	// Signed in at 1, not at 2; a kiosk cannot act at all; no session, no action.
	if _, err := cl.Counter(ctx, "2"); code(err) != CodeNoOfficer {
		t.Fatalf("another counter: %v", err)
	}
	if _, err := c.enroll(device.Counter, "tablet-2").CallNext(ctx, "1"); code(err) != CodeNoOfficer {
		t.Fatalf("a second tablet without a sign-in: %v", err)
	}
	if _, err := c.enroll(device.Kiosk, "k1").Counter(ctx, "1"); code(err) != CodeForbidden {
		t.Fatalf("kiosk: %v", err)
	}
	if err := cl.SignOut(ctx, "1"); err != nil {
		t.Fatal(err)
	}
	cl.Officer = "forged-or-ended"
	if _, err := cl.Counter(ctx, "1"); code(err) != CodeNoOfficer {
		t.Fatalf("after sign-out: %v", err)
	}
	for i := 0; i < staff.MaxFailures; i++ {
		cl.SignIn(ctx, "1", "Lan", "000000")
	}
	if _, err := cl.SignIn(ctx, "1", "Lan", testOfficerPIN); code(err) != CodeLocked {
		t.Fatalf("after %d wrong PINs: %v; want locked", staff.MaxFailures, err)
	}
}

func (c *testCentre) officers(cl *Client) ([]string, error) {
	var names []string
	_, err := cl.do(context.Background(), "GET", PathOfficers, nil, &names)
	return names, err
}

// Every operation of a visit, with the states that refuse it.
func TestCounterLifecycle(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	at1, at2 := c.officerAt("1"), c.officerAt("2")
	hall := follow(t, c.enroll(device.Display, "d1"), c.lastID())
	var ts []queue.Ticket
	for _, svc := range []string{"HT", "HT", "CT", "HT"} {
		tk, err := kiosk.IssueTicket(ctx, IssueRequest{Service: svc, Guidance: &queue.Guidance{Procedure: "1.001", Name: "Đăng ký khai sinh", Ticked: []string{"Tờ khai"}, Missing: []string{"Giấy chứng sinh"}}})
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tk)
	}
	call, err := at1.CallNext(ctx, "1")
	if err != nil || call.Ticket.ID != ts[0].ID || call.Officer != "Cán bộ 1" {
		t.Fatalf("call = %+v, %v", call, err)
	}
	v, err := at1.Counter(ctx, "1")
	if err != nil || v.Current == nil || v.Current.Guidance == nil || v.Current.Guidance.Missing[0] != "Giấy chứng sinh" {
		t.Fatalf("counter view: %+v, %v; want the current ticket with its guidance", v, err)
	}
	act := func(cl *Client, counter string, id int64, op string, r ActionRequest) (queue.Ticket, error) {
		return cl.Act(ctx, counter, id, op, r)
	}
	steps := []struct {
		name    string
		cl      *Client
		counter string
		id      int64
		op      string
		req     ActionRequest
		want    string // status, or the error code
	}{
		{"finish before start", at1, "1", ts[0].ID, OpFinish, ActionRequest{}, CodeState},
		{"another counter's ticket", at2, "2", ts[0].ID, OpRecall, ActionRequest{}, CodeForbidden},
		{"recall", at1, "1", ts[0].ID, OpRecall, ActionRequest{}, queue.StatusCalled},
		{"start", at1, "1", ts[0].ID, OpStart, ActionRequest{}, queue.StatusServing},
		{"no-show after start", at1, "1", ts[0].ID, OpNoShow, ActionRequest{}, CodeState},
		{"park needs a reason", at1, "1", ts[0].ID, OpPark, ActionRequest{}, CodeBadRequest},
		{"park", at1, "1", ts[0].ID, OpPark, ActionRequest{Reason: "thiếu bản sao"}, queue.StatusParked},
		{"call out of order needs a reason", at1, "1", ts[3].ID, OpCall, ActionRequest{}, CodeBadRequest},
		{"call a ticket of another service", at1, "1", ts[2].ID, OpCall, ActionRequest{Reason: "x"}, CodeForbidden},
		{"call out of order", at1, "1", ts[3].ID, OpCall, ActionRequest{Reason: "người cao tuổi"}, queue.StatusCalled},
		{"resume while another is called", at1, "1", ts[0].ID, OpResume, ActionRequest{}, CodeState},
		{"transfer to CT", at1, "1", ts[3].ID, OpTransfer, ActionRequest{Service: "CT", Reason: "nhầm dịch vụ"}, queue.StatusWaiting},
		{"resume", at1, "1", ts[0].ID, OpResume, ActionRequest{}, queue.StatusCalled},
		{"start again", at1, "1", ts[0].ID, OpStart, ActionRequest{}, queue.StatusServing},
		{"finish", at1, "1", ts[0].ID, OpFinish, ActionRequest{}, queue.StatusDone},
		{"unknown op", at1, "1", ts[0].ID, "explode", ActionRequest{}, CodeNotFound},
	}
	for _, s := range steps {
		got, err := act(s.cl, s.counter, s.id, s.op, s.req)
		have := got.Status
		if err != nil {
			have = code(err)
		}
		if have != s.want {
			t.Fatalf("%s: got %q (%v), want %q", s.name, have, err, s.want)
		}
	}
	// The transferred ticket waits in CT by issue order: B-0001 (ts[2]) was
	// issued before it, so B-0001 is called first (the store contract tests
	// the other way round: an older transferred ticket goes first).
	if first, err := c.officerAt("3").CallNext(ctx, "3"); err != nil || first.Ticket.ID != ts[2].ID {
		t.Fatalf("CT first call = %+v, %v", first.Ticket, err)
	}
	// Events: two calls announced plus the recall and the resume; finish is queue:done.
	var calls, recalls, done int
	for calls+recalls < 5 || done < 1 {
		e := hall.next(t)
		var cl queue.Call
		json.Unmarshal(e.Data, &cl)
		switch {
		case e.Name == queue.EventCall && cl.Recall:
			recalls++
		case e.Name == queue.EventCall:
			calls++
		case e.Name == queue.EventDone:
			done++
			if cl.Ticket.Status != queue.StatusDone || cl.Counter != "1" {
				t.Fatalf("done event %s", e.Data)
			}
		}
	}
	if calls != 3 || recalls != 2 {
		t.Fatalf("calls %d, recalls %d; want 3 and 2", calls, recalls)
	}
	// Audited with the officer.
	log, err := c.db.AuditLog(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var audited int
	for _, e := range log {
		if e.Role == "officer" && strings.Contains(e.Detail, "officer Cán bộ 1") {
			audited++
		}
	}
	if audited < len(steps)-6 {
		t.Fatalf("%d officer audit entries, want one per action done", audited)
	}
}

// Two officers pressing "next" at once get two different tickets.
func TestConcurrentNext(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	for i := 0; i < 2; i++ {
		if _, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
			t.Fatal(err)
		}
	}
	cls := []*Client{c.officerAt("1"), c.officerAt("2")}
	got := make([]int64, 2)
	var wg sync.WaitGroup
	for i, cl := range cls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call, err := cl.CallNext(ctx, []string{"1", "2"}[i])
			if err != nil {
				t.Error(err)
			}
			got[i] = call.Ticket.ID
		}()
	}
	wg.Wait()
	if got[0] == got[1] || got[0] == 0 || got[1] == 0 {
		t.Fatalf("both officers got %v", got)
	}
}

func TestPauseBlocksCalls(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	if _, err := c.enroll(device.Kiosk, "k1").IssueTicket(ctx, IssueRequest{Service: "HT"}); err != nil {
		t.Fatal(err)
	}
	cl := c.officerAt("1")
	if _, err := cl.SetCounterState(ctx, "1", StateRequest{Paused: true}); code(err) != CodeBadRequest {
		t.Fatalf("pause without a reason: %v", err)
	}
	if v, err := cl.SetCounterState(ctx, "1", StateRequest{Paused: true, Reason: "họp"}); err != nil || !v.State.Paused {
		t.Fatalf("pause: %+v, %v", v, err)
	}
	if _, err := cl.CallNext(ctx, "1"); code(err) != CodePaused {
		t.Fatalf("call while paused: %v", err)
	}
	if _, err := cl.SetCounterState(ctx, "1", StateRequest{Paused: false}); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.CallNext(ctx, "1"); err != nil {
		t.Fatalf("call after reopening: %v", err)
	}
}

// Finish opens the rating; the rating reaches the report and its CSV.
func TestRatingInReport(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	tablet := c.enroll(device.Display, "rating-1")
	tk, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT"})
	if err != nil {
		t.Fatal(err)
	}
	cl := c.officerAt("1")
	if _, err := cl.CallNext(ctx, "1"); err != nil {
		t.Fatal(err)
	}
	if err := tablet.Rate(ctx, RatingRequest{Ticket: tk.ID, Stars: 5}); code(err) != CodeState {
		t.Fatalf("rating before the service: %v", err)
	}
	for _, op := range []string{OpStart, OpFinish} {
		if _, err := cl.Act(ctx, "1", tk.ID, op, ActionRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []RatingRequest{{Ticket: tk.ID, Stars: 0}, {Ticket: tk.ID, Stars: 6}, {Ticket: tk.ID, Stars: 2, Reasons: []string{"bribe"}}} {
		if err := tablet.Rate(ctx, bad); code(err) != CodeBadRequest {
			t.Fatalf("rating %+v: %v", bad, err)
		}
	}
	if err := tablet.Rate(ctx, RatingRequest{Ticket: tk.ID, Stars: 2, Reasons: []string{"wait"}, Comment: "chờ lâu"}); err != nil {
		t.Fatal(err)
	}
	if err := kiosk.Rate(ctx, RatingRequest{Ticket: tk.ID, Stars: 5}); code(err) != CodeRated {
		t.Fatalf("second rating: %v", err)
	}
	// Later on a kiosk, by the scanned QR or the typed code (Ref).
	qr := "HT-" + strings.ReplaceAll(tk.Day, "-", "") + tk.Code[1:]
	if err := kiosk.Rate(ctx, RatingRequest{Ref: qr, Stars: 5}); code(err) != CodeRated {
		t.Fatalf("rating by QR %s: %v", qr, err)
	}
	if err := kiosk.Rate(ctx, RatingRequest{Ref: "a0001", Stars: 5}); code(err) != CodeRated {
		t.Fatalf("rating by typed code: %v", err)
	}
	if err := kiosk.Rate(ctx, RatingRequest{Ref: "Z-0042", Stars: 5}); code(err) != CodeNotFound {
		t.Fatalf("unknown ref: %v", err)
	}
	if _, err := cl.Report(ctx, "", "", "csv"); code(err) != CodeBadPIN {
		t.Fatalf("report without the staff PIN: %v", err)
	}
	staffCl := *cl
	staffCl.PIN = testPIN
	raw, err := staffCl.Report(ctx, "", "", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range recs {
		if r[0] == "Cán bộ" && r[1] == "Cán bộ 1" {
			found = r[5] == "1" && r[12] == "1" && r[13] == "2.0" && r[14] == "1"
		}
	}
	if !found {
		t.Fatalf("officer row missing or wrong in the CSV:\n%s", raw)
	}
	if _, err := staffCl.Report(ctx, "2026-01-01", "2026-12-31", "json"); code(err) != CodeBadRequest {
		t.Fatalf("a year-long report: %v", err)
	}
	if x, err := staffCl.Report(ctx, "", "", "xlsx"); err != nil || !bytes.HasPrefix(x, []byte("PK")) {
		t.Fatalf("xlsx: %.20q, %v", x, err)
	}
}
