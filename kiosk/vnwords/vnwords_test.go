package vnwords

import "testing"

func TestWords(t *testing.T) {
	cases := map[int64]string{
		0: "không", 5: "năm", 10: "mười", 15: "mười lăm", 21: "hai mươi mốt", 24: "hai mươi tư", 25: "hai mươi lăm",
		105: "một trăm linh năm", 110: "một trăm mười", 2000: "hai nghìn", 2005: "hai nghìn không trăm linh năm",
		10000: "mười nghìn", 120000: "một trăm hai mươi nghìn", 135000: "một trăm ba mươi lăm nghìn", 200000: "hai trăm nghìn",
		1000000: "một triệu", 1500000: "một triệu năm trăm nghìn", 1000001: "một triệu không trăm linh một",
		2000000000: "hai tỷ", 1234567890: "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi",
	}
	for n, want := range cases {
		if got := Words(n); got != want {
			t.Errorf("Words(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Dong(200000); got != "Hai trăm nghìn đồng" {
		t.Errorf("Dong = %q", got)
	}
}
