package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/doc"
)

// Advice for the citizen when the ticket did not print: the number is on
// the screen, very large, and this says what to do.
var advice = map[string][2]string{
	"paper_end":   {"Máy in hết giấy. Bạn vui lòng ghi nhớ số trên màn hình và báo cán bộ; số của bạn vẫn được giữ.", "The printer is out of paper. Please remember the number on screen and tell the staff; your number is kept."},
	"cover_open":  {"Nắp máy in đang mở. Bạn vui lòng ghi nhớ số trên màn hình và báo cán bộ.", "The printer cover is open. Please remember the number on screen and tell the staff."},
	"offline":     {"Máy in tạm dừng. Bạn vui lòng ghi nhớ số trên màn hình; cán bộ sẽ in lại phiếu.", "The printer is paused. Please remember the number on screen; staff will reprint your ticket."},
	"unplugged":   {"Máy in chưa kết nối. Bạn vui lòng ghi nhớ số trên màn hình; cán bộ sẽ in lại phiếu.", "The printer is not connected. Please remember the number on screen; staff will reprint your ticket."},
	"no_response": {"Máy in không phản hồi. Bạn vui lòng ghi nhớ số trên màn hình và báo cán bộ.", "The printer does not respond. Please remember the number on screen and tell the staff."},
	"other":       {"Không in được phiếu. Bạn vui lòng ghi nhớ số trên màn hình và báo cán bộ.", "The ticket could not be printed. Please remember the number on screen and tell the staff."},
}

// FaultKind names a print failure for staff and diagnostics.
func FaultKind(err error) string {
	switch {
	case errors.Is(err, doc.ErrPaperEnd):
		return "paper_end"
	case errors.Is(err, doc.ErrCoverOpen):
		return "cover_open"
	case errors.Is(err, doc.ErrOffline):
		return "offline"
	case errors.Is(err, doc.ErrUnplugged):
		return "unplugged"
	case errors.Is(err, doc.ErrNoResponse):
		return "no_response"
	}
	return "other"
}

// Doc lays the ticket out for the printer.
func (s *Service) Doc(t Ticket) doc.Doc {
	issued, _ := time.Parse(time.RFC3339, t.IssuedAt)
	qr := t.Service + "-" + strings.ReplaceAll(t.Day, "-", "") + "-" + fmt.Sprintf("%04d", t.Number)
	if tpl := s.cfg.Queue.TicketQRTemplate; tpl != "" {
		qr = strings.NewReplacer("{code}", t.Code, "{service}", t.Service, "{number}", fmt.Sprint(t.Number), "{day}", t.Day).Replace(tpl)
	}
	blocks := []doc.Block{
		doc.Text{Text: s.cfg.Kiosk.CentreName, Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: t.ServiceName + " / " + t.ServiceEN, Size: 2, Align: doc.Center},
		doc.Text{Text: t.Code, Size: 4, Bold: true, Align: doc.Center},
	}
	if t.Priority != "" {
		blocks = append(blocks, doc.Text{Text: "ƯU TIÊN / PRIORITY", Size: 2, Bold: true, Align: doc.Center})
	}
	blocks = append(blocks,
		doc.Text{Text: fmt.Sprintf("Quầy / Counter: %s", strings.Join(t.Counters, ", ")), Size: 2, Align: doc.Center},
		doc.Text{Text: fmt.Sprintf("Trước bạn: %d người / People ahead: %d", t.PeopleAhead, t.PeopleAhead), Size: 1, Align: doc.Center},
		doc.Rule{},
		doc.QR{Data: qr, Align: doc.Center},
		doc.Text{Text: issued.In(s.loc).Format("02/01/2006 15:04"), Size: 1, Align: doc.Center},
	)
	if s.cfg.Queue.TicketNote != "" {
		blocks = append(blocks, doc.Text{Text: s.cfg.Queue.TicketNote, Size: 1, Align: doc.Center})
	}
	return doc.Doc{Title: "ticket " + t.Code, Blocks: blocks, Cut: true}
}

// Print prints a stored ticket and records the outcome: printed, or failed
// with the fault kept for staff. The ticket (and its number) exists either way.
func (s *Service) Print(ctx context.Context, p doc.Printer, t Ticket) (Ticket, error) {
	err := p.Print(ctx, s.Doc(t))
	now := s.now().UTC().Format(time.RFC3339)
	if err == nil {
		_, dbErr := s.db.ExecContext(ctx, `UPDATE tickets SET print_state = 'printed', print_error = '', printed_at = ? WHERE id = ?`, now, t.ID)
		t.PrintState, t.PrintError, t.AdviceVI, t.AdviceEN = "printed", "", "", ""
		return t, dbErr
	}
	kind := FaultKind(err)
	s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, e := tx.ExecContext(ctx, `UPDATE tickets SET print_state = 'failed', print_error = ? WHERE id = ?`, kind, t.ID); e != nil {
			return e
		}
		_, e := tx.ExecContext(ctx, `INSERT INTO printer_faults(at, kind, ticket, detail) VALUES(?,?,?,?)`, now, kind, t.ID, err.Error())
		return e
	})
	t.PrintState, t.PrintError = "failed", kind
	a := advice[kind]
	t.AdviceVI, t.AdviceEN = a[0], a[1]
	return t, err
}

// Get loads a ticket.
func (s *Service) Get(ctx context.Context, id int64) (Ticket, error) {
	ts, err := s.list(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Ticket{}, err
	}
	if len(ts) == 0 {
		return Ticket{}, fmt.Errorf("queue: no ticket %d", id)
	}
	return ts[0], nil
}

// Today lists today's tickets, newest first.
func (s *Service) Today(ctx context.Context) ([]Ticket, error) {
	return s.list(ctx, `WHERE day = ? ORDER BY id DESC`, s.Day(s.now()))
}

func (s *Service) list(ctx context.Context, where string, args ...any) ([]Ticket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, service, day, number, code, priority, issued_at, print_state, print_error, reprints FROM tickets `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("queue: list: %w", err)
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		var t Ticket
		if err := rows.Scan(&t.ID, &t.Service, &t.Day, &t.Number, &t.Code, &t.Priority, &t.IssuedAt, &t.PrintState, &t.PrintError, &t.Reprints); err != nil {
			return nil, err
		}
		if sv, ok := s.service(t.Service); ok {
			t.ServiceName, t.ServiceEN, t.Counters = sv.NameVI, sv.NameEN, sv.Counters
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Reprint prints a ticket again with the same number.
func (s *Service) Reprint(ctx context.Context, p doc.Printer, id int64) (Ticket, error) {
	t, err := s.Get(ctx, id)
	if err != nil {
		return t, err
	}
	t.PeopleAhead, _ = s.ahead(ctx, t)
	if _, err := s.db.ExecContext(ctx, `UPDATE tickets SET reprints = reprints + 1 WHERE id = ?`, id); err != nil {
		return t, err
	}
	t.Reprints++
	return s.Print(ctx, p, t)
}

// RetryFailed reprints today's tickets that failed or never printed (a
// crash between store and print), oldest first; it stops at the first
// failure. Every issued ticket thus ends printed once or flagged.
func (s *Service) RetryFailed(ctx context.Context, p doc.Printer) (int, error) {
	ts, err := s.list(ctx, `WHERE day = ? AND print_state != 'printed' ORDER BY id`, s.Day(s.now()))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range ts {
		t.PeopleAhead, _ = s.ahead(ctx, t)
		if _, err := s.Print(ctx, p, t); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
