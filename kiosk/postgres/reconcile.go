package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/payment"
)

const noticeCols = `id, source, tx_id, at, amount, ref, verdict, resolution, resolved_at, resolved_ref, note`

func scanNotice(r pgx.Row) (payment.NoticeRow, error) {
	var n payment.NoticeRow
	err := r.Scan(&n.ID, &n.Source, &n.TxID, &n.At, &n.Amount, &n.Ref, &n.Verdict, &n.Resolution, &n.ResolvedAt, &n.ResolvedRef, &n.Note)
	return n, err
}

// Unresolved implements payment.Store: open notices with any of the
// verdicts, oldest first.
func (db *DB) Unresolved(ctx context.Context, verdicts []string) ([]payment.NoticeRow, error) {
	if len(verdicts) == 0 {
		return nil, fmt.Errorf("postgres: unresolved notices: no verdicts given")
	}
	var out []payment.NoticeRow
	err := db.with(ctx, func(q querier) (err error) {
		out, err = collect(ctx, q, scanNotice, `SELECT `+noticeCols+` FROM payment_notices WHERE resolution = '' AND verdict = ANY($1) ORDER BY id`, verdicts)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: unresolved notices: %w", err)
	}
	return out, nil
}

// NoticeByID implements payment.Tx (the row is locked for the transaction).
func (t paymentTx) NoticeByID(ctx context.Context, id int64) (payment.NoticeRow, error) {
	n, err := scanNotice(t.tx.QueryRow(ctx, `SELECT `+noticeCols+` FROM payment_notices WHERE id = $1 FOR UPDATE`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return n, fmt.Errorf("%w: %d", payment.ErrNoNotice, id)
	}
	if err != nil {
		return n, fmt.Errorf("postgres: notice %d: %w", id, err)
	}
	return n, nil
}

// ResolveNotice implements payment.Tx: one conditional update.
func (t paymentTx) ResolveNotice(ctx context.Context, n payment.NoticeRow) error {
	tag, err := t.tx.Exec(ctx, `UPDATE payment_notices SET resolution = $1, resolved_at = $2, resolved_ref = $3, note = $4
		WHERE id = $5 AND resolution = ''`, n.Resolution, n.ResolvedAt, n.ResolvedRef, n.Note, n.ID)
	if err != nil {
		return fmt.Errorf("postgres: resolve notice %d: %w", n.ID, err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	if _, err := t.NoticeByID(ctx, n.ID); err != nil {
		return err
	}
	return fmt.Errorf("%w: notice %d is resolved already", payment.ErrState, n.ID)
}
