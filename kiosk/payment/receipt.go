package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/layout"
)

// Receipt states.
const (
	ReceiptPrinting = "printing"
	ReceiptPrinted  = "printed"
	ReceiptFailed   = "failed"
)

// ReceiptTimeout bounds one receipt print.
var ReceiptTimeout = 30 * time.Second

// ReceiptData is what the printed receipt (layout.Receipt) of a paid
// payment shows for a centre and kiosk; loc is the centre's time zone.
func ReceiptData(p Payment, centre, kioskID string, loc *time.Location) layout.ReceiptData {
	paid, _ := time.Parse(time.RFC3339, p.PaidAt)
	return layout.ReceiptData{
		Centre:    centre,
		Purpose:   p.Purpose,
		Procedure: p.Procedure,
		Amount:    p.Amount,
		Ref:       p.Ref,
		BankTx:    p.BankTx,
		ByStaff:   p.Source == "staff",
		Paid:      paid.In(loc),
		KioskID:   kioskID,
	}
}

// PrintReceipt prints (or reprints) the receipt of a paid payment now and
// records the outcome. A failure never changes the payment's status.
func (s *Service) PrintReceipt(ctx context.Context, ref string) (View, error) {
	p, err := get(ctx, s.db, ref)
	if err != nil {
		return View{}, err
	}
	if p.Status != Paid {
		return View{}, fmt.Errorf("%w: %s is %s, no receipt", ErrState, ref, p.Status)
	}
	err = s.print(ctx, p)
	p, gerr := get(ctx, s.db, ref)
	if gerr != nil {
		return View{}, gerr
	}
	return s.emit(p), err
}

func (s *Service) printAsync(p Payment) {
	if s.printer == nil {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), ReceiptTimeout)
		defer cancel()
		s.print(ctx, p)
		if q, err := get(ctx, s.db, p.Ref); err == nil {
			s.emit(q)
		}
	}()
}

func (s *Service) print(ctx context.Context, p Payment) error {
	if s.printer == nil {
		return fmt.Errorf("payment %s: no printer", p.Ref)
	}
	s.printMu.Lock()
	defer s.printMu.Unlock()
	s.ledger.SetReceipt(ctx, p.Ref, ReceiptPrinting)
	err := s.printer.Print(ctx, layout.Receipt(ReceiptData(p, s.Centre, s.kioskID, s.loc())))
	state := ReceiptPrinted
	if err != nil {
		state = ReceiptFailed
		s.log().Error("receipt not printed; the payment stays paid, staff can reprint", "ref", p.Ref, "err", err)
		s.db.AppendEvent(context.WithoutCancel(ctx), audit.Event{At: s.now(), Kind: "receipt_failed", Detail: p.Ref + ": " + err.Error()})
	}
	if serr := s.ledger.SetReceipt(context.WithoutCancel(ctx), p.Ref, state); serr != nil {
		s.log().Error("receipt state not recorded", "ref", p.Ref, "err", serr)
	}
	if err != nil {
		return fmt.Errorf("payment %s: receipt: %w", p.Ref, err)
	}
	return nil
}
