package core

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/staff"
)

func (k *Kiosk) dayStart() time.Time {
	now := k.now().In(k.loc)
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, k.loc)
}

// StaffPayments lists today's payments awaiting or needing review (staff mode).
func (k *Kiosk) StaffPayments() ([]payment.Payment, error) {
	if _, err := k.mode.Require("payment_confirm", k.now()); err != nil {
		return nil, err
	}
	ps, err := k.ledger.List(context.Background(), k.dayStart(), payment.Awaiting, payment.NeedsReview, payment.Expired)
	if ps == nil {
		ps = []payment.Payment{}
	}
	return ps, err
}

// mediaDirs lists mounted removable media (USB sticks) and then
// <data dir>/<fallback>, where reports go and catalogs come from.
func mediaDirs(fallback string) []string {
	var out []string
	for _, pat := range []string{"/media/*/*", "/run/media/*/*"} {
		m, _ := filepath.Glob(pat)
		out = append(out, m...)
	}
	if d, err := config.DataDir(); err == nil {
		out = append(out, filepath.Join(d, fallback))
	}
	return out
}

// ReportDirs suggests folders for the daily report: removable media first.
func (k *Kiosk) ReportDirs() []string { return mediaDirs("reports") }

// StaffExportReport writes today's report (tickets, payments, ratings) as
// CSV into dir and returns the file path (staff mode). No personal data.
func (k *Kiosk) StaffExportReport(dir string) (string, error) {
	role, err := k.mode.Require("report_export", k.now())
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	day := k.now().In(k.loc).Format("2006-01-02")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("report folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, fmt.Sprintf("bao-cao-%s-%s.csv", k.Config().Kiosk.KioskID, day))
	var rows [][]string
	rows = append(rows, []string{"section", "service_or_ref", "code_or_status", "detail", "value"})
	tickets, err := k.queue.Today(ctx)
	if err != nil {
		return "", err
	}
	for _, t := range tickets {
		rows = append(rows, []string{"ticket", t.Service, t.Code, t.PrintState, strconv.Itoa(t.Reprints)})
	}
	pays, err := k.ledger.List(ctx, k.dayStart())
	if err != nil {
		return "", err
	}
	for _, p := range pays {
		rows = append(rows, []string{"payment", p.Ref, p.Status, p.Procedure, strconv.FormatInt(p.Amount, 10)})
	}
	ns, err := k.ledger.Summary(ctx, k.dayStart())
	if err != nil {
		return "", err
	}
	rows = append(rows, []string{"notices", "flagged", "", "received today", strconv.Itoa(ns.Flagged)},
		[]string{"notices", "refunded", "", "of today's flagged", strconv.Itoa(ns.Refunded)},
		[]string{"notices", "assigned", "", "of today's flagged", strconv.Itoa(ns.Assigned)},
		[]string{"notices", "open", "", "unresolved, any day", strconv.Itoa(ns.Open)})
	sums, err := k.ratings.Day(ctx, day)
	if err != nil {
		return "", err
	}
	for _, s := range sums {
		rows = append(rows, []string{"rating", s.Service, "good", "", strconv.Itoa(s.Good)},
			[]string{"rating", s.Service, "ok", "", strconv.Itoa(s.OK)},
			[]string{"rating", s.Service, "bad", "", strconv.Itoa(s.Bad)})
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	f.WriteString("\ufeff") // so spreadsheet programs read Vietnamese as UTF-8
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return "", err
	}
	f.Sync()
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	staff.Audit(ctx, k.db, k.now(), role, "report_export", path, "")
	k.log.Info("daily report exported", "path", path, "rows", len(rows)-1)
	return path, nil
}
