package rating_test

import (
	"context"
	. "github.com/motcua/kiosk/kiosk/rating"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestAddAndSummarisePerServiceAndDay(t *testing.T) {
	ctx := context.Background()
	db, _ := sqlite.Open(ctx, sqlite.Memory)
	defer db.Close()
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 22, 16, 30, 0, 0, time.UTC) // 23:30 local
	b := New(db, loc, func() time.Time { return now })
	cases := []struct {
		kind, svc, score, reason string
		ok                       bool
	}{
		{"ticket", "HT", Good, "", true},
		{"ticket", "HT", Bad, "wait", true},
		{"guide", "CT", OK, "", true},
		{"ticket", "HT", "great", "", false},
		{"ticket", "HT", Bad, "Nguyen Van A was rude", false},
		{"chat", "HT", Good, "", false},
	}
	for _, c := range cases {
		if err := b.Add(ctx, c.kind, c.svc, c.score, c.reason); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c, err)
		}
	}
	now = now.Add(time.Hour) // 00:30 local: the next business day
	b.Add(ctx, "ticket", "HT", Good, "")
	got, err := b.Day(ctx, "2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	want := []Summary{{"CT", 0, 1, 0}, {"HT", 1, 0, 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("summary %+v", got)
	}
}
