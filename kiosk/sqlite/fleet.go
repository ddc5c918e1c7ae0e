package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/kiosk/kiosk/fleet"
)

var _ fleet.Store = (*DB)(nil)

const beatColumns = `kiosk, at, interval_s, version, uptime_s, printer, printer_detail, reader, reader_detail, last_error, free_disk, catalog_version, bundles`

func scanBeat(sc interface{ Scan(...any) error }) (fleet.Beat, error) {
	var b fleet.Beat
	var at string
	var free int64
	var bundles string
	if err := sc.Scan(&b.Kiosk, &at, &b.IntervalSeconds, &b.Version, &b.UptimeSeconds, &b.Printer, &b.PrinterDetail,
		&b.Reader, &b.ReaderDetail, &b.LastError, &free, &b.CatalogVersion, &bundles); err != nil {
		return b, err
	}
	b.FreeDiskBytes = uint64(free)
	b.Bundles = fleet.DecodeBundles(bundles)
	var err error
	if b.At, err = parseTime(at); err != nil {
		return b, fmt.Errorf("beat of %s: at: %w", b.Kiosk, err)
	}
	return b, nil
}

// PutBeat implements fleet.Store in one write transaction, so the beat it
// replaced is the one it returns.
func (db *DB) PutBeat(ctx context.Context, b fleet.Beat) (prev fleet.Beat, had bool, err error) {
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		p, err := scanBeat(tx.QueryRowContext(ctx, `SELECT `+beatColumns+` FROM kiosk_health WHERE kiosk = ?`, b.Kiosk))
		switch {
		case err == nil:
			prev, had = p, true
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO kiosk_health(`+beatColumns+`) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(kiosk) DO UPDATE SET at = excluded.at, interval_s = excluded.interval_s, version = excluded.version,
			uptime_s = excluded.uptime_s, printer = excluded.printer, printer_detail = excluded.printer_detail,
			reader = excluded.reader, reader_detail = excluded.reader_detail, last_error = excluded.last_error,
			free_disk = excluded.free_disk, catalog_version = excluded.catalog_version, bundles = excluded.bundles`,
			b.Kiosk, fmtTime(b.At), b.IntervalSeconds, b.Version, b.UptimeSeconds, b.Printer, b.PrinterDetail,
			b.Reader, b.ReaderDetail, b.LastError, int64(b.FreeDiskBytes), b.CatalogVersion, fleet.EncodeBundles(b.Bundles))
		return err
	})
	if err != nil {
		return fleet.Beat{}, false, fmt.Errorf("store the beat of %s: %w", b.Kiosk, err)
	}
	return prev, had, nil
}

// Beats implements fleet.Store.
func (db *DB) Beats(ctx context.Context) ([]fleet.Beat, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+beatColumns+` FROM kiosk_health ORDER BY kiosk`)
	if err != nil {
		return nil, fmt.Errorf("list beats: %w", err)
	}
	defer rows.Close()
	out := []fleet.Beat{}
	for rows.Next() {
		b, err := scanBeat(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
