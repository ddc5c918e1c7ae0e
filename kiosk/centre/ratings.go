package centre

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
	"github.com/motcua/kiosk/kiosk/report"
	"github.com/motcua/kiosk/kiosk/text"
)

// RateWithin is how long after "finish" a ticket can be rated.
var RateWithin = 24 * time.Hour

// rate is POST PathRatings: a citizen rates a finished ticket, on the
// counter's rating tablet (display device) or later on a kiosk.
func (s *Server) rate(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if s.opt.Visits == nil {
		writeError(w, Error{Code: CodeForbidden, Message: "visit ratings are not set up on this centre"})
		return
	}
	var req RatingRequest
	if !decode(w, r, &req) {
		return
	}
	var t queue.Ticket
	var err error
	if req.Ticket == 0 && req.Ref != "" {
		t, err = s.queue.FindRef(r.Context(), req.Ref)
	} else {
		t, err = s.queue.Get(r.Context(), req.Ticket)
	}
	if errors.Is(err, queue.ErrNoTicket) {
		writeMsg(w, CodeNotFound, fmt.Sprintf("no ticket %d %q", req.Ticket, req.Ref), text.RatingUnknown)
		return
	}
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	v, err := rating.NewVisit(t, req.Stars, req.Reasons, req.Comment, s.now(), RateWithin)
	if errors.Is(err, rating.ErrBadVisit) {
		writeError(w, Error{Code: CodeBadRequest, Message: err.Error()})
		return
	}
	if errors.Is(err, rating.ErrNotServed) {
		writeMsg(w, CodeState, "ticket "+t.Code+" is not a recently finished ticket", text.RatingNotServed)
		return
	}
	err = s.opt.Visits.AddVisit(r.Context(), v)
	if errors.Is(err, rating.ErrRated) {
		writeMsg(w, CodeRated, "ticket "+t.Code+" was rated already", text.RatingDone)
		return
	}
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	s.log.Info("visit rated", "ticket", t.Code, "counter", t.Counter, "stars", req.Stars, "device", dev.Name)
	w.WriteHeader(http.StatusNoContent)
}

// MaxReportDays bounds a report's period.
const MaxReportDays = 92

// reports is GET PathReports (counter device + staff PIN).
func (s *Server) reports(w http.ResponseWriter, r *http.Request, dev device.Device) {
	q := r.URL.Query()
	today := s.queue.BusinessDay()
	from, to := q.Get("from"), q.Get("to")
	if from == "" {
		from = today
	}
	if to == "" {
		to = from
	}
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || t.Before(f) || t.Sub(f) > MaxReportDays*24*time.Hour {
		writeError(w, Error{Code: CodeBadRequest, Message: fmt.Sprintf("from and to must be YYYY-MM-DD, from ≤ to, at most %d days", MaxReportDays)})
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "csv" && format != "xlsx" {
		writeError(w, Error{Code: CodeBadRequest, Message: "format must be json, csv or xlsx"})
		return
	}
	var tickets []queue.Ticket
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		ts, err := s.queue.List(r.Context(), d.Format(time.DateOnly))
		if err != nil {
			s.unavailable(w, r, err)
			return
		}
		tickets = append(tickets, ts...)
	}
	var visits []rating.Visit
	if s.opt.Visits != nil {
		vs, err := s.opt.Visits.Visits(r.Context(), from, to)
		if err != nil {
			s.unavailable(w, r, err)
			return
		}
		visits = vs
	}
	names := map[string]string{}
	for _, sv := range s.opt.Config.Queue.Services {
		names[sv.Code] = sv.NameVI
	}
	rep := report.Build(from, to, tickets, visits, names)
	rep.Today = today
	s.log.Info("report read", "from", from, "to", to, "format", format, "device", dev.Name)
	name := "bao-cao-" + from + "_" + to
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Write([]byte("\xef\xbb\xbf")) // BOM: Excel then reads the Vietnamese right
		if err := report.WriteCSV(w, rep); err != nil {
			s.log.Error("report CSV write failed", "err", err)
		}
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		if err := report.WriteXLSX(w, rep); err != nil {
			s.log.Error("report XLSX write failed", "err", err)
		}
	default:
		writeJSON(w, http.StatusOK, rep)
	}
}
