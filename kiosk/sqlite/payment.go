package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/payment"
)

var _ payment.Store = (*DB)(nil)

const paymentCols = `id, ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state`

func getPayment(ctx context.Context, q querier, ref string) (payment.Payment, error) {
	var p payment.Payment
	err := q.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE ref = ?`, ref).Scan(&p.ID, &p.Ref, &p.Procedure, &p.Purpose,
		&p.Amount, &p.Status, &p.CreatedAt, &p.ExpiresAt, &p.PaidAt, &p.BankTx, &p.Source, &p.ReviewReason, &p.ReceiptState)
	if errors.Is(err, sql.ErrNoRows) {
		return p, payment.ErrNotFound
	}
	return p, err
}

func isUnique(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

// CreatePayment implements payment.Store.
func (db *DB) CreatePayment(ctx context.Context, p *payment.Payment) error {
	res, err := db.ExecContext(ctx, `INSERT INTO payments(ref, procedure, purpose, amount, status, created_at, expires_at, paid_at, bank_tx, source, review_reason, receipt_state)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.Ref, p.Procedure, p.Purpose, p.Amount, p.Status, p.CreatedAt, p.ExpiresAt, p.PaidAt, p.BankTx, p.Source, p.ReviewReason, p.ReceiptState)
	if isUnique(err) {
		return fmt.Errorf("%w: %s", payment.ErrRefTaken, p.Ref)
	}
	if err != nil {
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

// Payment implements payment.Store.
func (db *DB) Payment(ctx context.Context, ref string) (payment.Payment, error) {
	return getPayment(ctx, db, ref)
}

func in(col string, vals []string, args []any) (string, []any) {
	if len(vals) == 0 {
		return "", args
	}
	for _, v := range vals {
		args = append(args, v)
	}
	return ` AND ` + col + ` IN (?` + strings.Repeat(",?", len(vals)-1) + `)`, args
}

// Payments implements payment.Store.
func (db *DB) Payments(ctx context.Context, since time.Time, statuses []string) ([]payment.Payment, error) {
	cond, args := in("status", statuses, []any{since.UTC().Format(time.RFC3339)})
	rows, err := db.QueryContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE created_at >= ?`+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []payment.Payment
	for rows.Next() {
		var p payment.Payment
		if err := rows.Scan(&p.ID, &p.Ref, &p.Procedure, &p.Purpose, &p.Amount, &p.Status, &p.CreatedAt, &p.ExpiresAt,
			&p.PaidAt, &p.BankTx, &p.Source, &p.ReviewReason, &p.ReceiptState); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const noticeCols = `id, source, tx_id, at, amount, ref, verdict, resolution, resolved_at, resolved_ref, note`

type scanner interface{ Scan(dest ...any) error }

func scanNotice(r scanner) (payment.NoticeRow, error) {
	var n payment.NoticeRow
	err := r.Scan(&n.ID, &n.Source, &n.TxID, &n.At, &n.Amount, &n.Ref, &n.Verdict, &n.Resolution, &n.ResolvedAt, &n.ResolvedRef, &n.Note)
	return n, err
}

func (db *DB) queryNotices(ctx context.Context, query string, args ...any) ([]payment.NoticeRow, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []payment.NoticeRow
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Notices implements payment.Store.
func (db *DB) Notices(ctx context.Context, since time.Time, verdicts []string) ([]payment.NoticeRow, error) {
	cond, args := in("verdict", verdicts, []any{since.UTC().Format(time.RFC3339)})
	ns, err := db.queryNotices(ctx, `SELECT `+noticeCols+` FROM payment_notices WHERE at >= ?`+cond+` ORDER BY id DESC`, args...)
	return ns, err
}

// Unresolved implements payment.Store.
func (db *DB) Unresolved(ctx context.Context, verdicts []string) ([]payment.NoticeRow, error) {
	if len(verdicts) == 0 {
		return nil, fmt.Errorf("unresolved notices: no verdicts given")
	}
	cond, args := in("verdict", verdicts, nil)
	return db.queryNotices(ctx, `SELECT `+noticeCols+` FROM payment_notices WHERE resolution = ''`+cond+` ORDER BY id`, args...)
}

// ExpirePayments implements payment.Store.
func (db *DB) ExpirePayments(ctx context.Context, now time.Time) ([]string, error) {
	var refs []string
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		refs = nil
		rows, err := tx.QueryContext(ctx, `UPDATE payments SET status = 'expired' WHERE status = 'awaiting' AND expires_at <= ? RETURNING ref`,
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
	return refs, err
}

// SetReceiptState implements payment.Store.
func (db *DB) SetReceiptState(ctx context.Context, ref, state string) error {
	res, err := db.ExecContext(ctx, `UPDATE payments SET receipt_state = ? WHERE ref = ?`, state, ref)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("%w %q", payment.ErrNotFound, ref)
	}
	return nil
}

// Update implements payment.Store: fn runs in one BEGIN IMMEDIATE transaction.
func (db *DB) Update(ctx context.Context, fn func(tx payment.Tx) error) error {
	return db.Tx(ctx, func(tx *sql.Tx) error { return fn(paymentTx{tx}) })
}

type paymentTx struct{ tx *sql.Tx }

func (t paymentTx) Payment(ctx context.Context, ref string) (payment.Payment, error) {
	return getPayment(ctx, t.tx, ref)
}

func (t paymentTx) SavePayment(ctx context.Context, p payment.Payment) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE payments SET status = ?, paid_at = ?, bank_tx = ?, source = ?, review_reason = ?, receipt_state = ? WHERE id = ?`,
		p.Status, p.PaidAt, p.BankTx, p.Source, p.ReviewReason, p.ReceiptState, p.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("%w %q", payment.ErrNotFound, p.Ref)
	}
	return nil
}

func (t paymentTx) Notice(ctx context.Context, source, txID string) (payment.NoticeRow, bool, error) {
	n := payment.NoticeRow{Source: source, TxID: txID}
	err := t.tx.QueryRowContext(ctx, `SELECT at, amount, ref, verdict FROM payment_notices WHERE source = ? AND tx_id = ?`, source, txID).
		Scan(&n.At, &n.Amount, &n.Ref, &n.Verdict)
	if errors.Is(err, sql.ErrNoRows) {
		return payment.NoticeRow{}, false, nil
	}
	if err != nil {
		return payment.NoticeRow{}, false, err
	}
	return n, true, nil
}

func (t paymentTx) RecordNotice(ctx context.Context, n payment.NoticeRow) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO payment_notices(source, tx_id, at, amount, ref, verdict) VALUES(?,?,?,?,?,?)
		ON CONFLICT(source, tx_id) DO NOTHING`, n.Source, n.TxID, n.At, n.Amount, n.Ref, n.Verdict)
	if err != nil {
		return false, err
	}
	k, err := res.RowsAffected()
	return k == 1, err
}

func (t paymentTx) NoticeByID(ctx context.Context, id int64) (payment.NoticeRow, error) {
	n, err := scanNotice(t.tx.QueryRowContext(ctx, `SELECT `+noticeCols+` FROM payment_notices WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("%w: %d", payment.ErrNoNotice, id)
	}
	return n, err
}

func (t paymentTx) ResolveNotice(ctx context.Context, n payment.NoticeRow) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE payment_notices SET resolution = ?, resolved_at = ?, resolved_ref = ?, note = ?
		WHERE id = ? AND resolution = ''`, n.Resolution, n.ResolvedAt, n.ResolvedRef, n.Note, n.ID)
	if err != nil {
		return err
	}
	if k, err := res.RowsAffected(); err != nil || k == 1 {
		return err
	}
	if _, err := t.NoticeByID(ctx, n.ID); err != nil {
		return err
	}
	return fmt.Errorf("%w: notice %d is resolved already", payment.ErrState, n.ID)
}

func (t paymentTx) AppendAudit(ctx context.Context, e audit.Entry) error {
	return appendAudit(ctx, t.tx, e)
}
