package payment

import "context"

// Flagged lists the bank notices staff still have to reconcile, oldest first.
func (s *Service) Flagged(ctx context.Context) ([]NoticeRow, error) { return s.ledger.Flagged(ctx) }

// RefundNotice records that staff sent back the money of a flagged notice
// (after the caller checked the PIN); audited in the same transaction.
func (s *Service) RefundNotice(ctx context.Context, noticeID int64, staffRole, note string) (NoticeRow, error) {
	n, err := s.ledger.Refund(ctx, noticeID, staffRole, note)
	if err != nil {
		return n, err
	}
	s.log().Info("flagged payment notice refunded by staff", "notice", noticeID, "source", n.Source, "tx", n.TxID, "amount", n.Amount, "role", staffRole)
	return n, nil
}

// AssignNotice attaches a flagged notice to payment ref, which it pays
// (see Ledger.Assign); the change is pushed and the receipt printed.
func (s *Service) AssignNotice(ctx context.Context, noticeID int64, ref, staffRole, note string) (View, error) {
	p, err := s.ledger.Assign(ctx, noticeID, ref, staffRole, note)
	if err != nil {
		return View{}, err
	}
	s.log().Info("flagged payment notice assigned by staff: payment paid", "notice", noticeID, "ref", ref, "role", staffRole)
	v := s.emit(p)
	s.printAsync(p)
	return v, nil
}
