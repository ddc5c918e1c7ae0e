// Package payment runs a fee payment's lifecycle: created → awaiting →
// paid | expired | cancelled | needs_review. Every change is one
// transaction and idempotent; nothing but a verified notice with the right
// reference and amount, in time, marks a payment paid.
package payment

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
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

// Payment is one stored payment.
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
	Source       string `json:"source"`
	ReviewReason string `json:"reviewReason"`
	ReceiptState string `json:"receiptState"`
}

// Notice is a bank's word that money arrived (already verified).
type Notice struct {
	Source      string
	TxID        string
	Amount      int64
	Description string // transfer memo, where the reference is
	At          time.Time
}

// Ledger stores payments.
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
	return &Ledger{db: db, now: now, expiry: expiry}
}

// Reference alphabet: no 0/O, 1/I/L, 2/Z, 5/S, 8/B to survive being read aloud.
const refAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// NewRef makes "P" + 6 random characters + a check character.
func NewRef() string {
	b := make([]byte, 6)
	rand.Read(b)
	s := []byte{'P'}
	for _, x := range b {
		s = append(s, refAlphabet[int(x)%len(refAlphabet)])
	}
	return string(s) + string(refCheck(string(s)))
}

func refCheck(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += (i + 1) * int(s[i])
	}
	return refAlphabet[sum%len(refAlphabet)]
}

// ValidRef checks the check character.
func ValidRef(ref string) bool {
	if len(ref) != 8 || ref[0] != 'P' {
		return false
	}
	for i := 1; i < 8; i++ {
		if !strings.ContainsRune(refAlphabet, rune(ref[i])) {
			return false
		}
	}
	return refCheck(ref[:7]) == ref[7]
}

var refRe = regexp.MustCompile(`P[` + refAlphabet + `]{7}`)

// FindRef finds our reference in a transfer description (banks may change
// case, strip spaces or add their own text).
func FindRef(desc string) string {
	for _, m := range refRe.FindAllString(strings.ToUpper(desc), -1) {
		if ValidRef(m) {
			return m
		}
	}
	return ""
}

// Create stores a payment awaiting its transfer.
func (l *Ledger) Create(ctx context.Context, procedure, purpose string, amount int64) (Payment, error) {
	if amount <= 0 {
		return Payment{}, fmt.Errorf("payment: amount must be positive, got %d", amount)
	}
	now := l.now().UTC()
	p := Payment{Ref: NewRef(), Procedure: procedure, Purpose: purpose, Amount: amount, Status: Awaiting,
		CreatedAt: now.Format(time.RFC3339), ExpiresAt: now.Add(l.expiry).Format(time.RFC3339)}
	res, err := l.db.ExecContext(ctx, `INSERT INTO payments(ref, procedure, purpose, amount, status, created_at, expires_at) VALUES(?,?,?,?,?,?,?)`,
		p.Ref, procedure, purpose, amount, p.Status, p.CreatedAt, p.ExpiresAt)
	if err != nil {
		return Payment{}, fmt.Errorf("payment: create: %w", err)
	}
	p.ID, _ = res.LastInsertId()
	return p, nil
}

const cols = `id, ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state`

func scan(r interface{ Scan(...any) error }) (Payment, error) {
	var p Payment
	err := r.Scan(&p.ID, &p.Ref, &p.Procedure, &p.Purpose, &p.Amount, &p.Status, &p.CreatedAt, &p.ExpiresAt, &p.PaidAt, &p.BankTx, &p.Source, &p.ReviewReason, &p.ReceiptState)
	return p, err
}

// ErrNotFound is an unknown reference.
var ErrNotFound = errors.New("payment: no such reference")

// Get returns a payment, expiring it first if its time is up.
func (l *Ledger) Get(ctx context.Context, ref string) (Payment, error) {
	l.ExpireDue(ctx)
	p, err := scan(l.db.QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE ref = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("%w %q", ErrNotFound, ref)
	}
	return p, err
}

// ExpireDue moves overdue awaiting payments to expired; it returns their refs.
func (l *Ledger) ExpireDue(ctx context.Context) ([]string, error) {
	now := l.now().UTC().Format(time.RFC3339)
	var refs []string
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT ref FROM payments WHERE status = 'awaiting' AND expires_at <= ?`, now)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r string
			rows.Scan(&r)
			refs = append(refs, r)
		}
		rows.Close()
		_, err = tx.ExecContext(ctx, `UPDATE payments SET status = 'expired' WHERE status = 'awaiting' AND expires_at <= ?`, now)
		return err
	})
	return refs, err
}

// Cancel cancels an awaiting payment (citizen tapped "Huỷ" or walked away).
func (l *Ledger) Cancel(ctx context.Context, ref string) (Payment, error) {
	if _, err := l.db.ExecContext(ctx, `UPDATE payments SET status = 'cancelled' WHERE ref = ? AND status = 'awaiting'`, ref); err != nil {
		return Payment{}, err
	}
	return l.Get(ctx, ref)
}

// Verdict is what a notice did.
type Verdict struct {
	Verdict string   // paid | duplicate | unknown_ref | wrong_amount | late | not_awaiting
	Payment *Payment // the payment it concerned, if any
}

// Apply records a verified notice and decides, in one transaction, what it
// means. The same notice twice (bank retries) changes nothing the second time.
func (l *Ledger) Apply(ctx context.Context, n Notice) (Verdict, error) {
	ref := FindRef(n.Description)
	var v Verdict
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		var prior string
		err := tx.QueryRowContext(ctx, `SELECT verdict FROM payment_notices WHERE source = ? AND tx_id = ?`, n.Source, n.TxID).Scan(&prior)
		if err == nil {
			v.Verdict = "duplicate"
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		v.Verdict = "unknown_ref"
		if ref != "" {
			p, err := scan(tx.QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE ref = ?`, ref))
			if err == nil {
				v.Payment = &p
				v.Verdict = l.judge(p, n)
				now := l.now().UTC().Format(time.RFC3339)
				switch v.Verdict {
				case "paid":
					_, err = tx.ExecContext(ctx, `UPDATE payments SET status = 'paid', paid_at = ?, bank_tx = ?, source = ? WHERE id = ? AND status = 'awaiting'`, now, n.TxID, n.Source, p.ID)
					p.Status, p.PaidAt, p.BankTx, p.Source = Paid, now, n.TxID, n.Source
				case "wrong_amount", "late", "not_awaiting":
					if p.Status != Paid {
						_, err = tx.ExecContext(ctx, `UPDATE payments SET status = 'needs_review', review_reason = ?, bank_tx = ?, source = ? WHERE id = ?`, v.Verdict, n.TxID, n.Source, p.ID)
						p.Status, p.ReviewReason = NeedsReview, v.Verdict
					}
				}
				if err != nil {
					return err
				}
				v.Payment = &p
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO payment_notices(source, tx_id, at, amount, ref, verdict) VALUES(?,?,?,?,?,?)`,
			n.Source, n.TxID, l.now().UTC().Format(time.RFC3339), n.Amount, ref, v.Verdict)
		return err
	})
	return v, err
}

func (l *Ledger) judge(p Payment, n Notice) string {
	exp, _ := time.Parse(time.RFC3339, p.ExpiresAt)
	switch {
	case p.Status == Paid:
		return "not_awaiting" // a second transfer for a paid fee: staff refund it
	case n.Amount != p.Amount:
		return "wrong_amount"
	case p.Status == Expired || p.Status == Cancelled || l.now().After(exp):
		return "late"
	case p.Status != Awaiting:
		return "not_awaiting"
	}
	return "paid"
}

// ConfirmManual marks a payment paid on a staff member's word (with a
// reason, audited by the caller): cash, or a transfer seen in the bank app.
func (l *Ledger) ConfirmManual(ctx context.Context, ref, reason string) (Payment, error) {
	if strings.TrimSpace(reason) == "" {
		return Payment{}, errors.New("payment: a reason is required")
	}
	now := l.now().UTC().Format(time.RFC3339)
	res, err := l.db.ExecContext(ctx, `UPDATE payments SET status = 'paid', paid_at = ?, source = 'staff', review_reason = ? WHERE ref = ? AND status IN ('awaiting', 'needs_review', 'expired')`, now, reason, ref)
	if err != nil {
		return Payment{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Payment{}, fmt.Errorf("payment %s: nothing to confirm", ref)
	}
	return l.Get(ctx, ref)
}

// SetReceipt records the receipt print state.
func (l *Ledger) SetReceipt(ctx context.Context, ref, state string) error {
	_, err := l.db.ExecContext(ctx, `UPDATE payments SET receipt_state = ? WHERE ref = ?`, state, ref)
	return err
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

// Void cancels a payment that will not be paid here (wrong amount refunded,
// duplicate, test) with the staff member's reason; a paid one cannot be voided.
func (l *Ledger) Void(ctx context.Context, ref, reason string) (Payment, error) {
	if strings.TrimSpace(reason) == "" {
		return Payment{}, errors.New("payment: a reason is required")
	}
	res, err := l.db.ExecContext(ctx, `UPDATE payments SET status = 'cancelled', review_reason = ? WHERE ref = ? AND status IN ('awaiting', 'needs_review', 'expired')`, "void: "+reason, ref)
	if err != nil {
		return Payment{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Payment{}, fmt.Errorf("payment %s: nothing to void (paid or unknown)", ref)
	}
	return l.Get(ctx, ref)
}
