// Package report turns a period's tickets and visit ratings into the
// centre's service report: per day, service, counter and officer, the
// tickets, the wait from issue to call (p50, p90), the service time from
// start to finish, no-shows, transfers and ratings, plus how far the
// estimated wait printed on tickets was from the actual wait. It reads
// only what the queue and ratings hold: no personal data.
package report

import (
	"slices"
	"time"

	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
)

// Groupings of a report.
const (
	ByDay     = "day"
	ByService = "service"
	ByCounter = "counter"
	ByOfficer = "officer"
	Total     = "total"
)

// Groupings lists them in the order reports show them.
var Groupings = []string{ByDay, ByService, ByCounter, ByOfficer, Total}

// Row is one group's figures. Durations are whole seconds; -1 when there
// is nothing to measure.
type Row struct {
	Group     string  `json:"group"` // ByDay …
	Key       string  `json:"key"`   // the day, service code, counter or officer ("" for Total)
	Name      string  `json:"name"`  // the service's name, else Key
	Tickets   int     `json:"tickets"`
	Called    int     `json:"called"`
	Served    int     `json:"served"` // finished
	WaitP50   int     `json:"waitP50"`
	WaitP90   int     `json:"waitP90"`
	ServeP50  int     `json:"serveP50"`
	ServeP90  int     `json:"serveP90"`
	NoShows   int     `json:"noShows"`
	Transfers int     `json:"transfers"`
	Ratings   int     `json:"ratings"`
	Stars     float64 `json:"stars"`    // mean, 0 when no rating
	LowRated  int     `json:"lowRated"` // 3 stars or fewer
}

// Estimate compares the wait estimated at issue with the actual wait.
type Estimate struct {
	N    int `json:"n"`    // called tickets that had an estimate
	MAE  int `json:"mae"`  // mean absolute error, seconds; -1 when N is 0
	Bias int `json:"bias"` // mean (estimate − actual), seconds: > 0 means we over-estimate
}

// Report is a period's report.
type Report struct {
	From     string         `json:"from"`
	To       string         `json:"to"`
	Rows     []Row          `json:"rows"` // by grouping (Groupings order), then key
	Estimate Estimate       `json:"estimate"`
	Reasons  map[string]int `json:"reasons"` // low-rating reason → count
	// Today is the centre's business day when the report was read. The
	// reports page counts "today" and "the last 7 days" from it, not from
	// the browser's clock: a desk PC in UTC is on yesterday from midnight
	// to 07:00 in Vietnam.
	Today string `json:"today,omitempty"`
}

// Build makes the report of tickets and visits (any order). names maps a
// service code to its name.
func Build(from, to string, tickets []queue.Ticket, visits []rating.Visit, names map[string]string) Report {
	type acc struct {
		row          Row
		waits, serve []int
		stars        int
	}
	groups := map[[2]string]*acc{}
	get := func(group, key string) *acc {
		k := [2]string{group, key}
		a := groups[k]
		if a == nil {
			name := key
			if group == ByService && names[key] != "" {
				name = names[key]
			}
			a = &acc{row: Row{Group: group, Key: key, Name: name}}
			groups[k] = a
		}
		return a
	}
	keys := func(t queue.Ticket) [][2]string {
		ks := [][2]string{{ByDay, t.Day}, {ByService, t.InLine()}, {Total, ""}}
		if t.Counter != "" {
			ks = append(ks, [2]string{ByCounter, t.Counter})
		}
		if t.Officer != "" {
			ks = append(ks, [2]string{ByOfficer, t.Officer})
		}
		return ks
	}
	rep := Report{From: from, To: to, Reasons: map[string]int{}}
	var estErr, estBias int
	for _, t := range tickets {
		wait, waited := span(t.IssuedAt, t.CalledAt)
		serve, served := span(t.StartedAt, t.FinishedAt)
		if waited && t.EstWait >= 0 {
			rep.Estimate.N++
			d := t.EstWait - wait
			estBias += d
			estErr += abs(d)
		}
		for _, k := range keys(t) {
			a := get(k[0], k[1])
			a.row.Tickets++
			a.row.Transfers += t.Transfers
			if waited {
				a.row.Called++
				a.waits = append(a.waits, wait)
			}
			switch t.Status {
			case queue.StatusDone:
				a.row.Served++
				if served {
					a.serve = append(a.serve, serve)
				}
			case queue.StatusNoShow:
				a.row.NoShows++
			}
		}
	}
	for _, v := range visits {
		ks := [][2]string{{ByDay, v.Day}, {ByService, v.Service}, {Total, ""}}
		if v.Counter != "" {
			ks = append(ks, [2]string{ByCounter, v.Counter})
		}
		if v.Officer != "" {
			ks = append(ks, [2]string{ByOfficer, v.Officer})
		}
		for _, k := range ks {
			a := get(k[0], k[1])
			a.row.Ratings++
			a.stars += v.Stars
			if v.Stars <= 3 {
				a.row.LowRated++
			}
		}
		for _, r := range v.Reasons {
			rep.Reasons[r]++
		}
	}
	rep.Estimate.MAE = -1
	if rep.Estimate.N > 0 {
		rep.Estimate.MAE = estErr / rep.Estimate.N
		rep.Estimate.Bias = estBias / rep.Estimate.N
	}
	get(Total, "") // a report always has its total row
	for _, a := range groups {
		a.row.WaitP50, a.row.WaitP90 = percentile(a.waits, 50), percentile(a.waits, 90)
		a.row.ServeP50, a.row.ServeP90 = percentile(a.serve, 50), percentile(a.serve, 90)
		if a.row.Ratings > 0 {
			a.row.Stars = float64(a.stars*10/a.row.Ratings) / 10
		}
		rep.Rows = append(rep.Rows, a.row)
	}
	slices.SortFunc(rep.Rows, func(x, y Row) int {
		if d := slices.Index(Groupings, x.Group) - slices.Index(Groupings, y.Group); d != 0 {
			return d
		}
		switch {
		case x.Key < y.Key:
			return -1
		case x.Key > y.Key:
			return 1
		}
		return 0
	})
	return rep
}

// span is the whole seconds from a to b (RFC 3339); false when either is
// missing or b is before a.
func span(a, b string) (int, bool) {
	if a == "" || b == "" {
		return 0, false
	}
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	if err1 != nil || err2 != nil || tb.Before(ta) {
		return 0, false
	}
	return int(tb.Sub(ta) / time.Second), true
}

// percentile is the nearest-rank p-th percentile, -1 of nothing.
func percentile(xs []int, p int) int {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100 // ceil(p/100 · n)
	return s[max(rank, 1)-1]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
