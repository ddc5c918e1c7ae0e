package centre

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Hall projection bounds.
var (
	HallWindow = 2000 // events read back from the newest
	HallRecent = 10   // calls in Hall.Recent
)

// hallRoute is GET /api/v1/hall.
func (s *Server) hallRoute(w http.ResponseWriter, r *http.Request, _ device.Device) {
	h, err := s.hall(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, h)
}

// projection is the last replay of the event log onto the counters, kept
// until the log grows or the day turns: every display asks for the hall
// after every event, and all of them would replay the same window.
type projection struct {
	mu       sync.Mutex
	last     int64
	day      string
	counters []HallCounter
	recent   []queue.Call // newest first, at most HallRecent
	builds   int          // replays done, for tests
}

// hall is the hall display's state: the counters and recent calls
// projected from the event log, plus the live counts of each line.
func (s *Server) hall(ctx context.Context) (Hall, error) {
	last, err := s.opt.Events.LastEventID(ctx)
	if err != nil {
		return Hall{}, err
	}
	now := s.now()
	day := s.queue.Day(now)
	p := &s.projected
	p.mu.Lock()
	if p.counters == nil || p.last != last || p.day != day {
		counters, recent, err := s.project(ctx, last, day)
		if err != nil {
			p.mu.Unlock()
			return Hall{}, err
		}
		p.last, p.day, p.counters, p.recent = last, day, counters, recent
		p.builds++
	}
	h := Hall{Counters: slices.Clone(p.counters), Recent: slices.Clone(p.recent), Services: []HallService{},
		At: now.UTC().Format(time.RFC3339), LastEventID: last}
	p.mu.Unlock()
	svs, err := s.queue.Services(ctx)
	if err != nil {
		return Hall{}, err
	}
	for _, sv := range svs {
		h.Services = append(h.Services, HallService{Code: sv.Code, Name: sv.Name, NameEN: sv.NameEN, Waiting: sv.Waiting, EstWait: sv.EstWait})
	}
	return h, nil
}

// project replays the last HallWindow events up to last, of the business
// day day, onto the configured counters; recent is newest first.
func (s *Server) project(ctx context.Context, last int64, day string) (counters []HallCounter, recent []queue.Call, err error) {
	var order []string
	byCounter := map[string]*HallCounter{}
	for _, sv := range s.opt.Config.Queue.Services {
		for _, c := range sv.Counters {
			if byCounter[c] == nil {
				order = append(order, c)
				byCounter[c] = &HallCounter{Counter: c}
			}
		}
	}
	var calls []queue.Call
	apply := func(e events.Stored) {
		if s.queue.Day(e.At) != day {
			return
		}
		switch e.Name {
		case queue.EventCall, queue.EventDone, queue.EventMove:
			var c queue.Call
			if json.Unmarshal(e.Data, &c) != nil {
				return
			}
			counter := c.Counter
			if counter == "" {
				counter = c.Ticket.Counter
			}
			hc := byCounter[counter]
			if e.Name == queue.EventCall {
				if c.At == "" {
					c.At = e.At.UTC().Format(time.RFC3339)
				}
				calls = append(calls, c)
				if hc != nil {
					hc.Ticket, hc.Service, hc.Status = c.Ticket.Code, c.Ticket.InLine(), queue.StatusCalled
				}
				return
			}
			if hc == nil || hc.Ticket != c.Ticket.Code {
				return // about a ticket the counter no longer shows
			}
			switch st := c.Ticket.Status; {
			case e.Name == queue.EventDone, st == queue.StatusParked, st == queue.StatusWaiting, st == queue.StatusDone, st == queue.StatusNoShow:
				hc.Ticket, hc.Service, hc.Status = "", "", ""
			case st != "":
				hc.Status, hc.Service = st, c.Ticket.InLine()
			}
		case officer.EventCounter:
			var st officer.CounterState
			if json.Unmarshal(e.Data, &st) != nil {
				return
			}
			if hc := byCounter[st.Counter]; hc != nil {
				hc.Paused, hc.Reason = st.Paused, st.Reason
				if !st.Paused {
					hc.Reason = ""
				}
			}
		}
	}
	for after := max(0, last-int64(HallWindow)); after < last; {
		evs, err := s.opt.Events.EventsAfter(ctx, after, pageSize)
		if err != nil {
			return nil, nil, err
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			if e.ID > last {
				break
			}
			apply(e)
		}
		after = evs[len(evs)-1].ID
		if len(evs) < pageSize {
			break
		}
	}
	counters = make([]HallCounter, 0, len(order))
	for _, c := range order {
		counters = append(counters, *byCounter[c])
	}
	recent = []queue.Call{}
	for i := len(calls) - 1; i >= 0 && len(recent) < HallRecent; i-- {
		c := calls[i]
		c.Ticket.Guidance = nil // the hall shows no more than the code
		recent = append(recent, c)
	}
	return counters, recent, nil
}
