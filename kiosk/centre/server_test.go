package centre

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/queue"
)

func TestIssueAndCall(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	counter := c.officerAt("1")

	t1, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT", Key: "key-1"})
	if err != nil || t1.Code != "A-0001" || t1.Replayed {
		t.Fatalf("issue = %+v, %v", t1, err)
	}
	before := c.lastID()
	again, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT", Key: "key-1"})
	if err != nil || again.ID != t1.ID || again.Code != t1.Code || !again.Replayed {
		t.Fatalf("re-issue with the same key = %+v, %v; want ticket %d again", again, err, t1.ID)
	}
	if got := c.lastID(); got != before {
		t.Fatalf("re-issue logged an event: last id %d → %d", before, got)
	}
	// Another kiosk with the same key gets its own ticket.
	other, err := c.enroll(device.Kiosk, "k2").IssueTicket(ctx, IssueRequest{Service: "HT", Key: "key-1"})
	if err != nil || other.ID == t1.ID {
		t.Fatalf("another kiosk's key collided: %+v, %v", other, err)
	}

	call, err := counter.CallNext(ctx, "1")
	if err != nil || call.Ticket.Code != "A-0001" || call.Counter != "1" {
		t.Fatalf("call = %+v, %v", call, err)
	}
	var e *Error
	if _, err := counter.CallNext(ctx, "1"); !errors.As(err, &e) || e.Code != CodeState || e.VI == "" {
		t.Fatalf("call while A-0001 is still called: %v; want 409 state with the officer's message", err)
	}
	if _, err := counter.Act(ctx, "1", call.Ticket.ID, OpNoShow, ActionRequest{}); err != nil {
		t.Fatalf("no-show: %v", err)
	}
	second, err := counter.CallNext(ctx, "1")
	if err != nil {
		t.Fatalf("second call: %v", err)
	}
	if _, err := counter.Act(ctx, "1", second.Ticket.ID, OpStart, ActionRequest{}); err != nil {
		t.Fatalf("start: %v", err)
	}
	if _, err := counter.Act(ctx, "1", second.Ticket.ID, OpFinish, ActionRequest{}); err != nil {
		t.Fatalf("finish: %v", err)
	}
	if _, err := counter.CallNext(ctx, "1"); !errors.Is(err, ErrNoneWaiting) || !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("empty queue: %v; want ErrNoneWaiting", err)
	}
	if _, err := counter.CallNext(ctx, "99"); !errors.As(err, &e) || e.Status != 401 || e.Code != CodeNoOfficer {
		t.Fatalf("a counter the officer is not signed in to: %v; want 401 no_officer", err)
	}
	svs, err := c.enroll(device.Display, "d1").Services(ctx)
	if err != nil || len(svs) == 0 || svs[0].Code != "HT" || svs[0].Issued != 2 {
		t.Fatalf("services = %+v, %v", svs, err)
	}
}

func TestIssueRefused(t *testing.T) {
	c := newCentre(t)
	kiosk := c.enroll(device.Kiosk, "k1")
	_, err := kiosk.IssueTicket(context.Background(), IssueRequest{Service: "NOPE"})
	var ie *queue.IssueError
	if !errors.As(err, &ie) || !errors.Is(err, queue.ErrNoService) || ie.VI == "" || ie.EN == "" {
		t.Fatalf("unknown service: %v; want IssueError no_service with text", err)
	}
}

func TestAuth(t *testing.T) {
	c := newCentre(t)
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	counter := c.enroll(device.Counter, "c1")
	revoked := c.enroll(device.Kiosk, "k-old")
	if err := c.db.RevokeDevice(ctx, "k-old", c.srv.now()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		do   func() error
		code string
	}{
		{"bad token", func() error {
			_, err := NewClient(c.url, "mck_not-a-real-token-at-all").IssueTicket(ctx, IssueRequest{Service: "HT"})
			return err
		}, CodeBadToken},
		{"no token", func() error { _, err := NewClient(c.url, "").Services(ctx); return err }, CodeBadToken},
		{"revoked token", func() error { _, err := revoked.IssueTicket(ctx, IssueRequest{Service: "HT"}); return err }, CodeBadToken},
		{"kiosk calls next", func() error { _, err := kiosk.CallNext(ctx, "1"); return err }, CodeForbidden},
		{"counter issues", func() error { _, err := counter.IssueTicket(ctx, IssueRequest{Service: "HT"}); return err }, CodeForbidden},
		{"kiosk confirms", func() error { _, err := kiosk.WithPIN(testPIN).StaffConfirm(ctx, "P0000000", "x"); return err }, CodeForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var e *Error
			if err := tc.do(); !errors.As(err, &e) || e.Code != tc.code || e.Status != StatusOf(tc.code) {
				t.Fatalf("got %v; want %s", err, tc.code)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	c := newCentre(t)
	kiosk := c.enroll(device.Kiosk, "k1")
	body := `{"service":"HT","key":"` + strings.Repeat("x", MaxBody) + `"}`
	req, _ := http.NewRequest(http.MethodPost, c.url+PathTickets, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+kiosk.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e Error
	if json.NewDecoder(resp.Body).Decode(&e); resp.StatusCode != http.StatusRequestEntityTooLarge || e.Code != CodeTooLarge {
		t.Fatalf("oversized body: %d %+v; want 413 too_large", resp.StatusCode, e)
	}
}

func TestHealth(t *testing.T) {
	c := newCentre(t)
	h, err := NewClient(c.url, "").Health(context.Background())
	if err != nil || !h.OK || h.Store != "sqlite" || h.Instance != "test" {
		t.Fatalf("health = %+v, %v", h, err)
	}
}
