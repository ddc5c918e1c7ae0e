package core

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
)

// A catalog converted from the national JSON loads in the kiosk, and the
// detail view the screen reads carries each document's form name and
// download address (for the QR) and the fee text with its exemptions whole.
func TestImportedCatalogReachesDetailView(t *testing.T) {
	k, _ := startKiosk(t, func(c *config.Config) {
		c.Catalog.Path = "../catalog/importer/testdata/dvcqg.catalog.golden.json"
	})
	for _, tc := range []struct {
		code string
		want []string
	}{
		{"1.001193", []string{
			`"form":"Mẫu tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP)"`,
			`"formUrl":"https://csdl.dichvucong.gov.vn/mau/to-khai-khai-sinh.docx"`,
		}},
		{"2.000488", []string{
			`Miễn phí đối với trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn."`,
		}},
		{"1.000656", []string{`"unverified":["documents","fee"]`}},
	} {
		t.Run(tc.code, func(t *testing.T) {
			v, err := k.Procedure(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("detail view lacks %s:\n%s", w, b)
				}
			}
		})
	}
}
