package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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
	err := db.with(ctx, func(q querier) error {
		return q.QueryRow(ctx, `INSERT INTO devices(kind, name, token_hash, created_at) VALUES($1,$2,$3,$4) RETURNING id`,
			d.Kind, d.Name, tokenHash, fmtTime(d.CreatedAt)).Scan(&d.ID)
	})
	if isUnique(err, "devices_live_name") {
		return fmt.Errorf("%w: %s", device.ErrNameTaken, d.Name)
	}
	if err != nil {
		return fmt.Errorf("postgres: add device %s: %w", d.Name, err)
	}
	return nil
}

func scanDevice(row pgx.Row) (device.Device, error) {
	var d device.Device
	var created, revoked string
	if err := row.Scan(&d.ID, &d.Kind, &d.Name, &created, &revoked); err != nil {
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
func (db *DB) DeviceByTokenHash(ctx context.Context, tokenHash []byte) (d device.Device, err error) {
	err = db.with(ctx, func(q querier) error {
		d, err = scanDevice(q.QueryRow(ctx,
			`SELECT id, kind, name, created_at, revoked_at FROM devices WHERE token_hash = $1 AND revoked_at = ''`, tokenHash))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return d, device.ErrUnknownToken
	}
	if err != nil {
		return d, fmt.Errorf("postgres: device by token: %w", err)
	}
	return d, nil
}

// RevokeDevice implements device.Store.
func (db *DB) RevokeDevice(ctx context.Context, name string, at time.Time) error {
	tag, err := db.exec(ctx, `UPDATE devices SET revoked_at = $1 WHERE name = $2 AND revoked_at = ''`, fmtTime(at), name)
	if err != nil {
		return fmt.Errorf("postgres: revoke device %s: %w", name, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w: %s", device.ErrNotFound, name)
	}
	return nil
}

// Devices implements device.Store.
func (db *DB) Devices(ctx context.Context) ([]device.Device, error) {
	out := []device.Device{}
	err := db.with(ctx, func(q querier) error {
		rows, err := q.Query(ctx, `SELECT id, kind, name, created_at, revoked_at FROM devices ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDevice(rows)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: list devices: %w", err)
	}
	return out, nil
}
