package payment

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
)

// Resolutions of a flagged notice (NoticeRow.Resolution).
const (
	Refunded = "refunded" // staff sent the money back
	Assigned = "assigned" // staff attached the notice to a payment, which it paid
)

// Audit actions written by Refund and Assign.
const (
	ActionNoticeRefund = "payment_notice_refund"
	ActionNoticeAssign = "payment_notice_assign"
)

// FlaggedVerdicts are the verdicts that leave money for staff to reconcile.
var FlaggedVerdicts = []string{VerdictUnknownRef, VerdictWrongAmount, VerdictLate, VerdictCancelled, VerdictAlreadyPaid, VerdictInReview}

// Flagged lists the flagged notices no one has resolved yet, oldest first:
// staff's reconciliation list, each to be refunded or assigned.
func (l *Ledger) Flagged(ctx context.Context) ([]NoticeRow, error) {
	out, err := l.db.Unresolved(ctx, FlaggedVerdicts)
	if err != nil {
		return nil, fmt.Errorf("payment: flagged notices: %w", err)
	}
	return out, nil
}

// openNotice reads notice id inside tx and checks it is flagged and open.
func openNotice(ctx context.Context, tx Tx, id int64) (NoticeRow, error) {
	n, err := tx.NoticeByID(ctx, id)
	if err != nil {
		return n, fmt.Errorf("notice %d: %w", id, err)
	}
	if !slices.Contains(FlaggedVerdicts, n.Verdict) {
		return n, fmt.Errorf("%w: notice %d is %s, nothing to reconcile", ErrState, id, n.Verdict)
	}
	if n.Resolution != "" {
		return n, fmt.Errorf("%w: notice %d was %s already", ErrState, id, n.Resolution)
	}
	return n, nil
}

func staffCheck(role, note string) error {
	if strings.TrimSpace(role) == "" {
		return fmt.Errorf("%w: no staff role", ErrState)
	}
	if strings.TrimSpace(note) == "" {
		return ErrReason
	}
	return nil
}

// resolve writes the resolution and its audit row in tx.
func (l *Ledger) resolve(ctx context.Context, tx Tx, n NoticeRow, at time.Time, role, action string) error {
	if err := tx.ResolveNotice(ctx, n); err != nil {
		return fmt.Errorf("notice %d: %w", n.ID, err)
	}
	detail := fmt.Sprintf("%s notice %s/%s, %d VND, %s", n.Verdict, n.Source, n.TxID, n.Amount, n.Note)
	target := fmt.Sprintf("notice:%d", n.ID)
	if n.ResolvedRef != "" {
		target += " " + n.ResolvedRef
	}
	if err := tx.AppendAudit(ctx, audit.Entry{At: at, Role: role, Action: action, Target: target, Detail: detail}); err != nil {
		return fmt.Errorf("notice %d: audit: %w", n.ID, err)
	}
	return nil
}

// Refund records a staff member's word that the money of flagged notice
// noticeID was sent back; note (required) says how. The payment the notice
// named, if any, is left as it is. Resolving a resolved notice is ErrState.
// The audit row is written in the same transaction.
func (l *Ledger) Refund(ctx context.Context, noticeID int64, role, note string) (NoticeRow, error) {
	if err := staffCheck(role, note); err != nil {
		return NoticeRow{}, fmt.Errorf("payment: refund notice %d: %w", noticeID, err)
	}
	now := l.now().UTC()
	var out NoticeRow
	err := l.db.Update(ctx, func(tx Tx) error {
		n, err := openNotice(ctx, tx, noticeID)
		if err != nil {
			return err
		}
		n.Resolution, n.ResolvedAt, n.Note = Refunded, now.Format(time.RFC3339), strings.TrimSpace(note)
		if err := l.resolve(ctx, tx, n, now, role, ActionNoticeRefund); err != nil {
			return err
		}
		out = n
		return nil
	})
	if err != nil {
		return NoticeRow{}, fmt.Errorf("payment: refund notice %d: %w", noticeID, err)
	}
	return out, nil
}

// Assign attaches flagged notice noticeID (typically an unknown reference
// or a wrong amount) to the payment ref and marks that payment paid by the
// notice (its source and transaction id), when the payment is awaiting,
// needs_review or expired and asks exactly the notice's amount. Otherwise it
// refuses: ErrState (payment paid or cancelled, notice resolved already),
// ErrMismatch (amounts differ), ErrNotFound (no such payment). note is
// required; the audit row is written in the same transaction. It returns
// the payment as paid.
func (l *Ledger) Assign(ctx context.Context, noticeID int64, ref, role, note string) (Payment, error) {
	if err := staffCheck(role, note); err != nil {
		return Payment{}, fmt.Errorf("payment: assign notice %d: %w", noticeID, err)
	}
	now := l.now().UTC()
	stamp := now.Format(time.RFC3339)
	p, _, err := l.transition(ctx, ref, func(tx Tx, p *Payment) (bool, error) {
		n, err := openNotice(ctx, tx, noticeID)
		if err != nil {
			return false, err
		}
		switch p.Status {
		case Awaiting, NeedsReview, Expired:
		default:
			return false, fmt.Errorf("%w: %s is %s, only an awaiting, expired or disputed payment can take a notice", ErrState, p.Ref, p.Status)
		}
		if n.Amount != p.Amount {
			return false, fmt.Errorf("%w: notice %d brought %d VND, %s asks %d VND", ErrMismatch, n.ID, n.Amount, p.Ref, p.Amount)
		}
		n.Resolution, n.ResolvedAt, n.ResolvedRef, n.Note = Assigned, stamp, p.Ref, strings.TrimSpace(note)
		if err := l.resolve(ctx, tx, n, now, role, ActionNoticeAssign); err != nil {
			return false, err
		}
		p.Status, p.PaidAt, p.BankTx, p.Source = Paid, stamp, n.TxID, n.Source
		p.ReviewReason = addReason(p.ReviewReason, fmt.Sprintf("assigned notice %d", n.ID))
		return true, nil
	})
	if err != nil {
		return Payment{}, fmt.Errorf("payment: assign notice %d to %s: %w", noticeID, ref, err)
	}
	return p, nil
}

// NoticeSummary counts reconciliation work for a report.
type NoticeSummary struct {
	Flagged  int // flagged notices received since the given time
	Refunded int // of those, refunded
	Assigned int // of those, assigned to a payment
	Open     int // flagged notices unresolved now, whenever received
}

// Summary counts the flagged notices received since a time and how many
// of them staff refunded or assigned, and every notice still open.
func (l *Ledger) Summary(ctx context.Context, since time.Time) (NoticeSummary, error) {
	var s NoticeSummary
	ns, err := l.db.Notices(ctx, since, FlaggedVerdicts)
	if err != nil {
		return s, fmt.Errorf("payment: notice summary: %w", err)
	}
	for _, n := range ns {
		s.Flagged++
		switch n.Resolution {
		case Refunded:
			s.Refunded++
		case Assigned:
			s.Assigned++
		}
	}
	open, err := l.Flagged(ctx)
	s.Open = len(open)
	return s, err
}
