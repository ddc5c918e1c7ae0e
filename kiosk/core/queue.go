package core

import (
	"context"
	"errors"

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
	tb := k.tickets()
	if tb == nil {
		return queue.Ticket{}, errNoStore
	}
	ctx := context.Background()
	t, err := tb.Issue(ctx, service, priority)
	if err != nil {
		k.log.Warn("ticket not issued", "service", service, "err", err)
		return t, citizenQueueErr(err)
	}
	k.log.Info("ticket issued", "code", t.Code, "priority", t.Priority != "", "replayed", t.Replayed)
	t, err = tb.Print(ctx, k.thePrinter(), t)
	if err != nil {
		k.log.Error("ticket not printed", "code", t.Code, "fault", t.PrintError, "err", err)
		k.Emit("printer:fault", map[string]string{"kind": t.PrintError, "ticket": t.Code})
		k.PrinterStatus()
	}
	k.Emit("queue:ticket", t)
	return t, nil
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
