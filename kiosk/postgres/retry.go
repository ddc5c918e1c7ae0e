package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes the store reacts to.
const (
	codeUnique        = "23505"
	codeSerialization = "40001"
	codeDeadlock      = "40P01"
)

// pgCode returns err's SQLSTATE, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// isUnique reports a unique violation, of constraint (or index) name when
// name is not empty.
func isUnique(err error, name string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == codeUnique && (name == "" || pe.ConstraintName == name)
}

// retryable reports a clash with a concurrent transaction that a new
// attempt resolves.
func retryable(err error) bool {
	switch pgCode(err) {
	case codeUnique, codeSerialization, codeDeadlock:
		return true
	}
	return false
}

// maxAttempts bounds the retries of one operation.
const maxAttempts = 50

// backoff waits a little longer at each attempt, or until ctx ends.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(min(attempt+1, 20)) * 5 * time.Millisecond
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
