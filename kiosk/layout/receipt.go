package layout

import (
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/vnwords"
)

// ReceiptData is what a payment receipt shows. No payer data.
type ReceiptData struct {
	Centre    string // centre name, or "" to leave the line out
	Purpose   string // what was paid for
	Procedure string // procedure code, or ""
	Amount    int64  // đồng
	Ref       string // payment reference
	BankTx    string // bank transaction id
	ByStaff   bool   // confirmed by staff (no bank transaction)
	Paid      time.Time
	KioskID   string
}

// Receipt is the printed proof of payment: procedure, amount in digits and
// words, reference, bank transaction id, time, kiosk id.
func Receipt(r ReceiptData) doc.Doc {
	what := r.Purpose
	if r.Procedure != "" {
		what += " (" + r.Procedure + ")"
	}
	tx := r.BankTx
	if r.ByStaff {
		tx = "— (cán bộ xác nhận / confirmed by staff)"
	}
	var blocks []doc.Block
	if r.Centre != "" {
		blocks = append(blocks, doc.Text{Text: r.Centre, Size: 1, Bold: true, Align: doc.Center})
	}
	blocks = append(blocks,
		doc.Text{Text: "BIÊN LAI THANH TOÁN", Size: 2, Bold: true, Align: doc.Center},
		doc.Text{Text: "PAYMENT RECEIPT", Size: 1, Align: doc.Center},
		doc.Rule{},
		doc.Text{Text: "Nội dung / For: " + what, Size: 1},
		doc.Text{Text: "Số tiền / Amount: " + vnwords.Group(r.Amount) + " đ", Size: 2, Bold: true},
		doc.Text{Text: "(" + vnwords.Dong(r.Amount) + ")", Size: 1},
		doc.Text{Text: "Mã thanh toán / Reference: " + r.Ref, Size: 1},
		doc.Text{Text: "Mã giao dịch / Bank transaction: " + tx, Size: 1},
		doc.Text{Text: "Thời gian / Time: " + r.Paid.Format(dateTimeSeconds), Size: 1},
		doc.Text{Text: "Máy / Kiosk: " + r.KioskID, Size: 1},
		doc.Rule{},
		doc.QR{Data: r.Ref + " " + r.BankTx, Align: doc.Center},
		doc.Feed{Lines: 2},
	)
	return doc.Doc{Title: "receipt " + r.Ref, Blocks: blocks, Cut: true}
}
