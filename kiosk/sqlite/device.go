package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
)

var _ device.Store = (*DB)(nil)

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// AddDevice implements device.Store.
func (db *DB) AddDevice(ctx context.Context, d *device.Device, tokenHash []byte) error {
	res, err := db.ExecContext(ctx, `INSERT INTO devices(kind, name, token_hash, created_at) VALUES(?,?,?,?)`,
		d.Kind, d.Name, tokenHash, fmtTime(d.CreatedAt))
	if isUnique(err) {
		return fmt.Errorf("%w: %s", device.ErrNameTaken, d.Name)
	}
	if err != nil {
		return fmt.Errorf("add device: %w", err)
	}
	d.ID, err = res.LastInsertId()
	return err
}

func scanDevice(sc interface{ Scan(...any) error }) (device.Device, error) {
	var d device.Device
	var created, revoked string
	if err := sc.Scan(&d.ID, &d.Kind, &d.Name, &created, &revoked); err != nil {
		return d, err
	}
	var err error
	if d.CreatedAt, err = parseTime(created); err != nil {
		return d, fmt.Errorf("device %s: created_at: %w", d.Name, err)
	}
	if d.RevokedAt, err = parseTime(revoked); err != nil {
		return d, fmt.Errorf("device %s: revoked_at: %w", d.Name, err)
	}
	return d, nil
}

// DeviceByTokenHash implements device.Store.
func (db *DB) DeviceByTokenHash(ctx context.Context, tokenHash []byte) (device.Device, error) {
	d, err := scanDevice(db.QueryRowContext(ctx,
		`SELECT id, kind, name, created_at, revoked_at FROM devices WHERE token_hash = ? AND revoked_at = ''`, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return d, device.ErrUnknownToken
	}
	return d, err
}

// RevokeDevice implements device.Store.
func (db *DB) RevokeDevice(ctx context.Context, name string, at time.Time) error {
	res, err := db.ExecContext(ctx, `UPDATE devices SET revoked_at = ? WHERE name = ? AND revoked_at = ''`, fmtTime(at), name)
	if err != nil {
		return fmt.Errorf("revoke device %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", device.ErrNotFound, name)
	}
	return nil
}

// Devices implements device.Store.
func (db *DB) Devices(ctx context.Context) ([]device.Device, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, kind, name, created_at, revoked_at FROM devices ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	defer rows.Close()
	out := []device.Device{}
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
