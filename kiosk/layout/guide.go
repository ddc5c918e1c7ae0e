package layout

import (
	"fmt"

	"github.com/motcua/kiosk/drivers/doc"
)

// GuideData is a digital-skills guide as printed (Vietnamese).
type GuideData struct {
	ID      string
	Title   string
	Summary string
	Steps   []string
	Tips    string // "" leaves the tip out
	URL     string // "" leaves the QR out
}

// Guide prints a digital-skills guide: title, numbered steps, tip and the
// QR to open it on a phone.
func Guide(g GuideData) doc.Doc {
	b := []doc.Block{
		doc.Text{Text: "KỸ NĂNG SỐ", Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: g.Title, Size: 2, Bold: true, Align: doc.Center},
		doc.Text{Text: g.Summary, Size: 1},
		doc.Rule{},
	}
	for i, s := range g.Steps {
		b = append(b, doc.Text{Text: fmt.Sprintf("%d. %s", i+1, s), Size: 1})
	}
	if g.Tips != "" {
		b = append(b, doc.Rule{}, doc.Text{Text: "Lưu ý: " + g.Tips, Size: 1})
	}
	if g.URL != "" {
		b = append(b, doc.QR{Data: g.URL, Align: doc.Center}, doc.Text{Text: g.URL, Size: 1, Align: doc.Center})
	}
	return doc.Doc{Title: "guide " + g.ID, Blocks: b, Cut: true}
}
