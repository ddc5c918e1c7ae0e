package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/vnwords"
)

// Receipt states.
const (
	ReceiptPrinting = "printing"
	ReceiptPrinted  = "printed"
	ReceiptFailed   = "failed"
)

// ReceiptTimeout bounds one receipt print.
var ReceiptTimeout = 30 * time.Second

// Receipt is the printed proof of payment: procedure, amount in digits and
// words, reference, bank transaction id, time, kiosk id. No payer data.
func (s *Service) Receipt(p Payment) doc.Doc {
	paid, _ := time.Parse(time.RFC3339, p.PaidAt)
	what := p.Purpose
	if p.Procedure != "" {
		what += " (" + p.Procedure + ")"
	}
	tx := p.BankTx
	if p.Source == "staff" {
		tx = "— (cán bộ xác nhận / confirmed by staff)"
	}
	var blocks []doc.Block
	if s.Centre != "" {
		blocks = append(blocks, doc.Text{Text: s.Centre, Size: 1, Bold: true, Align: doc.Center})
	}
	blocks = append(blocks,
		doc.Text{Text: "BIÊN LAI THANH TOÁN", Size: 2, Bold: true, Align: doc.Center},
		doc.Text{Text: "PAYMENT RECEIPT", Size: 1, Align: doc.Center},
		doc.Rule{},
		doc.Text{Text: "Nội dung / For: " + what, Size: 1},
		doc.Text{Text: "Số tiền / Amount: " + vnwords.Group(p.Amount) + " đ", Size: 2, Bold: true},
		doc.Text{Text: "(" + vnwords.Dong(p.Amount) + ")", Size: 1},
		doc.Text{Text: "Mã thanh toán / Reference: " + p.Ref, Size: 1},
		doc.Text{Text: "Mã giao dịch / Bank transaction: " + tx, Size: 1},
		doc.Text{Text: "Thời gian / Time: " + paid.In(s.loc()).Format("02/01/2006 15:04:05"), Size: 1},
		doc.Text{Text: "Máy / Kiosk: " + s.kioskID, Size: 1},
		doc.Rule{},
		doc.QR{Data: p.Ref + " " + p.BankTx, Align: doc.Center},
		doc.Feed{Lines: 2},
	)
	return doc.Doc{Title: "receipt " + p.Ref, Blocks: blocks, Cut: true}
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
	err := s.printer.Print(ctx, s.Receipt(p))
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
