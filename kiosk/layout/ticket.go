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
}

// Ticket lays the ticket out for the printer: centre, service (vi / en), the
// code very large, priority mark, counter(s), people ahead, a rule, the QR,
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
		doc.Rule{},
		doc.QR{Data: t.QR, Align: doc.Center},
		doc.Text{Text: t.Issued.Format(dateTime), Size: 1, Align: doc.Center},
	)
	if t.Note != "" {
		blocks = append(blocks, doc.Text{Text: t.Note, Size: 1, Align: doc.Center})
	}
	return doc.Doc{Title: "ticket " + t.Code, Blocks: blocks, Cut: true}
}
