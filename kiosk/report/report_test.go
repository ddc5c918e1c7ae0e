package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
)

var update = flag.Bool("update", false, "rewrite golden files")

var t0 = time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)

func at(min int) string { return t0.Add(time.Duration(min) * time.Minute).Format(time.RFC3339) }

// ticket: issued at minute i, called c minutes later (-1: not called),
// served s minutes after the call (-1: not finished).
func ticket(id int64, svc, counter, officer, status string, i, c, s, est int) queue.Ticket {
	t := queue.Ticket{ID: id, Service: svc, Line: svc, Day: "2026-12-01", IssuedAt: at(i), Status: status,
		Counter: counter, Officer: officer, EstWait: est}
	if c >= 0 {
		t.CalledAt = at(i + c)
	}
	if s >= 0 {
		t.StartedAt = at(i + c)
		t.FinishedAt = at(i + c + s)
	}
	return t
}

func sample() ([]queue.Ticket, []rating.Visit) {
	ts := []queue.Ticket{
		ticket(1, "A", "1", "Lan", queue.StatusDone, 0, 10, 5, 600),    // waited 10 min, estimate exact
		ticket(2, "A", "1", "Lan", queue.StatusDone, 1, 20, 7, 900),    // waited 20, estimated 15
		ticket(3, "A", "2", "Minh", queue.StatusNoShow, 2, 30, -1, -1), // no estimate
		ticket(4, "B", "2", "Minh", queue.StatusDone, 3, 4, 10, 0),     // waited 4, estimated 0
		ticket(5, "B", "", "", queue.StatusWaiting, 4, -1, -1, 300),
	}
	ts[3].Transfers = 1
	vs := []rating.Visit{
		{TicketID: 1, Day: "2026-12-01", Service: "A", Counter: "1", Officer: "Lan", Stars: 5},
		{TicketID: 2, Day: "2026-12-01", Service: "A", Counter: "1", Officer: "Lan", Stars: 2, Reasons: []string{"wait"}},
	}
	return ts, vs
}

func TestBuild(t *testing.T) {
	ts, vs := sample()
	rep := Build("2026-12-01", "2026-12-01", ts, vs, map[string]string{"A": "Hộ tịch", "B": "Đất đai"})
	rows := map[[2]string]Row{}
	for _, r := range rep.Rows {
		rows[[2]string{r.Group, r.Key}] = r
	}
	for _, tc := range []struct {
		group, key string
		want       Row
	}{
		{Total, "", Row{Tickets: 5, Called: 4, Served: 3, WaitP50: 600, WaitP90: 1800, ServeP50: 420, ServeP90: 600, NoShows: 1, Transfers: 1, Ratings: 2, Stars: 3.5, LowRated: 1}},
		{ByService, "A", Row{Name: "Hộ tịch", Tickets: 3, Called: 3, Served: 2, WaitP50: 1200, WaitP90: 1800, ServeP50: 300, ServeP90: 420, NoShows: 1, Ratings: 2, Stars: 3.5, LowRated: 1}},
		{ByService, "B", Row{Name: "Đất đai", Tickets: 2, Called: 1, Served: 1, WaitP50: 240, WaitP90: 240, ServeP50: 600, ServeP90: 600, Transfers: 1}},
		{ByCounter, "2", Row{Name: "2", Tickets: 2, Called: 2, Served: 1, WaitP50: 240, WaitP90: 1800, ServeP50: 600, ServeP90: 600, NoShows: 1, Transfers: 1}},
		{ByOfficer, "Lan", Row{Name: "Lan", Tickets: 2, Called: 2, Served: 2, WaitP50: 600, WaitP90: 1200, ServeP50: 300, ServeP90: 420, Ratings: 2, Stars: 3.5, LowRated: 1}},
	} {
		got, ok := rows[[2]string{tc.group, tc.key}]
		tc.want.Group, tc.want.Key = tc.group, tc.key
		if tc.want.Name == "" {
			tc.want.Name = tc.key
		}
		if !ok || got != tc.want {
			t.Errorf("%s %q:\n got %+v\nwant %+v", tc.group, tc.key, got, tc.want)
		}
	}
	// Estimates: |600-600| + |900-1200| + |0-240| over 3 tickets.
	if want := (Estimate{N: 3, MAE: 180, Bias: -180}); rep.Estimate != want {
		t.Errorf("estimate = %+v, want %+v", rep.Estimate, want)
	}
	if rep.Reasons["wait"] != 1 {
		t.Errorf("reasons = %v", rep.Reasons)
	}
	if rep.Rows[0].Group != ByDay || rep.Rows[len(rep.Rows)-1].Group != Total {
		t.Errorf("rows not in grouping order: %+v", rep.Rows)
	}
}

func TestEmpty(t *testing.T) {
	rep := Build("2026-12-01", "2026-12-02", nil, nil, nil)
	if len(rep.Rows) != 1 || rep.Rows[0].WaitP50 != -1 || rep.Estimate.MAE != -1 {
		t.Fatalf("empty report = %+v", rep)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, rep); err != nil {
		t.Fatal(err)
	}
}

func TestCSVGolden(t *testing.T) {
	ts, vs := sample()
	var b bytes.Buffer
	if err := WriteCSV(&b, Build("2026-12-01", "2026-12-01", ts, vs, map[string]string{"A": "Hộ tịch", "B": "Đất đai"})); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.csv")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("csv differs from %s (go test -update to accept):\n%s", golden, b.String())
	}
}

func TestXLSX(t *testing.T) {
	ts, vs := sample()
	var b bytes.Buffer
	if err := WriteXLSX(&b, Build("2026-12-01", "2026-12-01", ts, vs, nil)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(GroupNames[ByCounter])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != Columns[0] || rows[1][1] != "1" || rows[2][1] != "2" || rows[2][10] != "1" {
		t.Fatalf("counter sheet = %q", rows)
	}
	mae, err := f.GetCellValue("Ước lượng chờ", "B4")
	if err != nil || mae != "180" {
		t.Fatalf("estimate MAE cell = %q, %v", mae, err)
	}
}
