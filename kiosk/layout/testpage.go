package layout

import (
	"fmt"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
)

// TestPageData is what the technician's test page shows besides the fixed
// samples. Centre and KioskID may be empty (kioskctl has no kiosk config).
type TestPageData struct {
	Profile config.PrinterProfile
	Baud    int
	Centre  string
	KioskID string
	At      time.Time
}

// TestPageQR is what the test page's QR holds without a kiosk id.
const TestPageQR = "https://dichvucong.gov.vn"

// TestPage is the one test page (kiosk technician mode and kioskctl
// printer test): every Vietnamese letter and tone in lower and upper case,
// a bold line, a rule, a very large code, a QR, and the printer's settings
// (paper, dots, code page or raster, baud) with the time.
func TestPage(t TestPageData) doc.Doc {
	mode := "raster"
	if t.Profile.CodePage != "" {
		mode = fmt.Sprintf("%s (ESC t %d)", t.Profile.CodePage, t.Profile.CodePageNumber)
	}
	qr := TestPageQR
	if t.KioskID != "" {
		qr = "TEST " + t.KioskID
	}
	b := []doc.Block{doc.Text{Text: "TRANG IN THỬ / TEST PAGE", Size: 2, Bold: true, Align: doc.Center}}
	if t.Centre != "" {
		b = append(b, doc.Text{Text: t.Centre, Size: 1, Align: doc.Center})
	}
	b = append(b,
		doc.Text{Text: "Tiếng Việt: ăâđêôơư ĂÂĐÊÔƠƯ", Size: 1},
		doc.Text{Text: "áàảãạ ấầẩẫậ ắằẳẵặ éèẻẽẹ ếềểễệ íìỉĩị", Size: 1},
		doc.Text{Text: "óòỏõọ ốồổỗộ ớờởỡợ úùủũụ ứừửữự ýỳỷỹỵ", Size: 1},
		doc.Text{Text: "ÁÀẢÃẠ ẤẦẨẪẬ ẮẰẲẴẶ ÉÈẺẼẸ ẾỀỂỄỆ ÍÌỈĨỊ", Size: 1},
		doc.Text{Text: "ÓÒỎÕỌ ỐỒỔỖỘ ỚỜỞỠỢ ÚÙỦŨỤ ỨỪỬỮỰ ÝỲỶỸỴ", Size: 1},
		doc.Text{Text: "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc", Size: 1, Bold: true},
		doc.Rule{},
		doc.Text{Text: "A-0123", Size: 4, Bold: true, Align: doc.Center},
		doc.QR{Data: qr, Align: doc.Center},
	)
	if t.KioskID != "" {
		b = append(b, doc.Text{Text: "Máy / Kiosk: " + t.KioskID, Size: 1, Align: doc.Center})
	}
	b = append(b,
		doc.Text{Text: fmt.Sprintf("%d mm, %d dots, %s, %d baud", t.Profile.PaperMM, t.Profile.Dots, mode, t.Baud), Size: 1, Align: doc.Center},
		doc.Text{Text: t.At.Format(dateTimeSeconds), Size: 1, Align: doc.Center},
	)
	return doc.Doc{Title: "test page", Cut: true, Blocks: b}
}
