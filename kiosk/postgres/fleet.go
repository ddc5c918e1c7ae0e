package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motcua/kiosk/kiosk/fleet"
)

var _ fleet.Store = (*DB)(nil)

const beatColumns = `kiosk, at, interval_s, version, uptime_s, printer, printer_detail, reader, reader_detail, last_error, free_disk, catalog_version, bundles`

func scanBeat(row pgx.Row) (fleet.Beat, error) {
	var b fleet.Beat
	var at string
	var free int64
	var bundles string
	if err := row.Scan(&b.Kiosk, &at, &b.IntervalSeconds, &b.Version, &b.UptimeSeconds, &b.Printer, &b.PrinterDetail,
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

// PutBeat implements fleet.Store in one transaction: the kiosk's row is
// locked while it is read and replaced, so the beat returned is the one
// this beat replaced even with several centre instances.
func (db *DB) PutBeat(ctx context.Context, b fleet.Beat) (prev fleet.Beat, had bool, err error) {
	err = db.tx(ctx, func(tx pgx.Tx) error {
		prev, had = fleet.Beat{}, false
		p, err := scanBeat(tx.QueryRow(ctx, `SELECT `+beatColumns+` FROM kiosk_health WHERE kiosk = $1 FOR UPDATE`, b.Kiosk))
		switch {
		case err == nil:
			prev, had = p, true
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO kiosk_health(`+beatColumns+`) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
			ON CONFLICT (kiosk) DO UPDATE SET at = EXCLUDED.at, interval_s = EXCLUDED.interval_s, version = EXCLUDED.version,
			uptime_s = EXCLUDED.uptime_s, printer = EXCLUDED.printer, printer_detail = EXCLUDED.printer_detail,
			reader = EXCLUDED.reader, reader_detail = EXCLUDED.reader_detail, last_error = EXCLUDED.last_error,
			free_disk = EXCLUDED.free_disk, catalog_version = EXCLUDED.catalog_version, bundles = EXCLUDED.bundles`,
			b.Kiosk, fmtTime(b.At), b.IntervalSeconds, b.Version, b.UptimeSeconds, b.Printer, b.PrinterDetail,
			b.Reader, b.ReaderDetail, b.LastError, int64(b.FreeDiskBytes), b.CatalogVersion, fleet.EncodeBundles(b.Bundles))
		return err
	})
	if err != nil {
		return fleet.Beat{}, false, fmt.Errorf("postgres: store the beat of %s: %w", b.Kiosk, err)
	}
	return prev, had, nil
}

// Beats implements fleet.Store.
func (db *DB) Beats(ctx context.Context) ([]fleet.Beat, error) {
	var out []fleet.Beat
	err := db.with(ctx, func(q querier) error {
		var err error
		out, err = collect(ctx, q, scanBeat, `SELECT `+beatColumns+` FROM kiosk_health ORDER BY kiosk`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: list beats: %w", err)
	}
	if out == nil {
		out = []fleet.Beat{}
	}
	return out, nil
}
