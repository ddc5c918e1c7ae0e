package layout

import (
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
)

// ChecklistData is what the dossier checklist shows.
type ChecklistData struct {
	Centre    string
	Name      string // procedure name
	Code      string // procedure code
	Case      string // the case's name, or "" when the procedure has one case
	Applicant string // the citizen's name if they agreed to print it, or ""
	Papers    []Paper
	Fee       string // "" prints a dash
	Time      string // processing time; "" prints a dash
	Counters  []string
	Service   string // queue service name; "" (and no counters) leaves the line out
	PortalURL string // "" leaves the online QR out
	At        time.Time
}

// Paper is one document of the checklist.
type Paper struct {
	Name      string
	Originals int
	Copies    int
	Obtain    string // where to get it, printed when missing
	Have      bool   // the citizen ticked it
}

// Checklist lays out the dossier checklist: procedure, case, papers the
// citizen has and lacks (with where to get them), fee, time, counter and a
// QR to the procedure online. It never prints an ID number.
func Checklist(c ChecklistData) doc.Doc {
	b := []doc.Block{
		doc.Text{Text: c.Centre, Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: "DANH SÁCH GIẤY TỜ / DOCUMENT CHECKLIST", Size: 2, Bold: true, Align: doc.Center},
		doc.Rule{},
		doc.Text{Text: c.Name + " (" + c.Code + ")", Size: 1, Bold: true},
	}
	if c.Case != "" {
		b = append(b, doc.Text{Text: "Trường hợp: " + c.Case, Size: 1})
	}
	if c.Applicant != "" {
		b = append(b, doc.Text{Text: "Người nộp: " + c.Applicant, Size: 1})
	}
	missing := 0
	b = append(b, doc.Rule{}, doc.Text{Text: "Giấy tờ / Papers:", Size: 1, Bold: true})
	for _, d := range c.Papers {
		mark := "[ ]"
		if d.Have {
			mark = "[x]"
		} else {
			missing++
		}
		line := mark + " " + d.Name
		var n []string
		if d.Originals > 0 {
			n = append(n, fmt.Sprintf("%d bản chính", d.Originals))
		}
		if d.Copies > 0 {
			n = append(n, fmt.Sprintf("%d bản sao", d.Copies))
		}
		if len(n) > 0 {
			line += " (" + strings.Join(n, ", ") + ")"
		}
		b = append(b, doc.Text{Text: line, Size: 1})
		if !d.Have && d.Obtain != "" {
			b = append(b, doc.Text{Text: "  » Lấy ở: " + d.Obtain, Size: 1})
		}
	}
	if missing > 0 {
		b = append(b, doc.Text{Text: fmt.Sprintf("CÒN THIẾU %d GIẤY TỜ / MISSING: %d", missing, missing), Size: 1, Bold: true})
	} else {
		b = append(b, doc.Text{Text: "Đã đủ giấy tờ / All papers ready", Size: 1, Bold: true})
	}
	b = append(b, doc.Rule{}, doc.Text{Text: "Lệ phí: " + orDash(c.Fee), Size: 1}, doc.Text{Text: "Thời gian: " + orDash(c.Time), Size: 1})
	if c.Service != "" || len(c.Counters) > 0 {
		b = append(b, doc.Text{Text: "Nộp tại quầy: " + strings.Join(c.Counters, ", ") + " (" + c.Service + ")", Size: 1, Bold: true})
	}
	if c.PortalURL != "" {
		b = append(b, doc.Text{Text: "Nộp trực tuyến: quét mã QR", Size: 1, Align: doc.Center}, doc.QR{Data: c.PortalURL, Align: doc.Center})
	}
	b = append(b, doc.Text{Text: c.At.Format(dateTime), Size: 1, Align: doc.Center})
	return doc.Doc{Title: "checklist " + c.Code, Blocks: b, Cut: true}
}
