// Package payment runs a fee payment's lifecycle:
//
//	created → awaiting → paid | expired | cancelled | needs_review
//
// "created" lasts only inside Create: the QR payload is built and checked
// before the row is written as awaiting. needs_review means money may have
// arrived but not as asked (amount differs, after expiry or cancel, a second
// transfer): staff decide. Every change is one store transaction and
// idempotent; nothing but a verified notice with the right reference and
// amount, in time — or a staff member's audited word — marks a payment paid.
//
// No payer data is stored: no names, no payer accounts; a notice keeps its
// source, transaction id, amount, the reference found and the verdict.
package payment

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
)

// Statuses.
const (
	Awaiting    = "awaiting"
	Paid        = "paid"
	Expired     = "expired"
	Cancelled   = "cancelled"
	NeedsReview = "needs_review"
)

// Notice verdicts (payment_notices.verdict) and review reasons.
const (
	VerdictPaid        = "paid"         // marked the payment paid
	VerdictDuplicate   = "duplicate"    // same source and transaction id seen before: ignored
	VerdictUnknownRef  = "unknown_ref"  // no reference of ours in the memo
	VerdictWrongAmount = "wrong_amount" // amount differs from what was asked → needs_review
	VerdictLate        = "late"         // arrived after the QR expired → needs_review
	VerdictCancelled   = "after_cancel" // arrived after the citizen cancelled → needs_review
	VerdictAlreadyPaid = "already_paid" // a second transfer for a paid fee: stays paid, staff refund
	VerdictInReview    = "in_review"    // another transfer for a payment already under review
	VerdictStaff       = "staff"        // confirmed by hand (audited)
)

// Errors a caller branches on.
var (
	ErrNotFound = errors.New("payment: no such reference")
	ErrState    = errors.New("payment: not allowed in this state")
	ErrReason   = errors.New("payment: a reason is required")
	ErrAmount   = errors.New("payment: amount must be 1..9 999 999 999 999 VND")
	// ErrNoNotice: no stored notice with that ID.
	ErrNoNotice = errors.New("payment: no such notice")
	// ErrMismatch: a notice's amount is not the payment's fee.
	ErrMismatch = errors.New("payment: notice amount differs from the fee")
	// ErrRefTaken is the store's answer to a reference already in use.
	ErrRefTaken = errors.New("payment: reference already in use")
)

// Payment is one stored payment. Times are RFC 3339 UTC ("" when unset).
type Payment struct {
	ID           int64  `json:"id"`
	Ref          string `json:"ref"`
	Procedure    string `json:"procedureCode"`
	Purpose      string `json:"purpose"`
	Amount       int64  `json:"amount"`
	Status       string `json:"status"`
	CreatedAt    string `json:"createdAt"`
	ExpiresAt    string `json:"expiresAt"`
	PaidAt       string `json:"paidAt"`
	BankTx       string `json:"bankTxId"`
	Source       string `json:"source"`       // casso | payos | sepay | staff
	ReviewReason string `json:"reviewReason"` // comma-separated verdicts, or the staff reason
	ReceiptState string `json:"receiptState"` // "" | printing | printed | failed
}

// Notice is a source's verified word that money arrived.
type Notice struct {
	Source      string    // casso | payos | sepay
	TxID        string    // the source's transaction id (de-duplication key with Source)
	Amount      int64     // VND
	Description string    // transfer memo, where the reference is; never stored
	At          time.Time // when the source signed or sent it
}

// Verdict is what one notice did.
type Verdict struct {
	Verdict string   `json:"verdict"`
	Ref     string   `json:"ref"`     // reference found ("" if none)
	Payment *Payment `json:"payment"` // the payment after the change; nil for duplicate and unknown_ref
	Changed bool     `json:"changed"` // the payment row changed
}

// Store persists payments and notices. Each method is atomic; Update runs
// a read-decide-write in one write transaction.
type Store interface {
	audit.Store
	// CreatePayment stores p (all fields but ID) and sets p.ID;
	// ErrRefTaken when p.Ref is already used.
	CreatePayment(ctx context.Context, p *Payment) error
	// Payment returns the payment with ref (ErrNotFound).
	Payment(ctx context.Context, ref string) (Payment, error)
	// Payments lists payments created at or after since with any of the
	// statuses (all when none), newest first.
	Payments(ctx context.Context, since time.Time, statuses []string) ([]Payment, error)
	// Notices lists notices received at or after since with any of the
	// verdicts (all when none), newest first, every NoticeRow field filled.
	Notices(ctx context.Context, since time.Time, verdicts []string) ([]NoticeRow, error)
	// Unresolved lists the notices with any of the verdicts (at least one
	// is given) whose Resolution is still "", oldest first (ascending ID),
	// every NoticeRow field filled.
	Unresolved(ctx context.Context, verdicts []string) ([]NoticeRow, error)
	// ExpirePayments moves every awaiting payment whose ExpiresAt is at or
	// before now to expired and returns their refs.
	ExpirePayments(ctx context.Context, now time.Time) ([]string, error)
	// SetReceiptState records the receipt print state of a payment.
	SetReceiptState(ctx context.Context, ref, state string) error
	// Update runs fn in one write transaction: all of fn's writes or none.
	Update(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is what a payment change may read and write inside Store.Update.
type Tx interface {
	Payment(ctx context.Context, ref string) (Payment, error)
	// SavePayment writes p's status, paid_at, bank_tx, source,
	// review_reason and receipt_state (by p.ID).
	SavePayment(ctx context.Context, p Payment) error
	// Notice returns the stored notice with that source and transaction id.
	Notice(ctx context.Context, source, txID string) (n NoticeRow, ok bool, err error)
	// RecordNotice stores n once per (Source, TxID): when one is stored
	// already it stores nothing and reports false. n.ID and the resolution
	// fields are ignored: a new notice is unresolved.
	RecordNotice(ctx context.Context, n NoticeRow) (stored bool, err error)
	// NoticeByID returns the stored notice with that ID, every field
	// filled; an error wrapping ErrNoNotice when there is none.
	NoticeByID(ctx context.Context, id int64) (NoticeRow, error)
	// ResolveNotice writes n.Resolution, n.ResolvedAt, n.ResolvedRef and
	// n.Note on the notice n.ID, only if that notice is still unresolved
	// (Resolution ""), as one conditional update; an error wrapping
	// ErrState when it is resolved already, ErrNoNotice when it is missing.
	ResolveNotice(ctx context.Context, n NoticeRow) error
	// AppendAudit writes an audit entry in the same transaction.
	AppendAudit(ctx context.Context, e audit.Entry) error
}

// Ledger stores payments and notices. Safe for concurrent use: every change
// runs in one store transaction.
type Ledger struct {
	db     Store
	now    func() time.Time
	expiry time.Duration
}

// New makes a ledger; expiry is how long a QR stays payable.
func New(db Store, expiry time.Duration, now func() time.Time) *Ledger {
	if now == nil {
		now = time.Now
	}
	if expiry <= 0 {
		expiry = 15 * time.Minute
	}
	return &Ledger{db: db, now: now, expiry: expiry}
}

func (l *Ledger) stamp() string { return l.now().UTC().Format(time.RFC3339) }

// Create stores a payment awaiting its transfer, under a fresh reference.
func (l *Ledger) Create(ctx context.Context, procedure, purpose string, amount int64) (Payment, error) {
	if amount <= 0 || amount > 9_999_999_999_999 {
		return Payment{}, fmt.Errorf("%w, got %d", ErrAmount, amount)
	}
	now := l.now().UTC()
	p := Payment{Procedure: procedure, Purpose: purpose, Amount: amount, Status: Awaiting,
		CreatedAt: now.Format(time.RFC3339), ExpiresAt: now.Add(l.expiry).Format(time.RFC3339)}
	var err error
	for range 5 { // 25⁶ references: a clash is rare, and retried
		p.Ref = NewRef()
		if err = l.db.CreatePayment(ctx, &p); err == nil {
			return p, nil
		}
		if !errors.Is(err, ErrRefTaken) {
			break
		}
	}
	return Payment{}, fmt.Errorf("payment: create: %w", err)
}

// getter is the Store or a Tx.
type getter interface {
	Payment(ctx context.Context, ref string) (Payment, error)
}

func get(ctx context.Context, q getter, ref string) (Payment, error) {
	p, err := q.Payment(ctx, ref)
	if errors.Is(err, ErrNotFound) {
		return p, fmt.Errorf("%w %q", ErrNotFound, ref)
	}
	if err != nil {
		return p, fmt.Errorf("payment %s: read: %w", ref, err)
	}
	return p, nil
}

// Get returns a payment; an awaiting one whose time is up is expired first.
func (l *Ledger) Get(ctx context.Context, ref string) (Payment, error) {
	p, err := get(ctx, l.db, ref)
	if err != nil || p.Status != Awaiting || p.ExpiresAt > l.stamp() {
		return p, err
	}
	if _, err := l.ExpireDue(ctx); err != nil {
		return p, err
	}
	return get(ctx, l.db, ref)
}

// ExpireDue moves overdue awaiting payments to expired and returns their refs.
func (l *Ledger) ExpireDue(ctx context.Context) ([]string, error) {
	refs, err := l.db.ExpirePayments(ctx, l.now())
	if err != nil {
		return nil, fmt.Errorf("payment: expire: %w", err)
	}
	return refs, nil
}

// transition runs fn on the current row inside one transaction; fn changes
// *p and reports whether it did (false: nothing is written).
func (l *Ledger) transition(ctx context.Context, ref string, fn func(tx Tx, p *Payment) (bool, error)) (Payment, bool, error) {
	var out Payment
	changed := false
	err := l.db.Update(ctx, func(tx Tx) error {
		changed = false
		p, err := get(ctx, tx, ref)
		if err != nil {
			return err
		}
		orig := p
		ch, err := fn(tx, &p)
		if err != nil || !ch {
			out = orig
			return err
		}
		if err := tx.SavePayment(ctx, p); err != nil {
			return fmt.Errorf("payment %s: update: %w", ref, err)
		}
		changed = true
		out, err = get(ctx, tx, ref)
		return err
	})
	return out, changed, err
}

// Cancel cancels an awaiting payment (the citizen tapped "Huỷ" or walked
// away). Cancelling a cancelled or expired one changes nothing; a paid or
// disputed one cannot be cancelled here (ErrState).
func (l *Ledger) Cancel(ctx context.Context, ref string) (Payment, error) {
	now := l.stamp()
	p, _, err := l.transition(ctx, ref, func(_ Tx, p *Payment) (bool, error) {
		switch {
		case p.Status == Awaiting && p.ExpiresAt <= now:
			p.Status = Expired
			return true, nil
		case p.Status == Awaiting:
			p.Status = Cancelled
			return true, nil
		case p.Status == Cancelled || p.Status == Expired:
			return false, nil
		}
		return false, fmt.Errorf("%w: %s is %s", ErrState, p.Ref, p.Status)
	})
	return p, err
}

func addReason(have, r string) string {
	if have == "" {
		return r
	}
	for _, x := range strings.Split(have, ",") {
		if x == r {
			return have
		}
	}
	return have + "," + r
}

// judge decides what a fresh notice means for p.
func (l *Ledger) judge(p Payment, n Notice, now string) string {
	switch {
	case p.Status == Paid:
		return VerdictAlreadyPaid
	case p.Status == NeedsReview:
		return VerdictInReview
	case n.Amount != p.Amount:
		return VerdictWrongAmount
	case p.Status == Cancelled:
		return VerdictCancelled
	case p.Status == Expired || p.ExpiresAt <= now:
		return VerdictLate
	}
	return VerdictPaid
}

// Apply records a verified notice and decides, in one transaction, what it
// means. The same notice twice (bank retries) changes nothing the second
// time; a notice never un-pays a payment.
func (l *Ledger) Apply(ctx context.Context, n Notice) (Verdict, error) {
	if n.Source == "" || n.TxID == "" {
		return Verdict{}, fmt.Errorf("payment: notice without source or transaction id")
	}
	if n.Amount <= 0 {
		return Verdict{}, fmt.Errorf("payment: %s notice %s, amount %d: %w", n.Source, n.TxID, n.Amount, ErrOutgoing)
	}
	var v Verdict
	now := l.stamp()
	err := l.db.Update(ctx, func(tx Tx) error {
		v = Verdict{}
		prior, dup, err := tx.Notice(ctx, n.Source, n.TxID)
		if err != nil {
			return err
		}
		if dup {
			v.Verdict, v.Ref = VerdictDuplicate, prior.Ref
			return nil
		}
		v.Verdict = VerdictUnknownRef
		for _, ref := range FindRefs(n.Description) {
			p, err := get(ctx, tx, ref)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			v.Ref, v.Verdict = ref, l.judge(p, n, now)
			change := true
			switch v.Verdict {
			case VerdictPaid:
				p.Status, p.PaidAt, p.BankTx, p.Source = Paid, now, n.TxID, n.Source
			case VerdictWrongAmount, VerdictLate, VerdictCancelled, VerdictInReview:
				p.Status, p.ReviewReason = NeedsReview, addReason(p.ReviewReason, v.Verdict)
				if p.BankTx == "" {
					p.BankTx = n.TxID
				}
				if p.Source == "" {
					p.Source = n.Source
				}
			default:
				change = false
			}
			if change {
				if err := tx.SavePayment(ctx, p); err != nil {
					return err
				}
				v.Changed = true
				if p, err = get(ctx, tx, ref); err != nil {
					return err
				}
			}
			v.Payment = &p
			break
		}
		stored, err := tx.RecordNotice(ctx, NoticeRow{Source: n.Source, TxID: n.TxID, At: now, Amount: n.Amount, Ref: v.Ref, Verdict: v.Verdict})
		if err == nil && !stored {
			err = fmt.Errorf("notice recorded meanwhile")
		}
		return err
	})
	if err != nil {
		return Verdict{}, fmt.Errorf("payment: apply %s notice %s: %w", n.Source, n.TxID, err)
	}
	return v, nil
}

// Auditor writes one audit_log row inside the caller's transaction.
type Auditor func(tx Tx, ref string) error

// ConfirmManual marks a payment paid on a staff member's word (cash, or a
// transfer seen in the bank's own app), from awaiting, expired or
// needs_review. The reason is required and kept in review_reason. A paid
// payment stays as it is (idempotent: no error, no change). audit, if not
// nil, runs in the same transaction.
func (l *Ledger) ConfirmManual(ctx context.Context, ref, reason string) (Payment, error) {
	p, _, err := l.confirmManual(ctx, ref, reason, nil)
	return p, err
}

func (l *Ledger) confirmManual(ctx context.Context, ref, reason string, audit Auditor) (Payment, bool, error) {
	if strings.TrimSpace(reason) == "" {
		return Payment{}, false, ErrReason
	}
	now := l.stamp()
	return l.transition(ctx, ref, func(tx Tx, p *Payment) (bool, error) {
		switch p.Status {
		case Paid:
			return false, nil
		case Awaiting, Expired, NeedsReview:
		default:
			return false, fmt.Errorf("%w: %s is %s", ErrState, p.Ref, p.Status)
		}
		if _, err := tx.RecordNotice(ctx, NoticeRow{Source: "staff", TxID: p.Ref, At: now, Amount: p.Amount, Ref: p.Ref, Verdict: VerdictStaff}); err != nil {
			return false, err
		}
		if audit != nil {
			if err := audit(tx, p.Ref); err != nil {
				return false, err
			}
		}
		p.Status, p.PaidAt, p.Source, p.ReviewReason = Paid, now, "staff", addReason(p.ReviewReason, "staff: "+reason)
		return true, nil
	})
}

// Void cancels a payment that will not be paid here (refunded wrong amount,
// test, duplicate) with a staff reason; a paid one cannot be voided.
func (l *Ledger) Void(ctx context.Context, ref, reason string) (Payment, error) {
	p, _, err := l.void(ctx, ref, reason, nil)
	return p, err
}

func (l *Ledger) void(ctx context.Context, ref, reason string, audit Auditor) (Payment, bool, error) {
	if strings.TrimSpace(reason) == "" {
		return Payment{}, false, ErrReason
	}
	return l.transition(ctx, ref, func(tx Tx, p *Payment) (bool, error) {
		switch p.Status {
		case Awaiting, Expired, NeedsReview:
		default:
			return false, fmt.Errorf("%w: %s is %s, nothing to void", ErrState, p.Ref, p.Status)
		}
		if audit != nil {
			if err := audit(tx, p.Ref); err != nil {
				return false, err
			}
		}
		p.Status, p.ReviewReason = Cancelled, "void: "+reason
		return true, nil
	})
}

// SetReceipt records the receipt print state ("printing", "printed", "failed").
func (l *Ledger) SetReceipt(ctx context.Context, ref, state string) error {
	if err := l.db.SetReceiptState(ctx, ref, state); err != nil {
		return fmt.Errorf("payment %s: receipt state: %w", ref, err)
	}
	return nil
}

// List returns payments created since a time with any of the statuses, newest first.
func (l *Ledger) List(ctx context.Context, since time.Time, statuses ...string) ([]Payment, error) {
	out, err := l.db.Payments(ctx, since, statuses)
	if err != nil {
		return nil, fmt.Errorf("payment: list: %w", err)
	}
	return out, nil
}

// NoticeRow is one stored notice (no payer data). A flagged one (see
// FlaggedVerdicts) stays open until staff resolve it: the money was sent
// back (Refunded) or the notice was attached to a payment (Assigned).
type NoticeRow struct {
	ID          int64  `json:"id"` // store-assigned, set on read
	Source      string `json:"source"`
	TxID        string `json:"txId"`
	At          string `json:"at"`
	Amount      int64  `json:"amount"`
	Ref         string `json:"ref"`
	Verdict     string `json:"verdict"`
	Resolution  string `json:"resolution"`  // "" (open) | refunded | assigned
	ResolvedAt  string `json:"resolvedAt"`  // RFC 3339 UTC, "" while open
	ResolvedRef string `json:"resolvedRef"` // the payment an assigned notice paid
	Note        string `json:"note"`        // staff's note (no personal data)
}

// Notices lists notices received since a time, optionally only some
// verdicts (e.g. already_paid and unknown_ref for staff to refund), newest first.
func (l *Ledger) Notices(ctx context.Context, since time.Time, verdicts ...string) ([]NoticeRow, error) {
	out, err := l.db.Notices(ctx, since, verdicts)
	if err != nil {
		return nil, fmt.Errorf("payment: notices: %w", err)
	}
	return out, nil
}
