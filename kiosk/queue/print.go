package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/layout"
)

// TicketData is what the printed ticket (layout.Ticket) shows for t. It
// does not touch the store.
func (s *Service) TicketData(t Ticket) layout.TicketData {
	issued, _ := time.Parse(time.RFC3339, t.IssuedAt)
	return layout.TicketData{
		Centre:      s.cfg.Kiosk.CentreName,
		ServiceName: t.ServiceName,
		ServiceEN:   t.ServiceEN,
		Code:        t.Code,
		Priority:    t.Priority != "",
		Counters:    t.Counters,
		PeopleAhead: t.PeopleAhead,
		QR:          s.QRData(t),
		Issued:      issued.In(s.loc),
		Note:        s.cfg.Queue.TicketNote,
		EstWait:     t.EstWait,
	}
}

// QRData is what the ticket's QR holds: queue.ticket_qr_template with
// {code}, {service}, {number} and {day} replaced, or, without a template,
// SERVICE-YYYYMMDD-NNNN (the ticket code alone repeats every day).
func (s *Service) QRData(t Ticket) string {
	if tpl := s.cfg.Queue.TicketQRTemplate; tpl != "" {
		return strings.NewReplacer("{code}", t.Code, "{service}", t.Service,
			"{number}", fmt.Sprint(t.Number), "{day}", t.Day).Replace(tpl)
	}
	return fmt.Sprintf("%s-%s-%04d", t.Service, strings.ReplaceAll(t.Day, "-", ""), t.Number)
}

// Print prints a stored ticket once and records the outcome: printed, or
// failed with the fault kept for staff. If the ticket was already printed
// (RetryPending got there first) it is not printed again. On failure the
// returned Ticket is valid (state failed, advice set) and the error wraps
// ErrNotPrinted and the printer's error (doc.ErrPaperEnd...).
func (s *Service) Print(ctx context.Context, p doc.Printer, t Ticket) (Ticket, error) {
	t, _, err := s.printOnce(ctx, p, t)
	return t, err
}

// printOnce prints t unless it is already printed; printed reports whether
// this call printed it.
func (s *Service) printOnce(ctx context.Context, p doc.Printer, t Ticket) (_ Ticket, printed bool, _ error) {
	s.printMu.Lock()
	defer s.printMu.Unlock()
	cur, err := s.db.Ticket(ctx, t.ID)
	if errors.Is(err, ErrNoTicket) {
		return t, false, fmt.Errorf("%w: %d (%s)", ErrNoTicket, t.ID, t.Code)
	}
	if err != nil {
		return t, false, fmt.Errorf("queue: print %s: %w", t.Code, err)
	}
	if cur.PrintState == StatePrinted {
		t, err := s.Get(ctx, t.ID)
		return t, false, err
	}
	t, err = s.printLocked(ctx, p, t)
	return t, err == nil, err
}

// Reprint prints a ticket again with the same number (staff); it never
// makes a new ticket and counts the reprint.
func (s *Service) Reprint(ctx context.Context, p doc.Printer, id int64) (Ticket, error) {
	s.printMu.Lock()
	defer s.printMu.Unlock()
	t, err := s.Get(ctx, id)
	if err != nil {
		return t, err
	}
	if err := s.db.AddReprint(ctx, id); err != nil {
		return t, fmt.Errorf("queue: reprint %s: %w", t.Code, err)
	}
	t.Reprints++
	return s.printLocked(ctx, p, t)
}

// RetryPending prints today's tickets that are still waiting and were never
// printed (pending after a crash, or failed), oldest first, when the
// printer is back. It stops at the first failure (that ticket stays failed,
// its fault recorded) and returns how many printed. With Print and Reprint
// it is serialised, so every ticket ends printed exactly once or flagged.
func (s *Service) RetryPending(ctx context.Context, p doc.Printer) (int, error) {
	all, err := s.list(ctx, s.BusinessDay())
	if err != nil {
		return 0, err
	}
	var ts []Ticket
	for _, t := range slices.Backward(all) { // oldest first
		if t.PrintState != StatePrinted && !t.Called {
			ts = append(ts, t)
		}
	}
	n := 0
	for _, t := range ts {
		_, printed, err := s.printOnce(ctx, p, t)
		if err != nil {
			return n, err
		}
		if printed {
			n++
		}
	}
	return n, nil
}

// printLocked prints with printMu held and stores the outcome.
func (s *Service) printLocked(ctx context.Context, p doc.Printer, t Ticket) (Ticket, error) {
	if ahead, err := s.ahead(ctx, t); err == nil {
		t.PeopleAhead = ahead
	}
	perr := p.Print(ctx, layout.Ticket(s.TicketData(t)))
	now := s.now().UTC().Format(time.RFC3339)
	if perr == nil {
		if err := s.db.MarkPrinted(ctx, t.ID, now); err != nil {
			return t, fmt.Errorf("queue: %s printed but state not saved: %w", t.Code, err)
		}
		t.PrintState, t.PrintError, t.PrintedAt, t.AdviceVI, t.AdviceEN = StatePrinted, "", now, "", ""
		s.ev.Emit(EventTicket, t)
		return t, nil
	}
	kind := FaultKind(perr)
	f := Fault{At: now, Kind: kind, TicketID: t.ID, Ticket: t.Code, Detail: perr.Error()}
	f.AdviceVI, f.AdviceEN = Advice(kind)
	dbErr := s.db.MarkPrintFailed(ctx, t.ID, &f)
	t.PrintState, t.PrintError = StateFailed, kind
	t.AdviceVI, t.AdviceEN = f.AdviceVI, f.AdviceEN
	s.ev.Emit(EventFault, f)
	s.ev.Emit(EventTicket, t)
	err := fmt.Errorf("%w: %s: %w", ErrNotPrinted, t.Code, perr)
	if dbErr != nil {
		err = errors.Join(err, fmt.Errorf("queue: record fault for %s: %w", t.Code, dbErr))
	}
	return t, err
}
