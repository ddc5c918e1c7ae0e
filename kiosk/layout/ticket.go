package layout

import (
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
)

// TicketData is what a queue ticket shows.
type TicketData struct {
	Centre      string    // centre name
	ServiceName string    // Vietnamese service name
	ServiceEN   string    // English service name
	Code        string    // e.g. "HT-012"
	Priority    bool      // prints the priority mark
	Counters    []string  // counter(s) serving it
	PeopleAhead int       // people waiting before this ticket
	QR          string    // what the QR holds
	Issued      time.Time // already in the centre's time zone
	Note        string    // queue.ticket_note, or ""
	EstWait     int       // estimated wait in seconds; below 0 unknown (no line printed)
}

// WaitText is an estimated wait in words, Vietnamese and English ("khoảng
// 15 phút" / "about 15 min"); "" when sec is below 0 (unknown).
func WaitText(sec int) (vi, en string) {
	switch {
	case sec < 0:
		return "", ""
	case sec < 60:
		return "dưới 1 phút", "under 1 min"
	}
	m := (sec + 30) / 60
	if m < 60 {
		return fmt.Sprintf("khoảng %d phút", m), fmt.Sprintf("about %d min", m)
	}
	h, m := m/60, m%60
	if m == 0 {
		return fmt.Sprintf("khoảng %d giờ", h), fmt.Sprintf("about %d h", h)
	}
	return fmt.Sprintf("khoảng %d giờ %d phút", h, m), fmt.Sprintf("about %d h %d min", h, m)
}

// Ticket lays the ticket out for the printer: centre, service (vi / en), the
// code very large, priority mark, counter(s), people ahead, the estimated
// wait when known, a rule, the QR,
// date and time, the note.
func Ticket(t TicketData) doc.Doc {
	blocks := []doc.Block{
		doc.Text{Text: t.Centre, Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: t.ServiceName + " / " + t.ServiceEN, Size: 2, Align: doc.Center},
		doc.Text{Text: t.Code, Size: 4, Bold: true, Align: doc.Center},
	}
	if t.Priority {
		blocks = append(blocks, doc.Text{Text: "ƯU TIÊN / PRIORITY", Size: 2, Bold: true, Align: doc.Center})
	}
	blocks = append(blocks,
		doc.Text{Text: fmt.Sprintf("Quầy / Counter: %s", strings.Join(t.Counters, ", ")), Size: 2, Align: doc.Center},
		doc.Text{Text: fmt.Sprintf("Trước bạn: %d người / People ahead: %d", t.PeopleAhead, t.PeopleAhead), Size: 1, Align: doc.Center},
	)
	if vi, en := WaitText(t.EstWait); vi != "" {
		blocks = append(blocks,
			doc.Text{Text: "Thời gian chờ dự kiến: " + vi, Size: 1, Bold: true, Align: doc.Center},
			doc.Text{Text: "Estimated wait: " + en, Size: 1, Align: doc.Center})
	}
	blocks = append(blocks,
		doc.Rule{},
		doc.QR{Data: t.QR, Align: doc.Center},
		doc.Text{Text: t.Issued.Format(dateTime), Size: 1, Align: doc.Center},
	)
	if t.Note != "" {
		blocks = append(blocks, doc.Text{Text: t.Note, Size: 1, Align: doc.Center})
	}
	return doc.Doc{Title: "ticket " + t.Code, Blocks: blocks, Cut: true}
}
