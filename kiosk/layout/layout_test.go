package layout_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/layout"
)

var update = flag.Bool("update", false, "rewrite golden files")

var ict = time.FixedZone("ICT", 7*3600)

// profiles are the two ways a layout reaches paper: raster, and text in a
// code page.
func profiles() map[string]config.PrinterProfile {
	cfg := config.Default()
	raster := cfg.PrinterProfiles["80mm"]
	raster.CodePage = ""
	cp := cfg.PrinterProfiles["80mm"]
	cp.CodePage, cp.CodePageNumber = "cp1258", 52
	return map[string]config.PrinterProfile{"raster": raster, "cp1258": cp}
}

// golden encodes d with the real encoder, feeds it to the printer emulator
// and compares the job's transcript and PNG with testdata/<name>-<profile>.
func golden(t *testing.T, name string, d doc.Doc, profs map[string]config.PrinterProfile) {
	t.Helper()
	for pn, prof := range profs {
		b, err := printer.Encode(d, prof)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		m := printersim.NewMachine(prof.Dots, out)
		m.Feed(b)
		m.Flush()
		js := m.Jobs()
		if len(js) != 1 || !js[0].Cut {
			t.Fatalf("%s %s: jobs %+v", name, pn, js)
		}
		for _, ext := range []string{".txt", ".png"} {
			got, err := os.ReadFile(filepath.Join(out, "job-0001"+ext))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+"-"+pn+ext)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				os.WriteFile(path+".got", got, 0o644)
				t.Errorf("%s differs from golden (see %s.got)", path, path)
			}
		}
	}
}

func TestTestPageGolden(t *testing.T) {
	at := time.Date(2026, 11, 22, 9, 30, 5, 0, ict)
	for pn, prof := range profiles() {
		// The kiosk's test page (centre and kiosk id) and kioskctl's (none).
		golden(t, "testpage-kiosk", layout.TestPage(layout.TestPageData{Profile: prof, Baud: 115200,
			Centre: "Trung tâm Phục vụ hành chính công", KioskID: "KIOSK-01", At: at}), map[string]config.PrinterProfile{pn: prof})
		golden(t, "testpage-kioskctl", layout.TestPage(layout.TestPageData{Profile: prof, Baud: 9600, At: at}),
			map[string]config.PrinterProfile{pn: prof})
	}
}

func TestReceiptGolden(t *testing.T) {
	r := layout.ReceiptData{Centre: "Trung tâm Phục vụ hành chính công", Purpose: "Lệ phí cấp phiếu LLTP", Procedure: "2.000488",
		Amount: 200000, Ref: "P7K3QX9A", BankTx: "FT26326123456", Paid: time.Date(2026, 11, 22, 9, 41, 12, 0, ict), KioskID: "KIOSK-01"}
	golden(t, "receipt-bank", layout.Receipt(r), profiles())
	r.ByStaff, r.BankTx, r.Centre = true, "", ""
	golden(t, "receipt-staff", layout.Receipt(r), profiles())
}

func TestTestPageHasEveryLetter(t *testing.T) {
	d := layout.TestPage(layout.TestPageData{Profile: profiles()["raster"]})
	var all string
	for _, b := range d.Blocks {
		if tx, ok := b.(doc.Text); ok {
			all += tx.Text
		}
	}
	for _, r := range "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ" {
		if !bytes.ContainsRune([]byte(all), r) {
			t.Errorf("test page lacks %q", r)
		}
	}
	var qr string
	for _, b := range d.Blocks {
		if q, ok := b.(doc.QR); ok {
			qr = q.Data
		}
	}
	if qr != layout.TestPageQR {
		t.Errorf("kioskctl test page QR %q", qr)
	}
}
