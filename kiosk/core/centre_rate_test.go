package core

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Through the centre: the wizard's guidance reaches the centre's store, and
// a rating given later on the kiosk is checked there (served, once).
func TestCentreGuidanceAndRateLater(t *testing.T) {
	c := startTestCentre(t, nil)
	k, rec := centreKiosk(t, c)
	waitLink(t, rec, true)
	ctx := context.Background()

	tk, err := k.IssueTicketFor("TP", "", "2.000488", 2, []int{0, 2})
	if err != nil {
		t.Fatal(err)
	}
	q := queue.New(c.db, config.Default(), time.Now)
	got, err := q.Get(ctx, tk.ID)
	if err != nil || got.Guidance == nil || got.Guidance.Procedure != "2.000488" || !slices.Equal(got.Guidance.Missing, []string{"Văn bản ủy quyền có chứng thực"}) {
		t.Fatalf("guidance on the centre: %+v %v", got.Guidance, err)
	}

	if r := k.RateVisit(tk.Code, 5, nil, ""); r.OK || r.Reason != "notserved" || r.MessageVI == "" {
		t.Fatalf("before the service: %+v", r)
	}
	if r := k.RateVisit("Z-0999", 5, nil, ""); r.Reason != "unknown" {
		t.Fatalf("unknown ticket: %+v", r)
	}
	d := queue.Desk{Counter: tk.Counters[0], Officer: "Lan"}
	if _, err := q.CallOut(ctx, tk.ID, d, "test"); err != nil {
		t.Fatal(err)
	}
	q.Start(ctx, tk.ID, d)
	if _, err := q.Finish(ctx, tk.ID, d); err != nil {
		t.Fatal(err)
	}
	if r := k.RateVisit(q.QRData(got), 3, []string{"papers"}, "nhiều giấy"); !r.OK {
		t.Fatalf("scanned QR: %+v", r)
	}
	if r := k.RateVisit(tk.Code, 4, nil, ""); r.Reason != "rated" {
		t.Fatalf("twice: %+v", r)
	}
	vs, err := c.db.Visits(ctx, tk.Day, tk.Day)
	if err != nil || len(vs) != 1 || vs[0].Counter != d.Counter || vs[0].Officer != "Lan" || vs[0].Stars != 3 {
		t.Fatalf("visits on the centre: %+v %v", vs, err)
	}
	c.down()
	if r := k.RateVisit(tk.Code, 4, nil, ""); r.Reason != "offline" || r.MessageVI == "" {
		t.Fatalf("centre down: %+v", r)
	}
}
