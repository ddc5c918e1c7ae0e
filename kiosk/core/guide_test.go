package core

import (
	"strings"
	"testing"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/idcard/synth"
	"github.com/motcua/kiosk/kiosk/layout"
)

// checklistDoc is the printed checklist as PrintChecklist lays it out.
func checklistDoc(k *Kiosk, code string, caseIdx int, ticked []int, withName bool) (doc.Doc, error) {
	d, err := k.ChecklistData(code, caseIdx, ticked, withName)
	if err != nil {
		return doc.Doc{}, err
	}
	return layout.Checklist(d), nil
}

func docText(d doc.Doc) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if t, ok := bl.(doc.Text); ok {
			b.WriteString(t.Text + "\n")
		}
	}
	return b.String()
}

func TestChecklistContents(t *testing.T) {
	k, _ := startKiosk(t, nil)

	// Lý lịch tư pháp, case "ủy quyền": ticked the form and the ID, missing the authorisation.
	d, err := checklistDoc(k, "2.000488", 2, []int{0, 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	s := docText(d)
	for _, want := range []string{"Trường hợp: Ủy quyền", "[x] Tờ khai", "[ ] Văn bản ủy quyền có chứng thực", "» Lấy ở: UBND cấp xã", "CÒN THIẾU 1 GIẤY TỜ", "Lệ phí: 200.000", "Nộp tại quầy: 7"} {
		if !strings.Contains(s, want) {
			t.Errorf("checklist lacks %q:\n%s", want, s)
		}
	}
	// A single-case procedure, all papers ticked.
	d, _ = checklistDoc(k, "2.000884", 0, []int{0, 1}, false)
	if s := docText(d); strings.Contains(s, "Trường hợp:") || !strings.Contains(s, "Đã đủ giấy tờ") {
		t.Errorf("single case:\n%s", s)
	}
	// The name only with consent, the ID number never.
	k.Touch()
	id, qr := synth.New(3).QR()
	k.ScanWedge(qr)
	for _, with := range []bool{false, true} {
		d, _ = checklistDoc(k, "1.001193", 0, nil, with)
		s := docText(d)
		if strings.Contains(s, id.FullName) != with {
			t.Errorf("withName=%v: name present=%v", with, !with)
		}
		if strings.Contains(s, id.IDNumber) {
			t.Error("ID number printed")
		}
	}
	if r := k.PrintChecklist("1.001193", 0, []int{0}, false); !r.OK {
		t.Fatalf("print: %+v", r)
	}
}
