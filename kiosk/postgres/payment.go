package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/payment"
)

var _ payment.Store = (*DB)(nil)

const paymentCols = `id, ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state`

func scanPayment(row pgx.Row) (payment.Payment, error) {
	var p payment.Payment
	err := row.Scan(&p.ID, &p.Ref, &p.Procedure, &p.Purpose, &p.Amount, &p.Status, &p.CreatedAt, &p.ExpiresAt,
		&p.PaidAt, &p.BankTx, &p.Source, &p.ReviewReason, &p.ReceiptState)
	return p, err
}

// getPayment reads one payment; lock adds FOR UPDATE.
func getPayment(ctx context.Context, q querier, ref string, lock bool) (payment.Payment, error) {
	sql := `SELECT ` + paymentCols + ` FROM payments WHERE ref = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	p, err := scanPayment(q.QueryRow(ctx, sql, ref))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, payment.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("postgres: payment %s: %w", ref, err)
	}
	return p, nil
}

// CreatePayment implements payment.Store.
func (db *DB) CreatePayment(ctx context.Context, p *payment.Payment) error {
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `INSERT INTO payments(ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state)
			VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
			p.Ref, p.Procedure, p.Purpose, p.Amount, p.Status, p.CreatedAt, p.ExpiresAt, p.PaidAt, p.BankTx, p.Source, p.ReviewReason, p.ReceiptState).Scan(&p.ID)
	})
	if isUnique(err, "") {
		return fmt.Errorf("%w: %s", payment.ErrRefTaken, p.Ref)
	}
	if err != nil {
		return fmt.Errorf("postgres: create payment %s: %w", p.Ref, err)
	}
	return nil
}

// Payment implements payment.Store.
func (db *DB) Payment(ctx context.Context, ref string) (p payment.Payment, err error) {
	err = db.with(ctx, func(q querier) error {
		p, err = getPayment(ctx, q, ref, false)
		return err
	})
	return p, err
}

// Payments implements payment.Store.
func (db *DB) Payments(ctx context.Context, since time.Time, statuses []string) ([]payment.Payment, error) {
	sql := `SELECT ` + paymentCols + ` FROM payments WHERE created_at >= $1`
	args := []any{since.UTC().Format(time.RFC3339)}
	if len(statuses) > 0 {
		sql += ` AND status = ANY($2)`
		args = append(args, statuses)
	}
	var out []payment.Payment
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, scanPayment, sql+` ORDER BY id DESC`, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: payments: %w", err)
	}
	return out, nil
}

// Notices implements payment.Store.
func (db *DB) Notices(ctx context.Context, since time.Time, verdicts []string) ([]payment.NoticeRow, error) {
	sql := `SELECT ` + noticeCols + ` FROM payment_notices WHERE at >= $1`
	args := []any{since.UTC().Format(time.RFC3339)}
	if len(verdicts) > 0 {
		sql += ` AND verdict = ANY($2)`
		args = append(args, verdicts)
	}
	var out []payment.NoticeRow
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, scanNotice, sql+` ORDER BY id DESC`, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: notices: %w", err)
	}
	return out, nil
}

// ExpirePayments implements payment.Store: one UPDATE, so a payment
// expires once even with several instances running it.
func (db *DB) ExpirePayments(ctx context.Context, now time.Time) ([]string, error) {
	var refs []string
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `UPDATE payments SET status = 'expired' WHERE status = 'awaiting' AND expires_at <= $1 RETURNING ref`,
			now.UTC().Format(time.RFC3339))
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
		return nil, fmt.Errorf("postgres: expire payments: %w", err)
	}
	return refs, nil
}

// SetReceiptState implements payment.Store.
func (db *DB) SetReceiptState(ctx context.Context, ref, state string) error {
	tag, err := db.exec(ctx, `UPDATE payments SET receipt_state = $1 WHERE ref = $2`, state, ref)
	if err != nil {
		return fmt.Errorf("postgres: receipt state %s: %w", ref, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w %q", payment.ErrNotFound, ref)
	}
	return nil
}

// Update implements payment.Store: fn runs in one transaction in which
// Tx.Payment locks the row it reads (FOR UPDATE), so concurrent Updates of
// one payment take turns. A serialization failure or deadlock reruns fn.
func (db *DB) Update(ctx context.Context, fn func(tx payment.Tx) error) error {
	for attempt := 0; ; attempt++ {
		var fnErr error
		err := db.tx(ctx, func(tx pgx.Tx) error {
			fnErr = fn(paymentTx{tx})
			return fnErr
		})
		if err == nil || fnErr != nil && !retryable(fnErr) {
			return err
		}
		switch pgCode(err) {
		case codeSerialization, codeDeadlock:
			if attempt < maxAttempts {
				if werr := backoff(ctx, attempt); werr != nil {
					return werr
				}
				continue
			}
		}
		return err
	}
}

// paymentTx is payment.Tx on one PostgreSQL transaction.
type paymentTx struct{ tx pgx.Tx }

func (t paymentTx) Payment(ctx context.Context, ref string) (payment.Payment, error) {
	return getPayment(ctx, t.tx, ref, true)
}

func (t paymentTx) SavePayment(ctx context.Context, p payment.Payment) error {
	tag, err := t.tx.Exec(ctx, `UPDATE payments SET status = $1, paid_at = $2, bank_tx = $3, source = $4, review_reason = $5, receipt_state = $6 WHERE id = $7`,
		p.Status, p.PaidAt, p.BankTx, p.Source, p.ReviewReason, p.ReceiptState, p.ID)
	if err != nil {
		return fmt.Errorf("postgres: save payment %s: %w", p.Ref, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w %q", payment.ErrNotFound, p.Ref)
	}
	return nil
}

func (t paymentTx) Notice(ctx context.Context, source, txID string) (payment.NoticeRow, bool, error) {
	n, err := scanNotice(t.tx.QueryRow(ctx, `SELECT `+noticeCols+` FROM payment_notices WHERE source = $1 AND tx_id = $2`, source, txID))
	if errors.Is(err, pgx.ErrNoRows) {
		return payment.NoticeRow{}, false, nil
	}
	if err != nil {
		return payment.NoticeRow{}, false, fmt.Errorf("postgres: notice %s/%s: %w", source, txID, err)
	}
	return n, true, nil
}

func (t paymentTx) RecordNotice(ctx context.Context, n payment.NoticeRow) (bool, error) {
	tag, err := t.tx.Exec(ctx, `INSERT INTO payment_notices(source, tx_id, at, amount, ref, verdict) VALUES($1,$2,$3,$4,$5,$6)
		ON CONFLICT(source, tx_id) DO NOTHING`, n.Source, n.TxID, n.At, n.Amount, n.Ref, n.Verdict)
	if err != nil {
		return false, fmt.Errorf("postgres: record notice %s/%s: %w", n.Source, n.TxID, err)
	}
	return tag.RowsAffected() == 1, nil
}

func (t paymentTx) AppendAudit(ctx context.Context, e audit.Entry) error {
	return appendAudit(ctx, t.tx, e)
}
