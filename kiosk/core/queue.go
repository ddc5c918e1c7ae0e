package core

import (
	"context"
	"errors"
	"fmt"

	"github.com/motcua/kiosk/kiosk/rating"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
)

// QueueInfo is what the "Lấy số thứ tự" screen shows.
type QueueInfo struct {
	Services          []queue.ServiceView `json:"services"`
	Priorities        []string            `json:"priorities"`
	SuggestedPriority string              `json:"suggestedPriority"`
}

// QueueInfo lists services with waiting counts and the priority choices;
// a scanned card suggests "elderly" by the configured age.
func (k *Kiosk) QueueInfo() (QueueInfo, error) {
	tb := k.tickets()
	if tb == nil {
		return QueueInfo{}, errNoStore
	}
	svs, err := tb.Services(context.Background())
	if err != nil {
		k.log.Warn("services not listed", "err", err)
		return QueueInfo{}, citizenQueueErr(err)
	}
	info := QueueInfo{Services: svs, Priorities: k.Config().Queue.PriorityCategories}
	if v := k.Identity(); v != nil {
		info.SuggestedPriority = v.SuggestedPriority
	}
	return info, nil
}

// IssueTicket stores a ticket, then prints it. A print failure still
// returns the ticket (print state failed, advice for the citizen): the
// number exists and the screen shows it very large.
func (k *Kiosk) IssueTicket(service, priority string) (queue.Ticket, error) {
	return k.issue(service, priority, nil)
}

// IssueTicketFor is IssueTicket from a procedure's screen or the dossier
// wizard: the ticket carries what the citizen did there (GuidanceFor) for
// the officer who calls them. A procedure that cannot be read still gives
// the number, without the guidance.
func (k *Kiosk) IssueTicketFor(service, priority, procedure string, caseIdx int, ticked []int) (queue.Ticket, error) {
	g, err := k.GuidanceFor(procedure, caseIdx, ticked)
	if err != nil {
		k.log.Warn("ticket guidance not built", "procedure", procedure, "err", err)
		g = nil
	}
	return k.issue(service, priority, g)
}

func (k *Kiosk) issue(service, priority string, g *queue.Guidance) (queue.Ticket, error) {
	tb := k.tickets()
	if tb == nil {
		return queue.Ticket{}, errNoStore
	}
	ctx := context.Background()
	t, err := tb.Issue(ctx, service, priority, g)
	if err != nil {
		k.log.Warn("ticket not issued", "service", service, "err", err)
		return t, citizenQueueErr(err)
	}
	k.log.Info("ticket issued", "code", t.Code, "priority", t.Priority != "", "replayed", t.Replayed, "guided", g != nil)
	t, err = tb.Print(ctx, k.thePrinter(), t)
	if err != nil {
		k.log.Error("ticket not printed", "code", t.Code, "fault", t.PrintError, "err", err)
		k.Emit("printer:fault", map[string]string{"kind": t.PrintError, "ticket": t.Code})
		k.PrinterStatus()
	}
	k.Emit("queue:ticket", t)
	return t, nil
}

// GuidanceFor is what the citizen did for procedure code, built from the
// catalog only, so the screen cannot put free text or personal data on the
// ticket: the procedure's name; with a case chosen in the wizard (caseIdx
// ≥ 0) the case's name (when there is a choice), the papers ticked (by
// index in that case's list) and the ones not ticked; the fee text. A
// caseIdx below 0 means the number was taken from the procedure's screen,
// without the checklist.
func (k *Kiosk) GuidanceFor(code string, caseIdx int, ticked []int) (*queue.Guidance, error) {
	v, err := k.Procedure(code)
	if err != nil {
		return nil, err
	}
	g := &queue.Guidance{Procedure: v.Code, Name: v.Name, Ticked: []string{}, Missing: []string{}}
	if len(v.Methods) > 0 {
		g.Fee = v.Methods[0].Fee
	}
	if caseIdx < 0 || len(v.Cases) == 0 {
		return g, nil
	}
	if caseIdx >= len(v.Cases) {
		return nil, fmt.Errorf("procedure %s has no case %d", code, caseIdx)
	}
	c := v.Cases[caseIdx]
	if len(v.Cases) > 1 {
		g.Case = c.Name
	}
	if c.Fee != "" {
		g.Fee = c.Fee
	}
	have := map[int]bool{}
	for _, i := range ticked {
		have[i] = true
	}
	for i, d := range c.Documents {
		if have[i] {
			g.Ticked = append(g.Ticked, d.Name)
		} else {
			g.Missing = append(g.Missing, d.Name)
		}
	}
	if _, err := queue.EncodeGuidance(g); err != nil {
		return nil, err
	}
	return g, nil
}

// RateResult tells the "Đánh giá dịch vụ" screen how a rating went.
type RateResult struct {
	OK        bool   `json:"ok"`
	Reason    string `json:"reason"` // "", "unknown", "notserved", "rated", "offline", "failed"
	MessageVI string `json:"messageVi"`
	MessageEN string `json:"messageEn"`
}

// RateVisit stores a citizen's rating (1-5 stars; at 3 or fewer reason
// chips from rating.VisitReasons and a comment) of the ticket whose QR was
// scanned or whose code was typed. Only a ticket finished at a counter can
// be rated, once; the centre checks it in centre mode, the kiosk itself on
// its own store.
func (k *Kiosk) RateVisit(ref string, stars int, reasons []string, comment string) RateResult {
	tb := k.tickets()
	if tb == nil {
		return rateResult("failed", text.RatingFailed)
	}
	err := tb.Rate(context.Background(), ref, stars, reasons, comment)
	var ce *centre.Error
	switch {
	case err == nil:
		k.log.Info("visit rated on the kiosk", "stars", stars)
		r := rateResult("", text.RatingThanks)
		r.OK = true
		return r
	case errors.Is(err, queue.ErrNoTicket):
		return rateResult("unknown", text.RatingUnknown)
	case errors.Is(err, rating.ErrNotServed):
		return rateResult("notserved", text.RatingNotServed)
	case errors.Is(err, rating.ErrRated):
		return rateResult("rated", text.RatingDone)
	case errors.Is(err, centre.ErrUnreachable):
		return rateResult("offline", text.RatingCentreDown)
	case errors.As(err, &ce):
		switch ce.Code {
		case centre.CodeNotFound:
			return rateResult("unknown", text.RatingUnknown)
		case centre.CodeState:
			return rateResult("notserved", text.RatingNotServed)
		case centre.CodeRated:
			return rateResult("rated", text.RatingDone)
		}
	}
	k.log.Warn("visit rating not stored", "err", err)
	return rateResult("failed", text.RatingFailed)
}

func rateResult(reason string, m text.Msg) RateResult {
	return RateResult{Reason: reason, MessageVI: m.VI, MessageEN: m.EN}
}

// citizenQueueErr is the one error string the screen shows when no number
// was issued: "VI / EN" (text.Queue*).
func citizenQueueErr(err error) error {
	if errors.Is(err, centre.ErrUnreachable) {
		return text.CentrePausedQueue.Error()
	}
	vi, en := queue.Message(err)
	return text.Msg{VI: vi, EN: en}.Error()
}

// StaffTickets lists today's tickets with their print state (staff mode).
func (k *Kiosk) StaffTickets() ([]queue.Ticket, error) {
	if _, err := k.mode.Require("reprint", k.now()); err != nil {
		return nil, err
	}
	return k.queue.Today(context.Background())
}

// StaffReprint prints a ticket again with the same number (staff mode).
func (k *Kiosk) StaffReprint(id int64) (queue.Ticket, error) {
	role, err := k.mode.Require("reprint", k.now())
	if err != nil {
		return queue.Ticket{}, err
	}
	ctx := context.Background()
	t, err := k.queue.Reprint(ctx, k.thePrinter(), id)
	staff.Audit(ctx, k.db, k.now(), role, "reprint", t.Code, t.PrintState)
	return t, err
}

// StaffSetServiceOpen opens or closes a service (staff mode).
func (k *Kiosk) StaffSetServiceOpen(code string, open bool) error {
	role, err := k.mode.Require("service_open_close", k.now())
	if err != nil {
		return err
	}
	ctx := context.Background()
	if err := k.queue.SetOpen(ctx, code, open); err != nil {
		return err
	}
	action := "service_close"
	if open {
		action = "service_open"
	}
	return staff.Audit(ctx, k.db, k.now(), role, action, code, "")
}
