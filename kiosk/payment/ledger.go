// Package payment runs a fee payment's lifecycle:
//
//	created → awaiting → paid | expired | cancelled | needs_review
//
// "created" lasts only inside Create: the QR payload is built and checked
// before the row is written as awaiting. needs_review means money may have
// arrived but not as asked (amount differs, after expiry or cancel, a second
// transfer): staff decide. Every change is one SQLite transaction and
// idempotent; nothing but a verified notice with the right reference and
// amount, in time — or a staff member's audited word — marks a payment paid.
//
// No payer data is stored: no names, no payer accounts; a notice keeps its
// source, transaction id, amount, the reference found and the verdict.
package payment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/store"
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

// Ledger stores payments and notices. Safe for concurrent use: every change
// runs in one BEGIN IMMEDIATE transaction.
type Ledger struct {
	db     *store.DB
	now    func() time.Time
	expiry time.Duration
}

// New makes a ledger; expiry is how long a QR stays payable.
func New(db *store.DB, expiry time.Duration, now func() time.Time) *Ledger {
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
		var res sql.Result
		res, err = l.db.ExecContext(ctx, `INSERT INTO payments(ref, procedure, purpose, amount, status, created_at, expires_at) VALUES(?,?,?,?,?,?,?)`,
			p.Ref, procedure, purpose, amount, p.Status, p.CreatedAt, p.ExpiresAt)
		if err == nil {
			p.ID, _ = res.LastInsertId()
			return p, nil
		}
		if !strings.Contains(err.Error(), "UNIQUE") {
			break
		}
	}
	return Payment{}, fmt.Errorf("payment: create: %w", err)
}

const cols = `id, ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state`

type scanner interface{ Scan(...any) error }

func scan(r scanner) (Payment, error) {
	var p Payment
	err := r.Scan(&p.ID, &p.Ref, &p.Procedure, &p.Purpose, &p.Amount, &p.Status, &p.CreatedAt, &p.ExpiresAt, &p.PaidAt, &p.BankTx, &p.Source, &p.ReviewReason, &p.ReceiptState)
	return p, err
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func get(ctx context.Context, q querier, ref string) (Payment, error) {
	p, err := scan(q.QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE ref = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
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
	now := l.stamp()
	var refs []string
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE payments SET status = 'expired' WHERE status = 'awaiting' AND expires_at <= ? RETURNING ref`, now)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				return err
			}
			refs = append(refs, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("payment: expire: %w", err)
	}
	return refs, nil
}

// transition runs fn on the current row inside one transaction; fn returns
// the SET clause and arguments to apply, or "" for no change.
func (l *Ledger) transition(ctx context.Context, ref string, fn func(tx *sql.Tx, p Payment) (set string, args []any, err error)) (Payment, bool, error) {
	var out Payment
	changed := false
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		p, err := get(ctx, tx, ref)
		if err != nil {
			return err
		}
		set, args, err := fn(tx, p)
		if err != nil || set == "" {
			out = p
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET `+set+` WHERE id = ?`, append(args, p.ID)...); err != nil {
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
	p, _, err := l.transition(ctx, ref, func(_ *sql.Tx, p Payment) (string, []any, error) {
		switch {
		case p.Status == Awaiting && p.ExpiresAt <= now:
			return `status = 'expired'`, nil, nil
		case p.Status == Awaiting:
			return `status = 'cancelled'`, nil, nil
		case p.Status == Cancelled || p.Status == Expired:
			return "", nil, nil
		}
		return "", nil, fmt.Errorf("%w: %s is %s", ErrState, p.Ref, p.Status)
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
	var v Verdict
	now := l.stamp()
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		v = Verdict{}
		var prior string
		err := tx.QueryRowContext(ctx, `SELECT ref FROM payment_notices WHERE source = ? AND tx_id = ?`, n.Source, n.TxID).Scan(&prior)
		if err == nil {
			v.Verdict, v.Ref = VerdictDuplicate, prior
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
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
			var set string
			var args []any
			switch v.Verdict {
			case VerdictPaid:
				set, args = `status = 'paid', paid_at = ?, bank_tx = ?, source = ?`, []any{now, n.TxID, n.Source}
			case VerdictWrongAmount, VerdictLate, VerdictCancelled, VerdictInReview:
				set, args = `status = 'needs_review', review_reason = ?, bank_tx = CASE bank_tx WHEN '' THEN ? ELSE bank_tx END, source = CASE source WHEN '' THEN ? ELSE source END`,
					[]any{addReason(p.ReviewReason, v.Verdict), n.TxID, n.Source}
			}
			if set != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE payments SET `+set+` WHERE id = ?`, append(args, p.ID)...); err != nil {
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
		_, err = tx.ExecContext(ctx, `INSERT INTO payment_notices(source, tx_id, at, amount, ref, verdict) VALUES(?,?,?,?,?,?)`,
			n.Source, n.TxID, now, n.Amount, v.Ref, v.Verdict)
		return err
	})
	if err != nil {
		return Verdict{}, fmt.Errorf("payment: apply %s notice %s: %w", n.Source, n.TxID, err)
	}
	return v, nil
}

// Auditor writes one audit_log row inside the caller's transaction.
type Auditor func(tx *sql.Tx, ref string) error

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
	return l.transition(ctx, ref, func(tx *sql.Tx, p Payment) (string, []any, error) {
		switch p.Status {
		case Paid:
			return "", nil, nil
		case Awaiting, Expired, NeedsReview:
		default:
			return "", nil, fmt.Errorf("%w: %s is %s", ErrState, p.Ref, p.Status)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO payment_notices(source, tx_id, at, amount, ref, verdict) VALUES('staff', ?, ?, ?, ?, ?)`,
			p.Ref, now, p.Amount, p.Ref, VerdictStaff); err != nil {
			return "", nil, err
		}
		if audit != nil {
			if err := audit(tx, p.Ref); err != nil {
				return "", nil, err
			}
		}
		return `status = 'paid', paid_at = ?, source = 'staff', review_reason = ?`, []any{now, addReason(p.ReviewReason, "staff: "+reason)}, nil
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
	return l.transition(ctx, ref, func(tx *sql.Tx, p Payment) (string, []any, error) {
		switch p.Status {
		case Awaiting, Expired, NeedsReview:
		default:
			return "", nil, fmt.Errorf("%w: %s is %s, nothing to void", ErrState, p.Ref, p.Status)
		}
		if audit != nil {
			if err := audit(tx, p.Ref); err != nil {
				return "", nil, err
			}
		}
		return `status = 'cancelled', review_reason = ?`, []any{"void: " + reason}, nil
	})
}

// SetReceipt records the receipt print state ("printing", "printed", "failed").
func (l *Ledger) SetReceipt(ctx context.Context, ref, state string) error {
	if _, err := l.db.ExecContext(ctx, `UPDATE payments SET receipt_state = ? WHERE ref = ?`, state, ref); err != nil {
		return fmt.Errorf("payment %s: receipt state: %w", ref, err)
	}
	return nil
}

// List returns payments created since a time with any of the statuses, newest first.
func (l *Ledger) List(ctx context.Context, since time.Time, statuses ...string) ([]Payment, error) {
	q := `SELECT ` + cols + ` FROM payments WHERE created_at >= ?`
	args := []any{since.UTC().Format(time.RFC3339)}
	if len(statuses) > 0 {
		q += ` AND status IN (?` + strings.Repeat(",?", len(statuses)-1) + `)`
		for _, s := range statuses {
			args = append(args, s)
		}
	}
	rows, err := l.db.QueryContext(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("payment: list: %w", err)
	}
	defer rows.Close()
	var out []Payment
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// NoticeRow is one stored notice (no payer data).
type NoticeRow struct {
	Source  string `json:"source"`
	TxID    string `json:"txId"`
	At      string `json:"at"`
	Amount  int64  `json:"amount"`
	Ref     string `json:"ref"`
	Verdict string `json:"verdict"`
}

// Notices lists notices received since a time, optionally only some
// verdicts (e.g. already_paid and unknown_ref for staff to refund), newest first.
func (l *Ledger) Notices(ctx context.Context, since time.Time, verdicts ...string) ([]NoticeRow, error) {
	q := `SELECT source, tx_id, at, amount, ref, verdict FROM payment_notices WHERE at >= ?`
	args := []any{since.UTC().Format(time.RFC3339)}
	if len(verdicts) > 0 {
		q += ` AND verdict IN (?` + strings.Repeat(",?", len(verdicts)-1) + `)`
		for _, v := range verdicts {
			args = append(args, v)
		}
	}
	rows, err := l.db.QueryContext(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("payment: notices: %w", err)
	}
	defer rows.Close()
	var out []NoticeRow
	for rows.Next() {
		var n NoticeRow
		if err := rows.Scan(&n.Source, &n.TxID, &n.At, &n.Amount, &n.Ref, &n.Verdict); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
