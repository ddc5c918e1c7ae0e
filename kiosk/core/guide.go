package core

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
)

// PrintResult tells the screen how a print went.
type PrintResult struct {
	OK        bool   `json:"ok"`
	MessageVI string `json:"messageVi"`
	MessageEN string `json:"messageEn"`
}

// ChecklistDoc lays out the dossier checklist: procedure, case, papers the
// citizen has and lacks (with where to get them), fee, time, counter and a
// QR to the procedure online. The name appears only if the citizen agreed;
// the ID number never does.
func (k *Kiosk) ChecklistDoc(code string, caseIdx int, ticked []int, withName bool) (doc.Doc, error) {
	v, err := k.Procedure(code)
	if err != nil {
		return doc.Doc{}, err
	}
	if len(v.Cases) == 0 {
		return doc.Doc{}, fmt.Errorf("procedure %s has no document list", code)
	}
	if caseIdx < 0 || caseIdx >= len(v.Cases) {
		caseIdx = 0
	}
	c := v.Cases[caseIdx]
	have := map[int]bool{}
	for _, i := range ticked {
		have[i] = true
	}
	cfg := k.Config()
	b := []doc.Block{
		doc.Text{Text: cfg.Kiosk.CentreName, Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: "DANH SÁCH GIẤY TỜ / DOCUMENT CHECKLIST", Size: 2, Bold: true, Align: doc.Center},
		doc.Rule{},
		doc.Text{Text: v.Name + " (" + v.Code + ")", Size: 1, Bold: true},
	}
	if len(v.Cases) > 1 {
		b = append(b, doc.Text{Text: "Trường hợp: " + c.Name, Size: 1})
	}
	if withName {
		if id, ok := k.currentIdentity(); ok {
			b = append(b, doc.Text{Text: "Người nộp: " + id.FullName, Size: 1})
		}
	}
	var missing []string
	b = append(b, doc.Rule{}, doc.Text{Text: "Giấy tờ / Papers:", Size: 1, Bold: true})
	for i, d := range c.Documents {
		mark := "[ ]"
		if have[i] {
			mark = "[x]"
		} else {
			missing = append(missing, d.Name)
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
		if !have[i] && d.Obtain != "" {
			b = append(b, doc.Text{Text: "  » Lấy ở: " + d.Obtain, Size: 1})
		}
	}
	if len(missing) > 0 {
		b = append(b, doc.Text{Text: fmt.Sprintf("CÒN THIẾU %d GIẤY TỜ / MISSING: %d", len(missing), len(missing)), Size: 1, Bold: true})
	} else {
		b = append(b, doc.Text{Text: "Đã đủ giấy tờ / All papers ready", Size: 1, Bold: true})
	}
	fee, tm := c.Fee, c.Time
	if fee == "" && len(v.Methods) > 0 {
		fee = v.Methods[0].Fee
	}
	if tm == "" && len(v.Methods) > 0 {
		tm = v.Methods[0].Time
	}
	b = append(b, doc.Rule{}, doc.Text{Text: "Lệ phí: " + orDash(fee), Size: 1}, doc.Text{Text: "Thời gian: " + orDash(tm), Size: 1})
	if v.Service != nil {
		b = append(b, doc.Text{Text: "Nộp tại quầy: " + strings.Join(v.Service.Counters, ", ") + " (" + v.Service.Name + ")", Size: 1, Bold: true})
	}
	if v.PortalURL != "" {
		b = append(b, doc.Text{Text: "Nộp trực tuyến: quét mã QR", Size: 1, Align: doc.Center}, doc.QR{Data: v.PortalURL, Align: doc.Center})
	}
	b = append(b, doc.Text{Text: k.now().In(k.loc).Format("02/01/2006 15:04"), Size: 1, Align: doc.Center})
	return doc.Doc{Title: "checklist " + v.Code, Blocks: b, Cut: true}, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// PrintChecklist prints the wizard's checklist on the ticket printer.
func (k *Kiosk) PrintChecklist(code string, caseIdx int, ticked []int, withName bool) PrintResult {
	d, err := k.ChecklistDoc(code, caseIdx, ticked, withName)
	if err != nil {
		return PrintResult{MessageVI: "Không tạo được danh sách.", MessageEN: "Could not make the list."}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := k.thePrinter().Print(ctx, d); err != nil {
		k.log.Error("checklist not printed", "procedure", code, "err", err)
		return PrintResult{MessageVI: "Máy in đang gặp sự cố. Bạn có thể chụp ảnh màn hình này hoặc hỏi cán bộ.", MessageEN: "The printer has a problem. You can photograph this screen or ask the staff."}
	}
	k.log.Info("checklist printed", "procedure", code, "with_name", withName)
	return PrintResult{OK: true, MessageVI: "Đã in. Vui lòng nhận phiếu ở khe máy in.", MessageEN: "Printed. Please take it from the printer slot."}
}
