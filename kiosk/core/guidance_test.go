package core

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/queue"
)

// The guidance on a ticket comes from the sample catalog only: procedure,
// case, ticked and missing paper names, fee.
func TestGuidanceFromCatalog(t *testing.T) {
	k, _ := startKiosk(t, nil)

	// Lý lịch tư pháp, case "ủy quyền" (2), ticked the form and the ID.
	g, err := k.GuidanceFor("2.000488", 2, []int{0, 2, 9})
	if err != nil {
		t.Fatal(err)
	}
	if g.Procedure != "2.000488" || !strings.HasPrefix(g.Name, "Cấp Phiếu lý lịch tư pháp") || !strings.HasPrefix(g.Case, "Ủy quyền") {
		t.Errorf("guidance head: %+v", g)
	}
	wantTicked := []string{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (dành cho người được ủy quyền)", "Thẻ căn cước / CCCD của người yêu cầu"}
	if !slices.Equal(g.Ticked, wantTicked) || !slices.Equal(g.Missing, []string{"Văn bản ủy quyền có chứng thực"}) {
		t.Errorf("papers: ticked %q missing %q", g.Ticked, g.Missing)
	}
	if !strings.HasPrefix(g.Fee, "200.000") {
		t.Errorf("fee %q", g.Fee)
	}
	// From the procedure's screen: no case, no checklist.
	g, err = k.GuidanceFor("2.000488", -1, nil)
	if err != nil || g.Case != "" || len(g.Ticked)+len(g.Missing) != 0 || g.Fee == "" {
		t.Errorf("from the procedure screen: %+v %v", g, err)
	}
	// A single-case procedure names no case; nothing ticked is all missing.
	g, err = k.GuidanceFor("2.000884", 0, nil)
	if err != nil || g.Case != "" || len(g.Ticked) != 0 || len(g.Missing) != 2 {
		t.Errorf("single case: %+v %v", g, err)
	}
	if _, err := k.GuidanceFor("2.000488", 7, nil); err == nil {
		t.Error("a case that does not exist was accepted")
	}
	if _, err := k.GuidanceFor("no-such", 0, nil); err == nil {
		t.Error("an unknown procedure was accepted")
	}

	// The number keeps it in the store; an unknown procedure still gives a number.
	tk, err := k.IssueTicketFor("HT", "", "2.000488", 2, []int{0, 2})
	if err != nil || tk.Guidance == nil {
		t.Fatalf("issue: %+v %v", tk, err)
	}
	got, err := k.queue.Get(context.Background(), tk.ID)
	if err != nil || got.Guidance == nil || got.Guidance.Procedure != "2.000488" || !slices.Equal(got.Guidance.Missing, []string{"Văn bản ủy quyền có chứng thực"}) {
		t.Fatalf("stored: %+v %v", got.Guidance, err)
	}
	plain, err := k.IssueTicketFor("HT", "", "no-such", 0, nil)
	if err != nil || plain.Guidance != nil {
		t.Fatalf("unknown procedure: %+v %v", plain, err)
	}
}

// Rating later on a lone kiosk: unknown, not served yet, then once.
func TestRateVisitLocal(t *testing.T) {
	k, _ := startKiosk(t, nil)
	ctx := context.Background()
	tk, err := k.IssueTicket("HT", "")
	if err != nil {
		t.Fatal(err)
	}
	if r := k.RateVisit("Z-9999", 5, nil, ""); r.OK || r.Reason != "unknown" || r.MessageVI == "" {
		t.Errorf("unknown ticket: %+v", r)
	}
	if r := k.RateVisit(tk.Code, 5, nil, ""); r.OK || r.Reason != "notserved" {
		t.Errorf("waiting ticket: %+v", r)
	}
	d := queue.Desk{Counter: "1", Officer: "Lan"}
	called, err := k.queue.Call(ctx, "HT", d.Counter, d.Officer)
	if err != nil || called.ID != tk.ID {
		t.Fatalf("call: %+v %v", called, err)
	}
	if _, err := k.queue.Start(ctx, tk.ID, d); err != nil {
		t.Fatal(err)
	}
	if _, err := k.queue.Finish(ctx, tk.ID, d); err != nil {
		t.Fatal(err)
	}
	qr := k.queue.QRData(tk)
	if r := k.RateVisit(qr, 2, []string{"wait", "no-such-reason"}, ""); r.OK {
		t.Errorf("an unknown reason was accepted: %+v", r)
	}
	if r := k.RateVisit(qr, 2, []string{"wait"}, "  chờ lâu quá  "); !r.OK {
		t.Fatalf("scanned QR: %+v", r)
	}
	if r := k.RateVisit(strings.ToLower(strings.ReplaceAll(tk.Code, "-", "")), 5, nil, ""); r.OK || r.Reason != "rated" {
		t.Errorf("typed code, second time: %+v", r)
	}
	vs, err := k.db.Visits(ctx, tk.Day, tk.Day)
	if err != nil || len(vs) != 1 || vs[0].Stars != 2 || vs[0].Comment != "chờ lâu quá" || vs[0].Counter != "1" || vs[0].Officer != "Lan" {
		t.Fatalf("visits: %+v %v", vs, err)
	}
}
