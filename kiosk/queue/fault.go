package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/text"
)

// Fault kinds recorded in printer_faults.
const (
	FaultPaperEnd   = "paper_end"
	FaultCoverOpen  = "cover_open"
	FaultOffline    = "offline"
	FaultUnplugged  = "unplugged"
	FaultNoResponse = "no_response"
	FaultOther      = "other"
)

// Fault is one recorded printer fault (for staff and diagnostics).
type Fault struct {
	ID       int64  `json:"id"`
	At       string `json:"at"` // RFC 3339, UTC
	Kind     string `json:"kind"`
	TicketID int64  `json:"ticketId"` // 0 when no ticket was printing
	Ticket   string `json:"ticket"`   // ticket code, or ""
	Detail   string `json:"detail"`   // the driver's error text
	AdviceVI string `json:"adviceVi"`
	AdviceEN string `json:"adviceEn"`
}

// FaultKind names a print failure (one of the Fault* kinds).
func FaultKind(err error) string {
	switch {
	case errors.Is(err, doc.ErrPaperEnd):
		return FaultPaperEnd
	case errors.Is(err, doc.ErrCoverOpen):
		return FaultCoverOpen
	case errors.Is(err, doc.ErrOffline):
		return FaultOffline
	case errors.Is(err, doc.ErrUnplugged):
		return FaultUnplugged
	case errors.Is(err, doc.ErrNoResponse):
		return FaultNoResponse
	}
	return FaultOther
}

// advice for the citizen when the ticket did not print: the number is on
// the screen, very large, and this says what to do.
var advice = map[string]text.Msg{
	FaultPaperEnd:   text.PrinterPaperEnd,
	FaultCoverOpen:  text.PrinterCoverOpen,
	FaultOffline:    text.PrinterOffline,
	FaultUnplugged:  text.PrinterUnplugged,
	FaultNoResponse: text.PrinterNoResponse,
	FaultOther:      text.PrinterTicketFailed,
}

// Advice is what the citizen reads under the large number when the ticket
// did not print (Vietnamese, English); unknown kinds get the generic text.
func Advice(kind string) (vi, en string) {
	a, ok := advice[kind]
	if !ok {
		a = advice[FaultOther]
	}
	return a.VI, a.EN
}

// RecordFault stores a printer fault seen outside a ticket (a status poll,
// a test print) and emits EventFault.
func (s *Service) RecordFault(ctx context.Context, kind, detail string) (Fault, error) {
	f := Fault{At: s.now().UTC().Format(time.RFC3339), Kind: kind, Detail: detail}
	f.AdviceVI, f.AdviceEN = Advice(kind)
	if err := s.db.AddFault(ctx, &f); err != nil {
		return f, fmt.Errorf("queue: record fault: %w", err)
	}
	s.ev.Emit(EventFault, f)
	return f, nil
}

// Faults lists the most recent printer faults, newest first (limit <= 0: 100).
func (s *Service) Faults(ctx context.Context, limit int) ([]Fault, error) {
	if limit <= 0 {
		limit = 100
	}
	out, err := s.db.Faults(ctx, limit)
	if err != nil {
		return nil, fmt.Errorf("queue: faults: %w", err)
	}
	for i := range out {
		out[i].AdviceVI, out[i].AdviceEN = Advice(out[i].Kind)
	}
	return out, nil
}
