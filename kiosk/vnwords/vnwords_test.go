package vnwords

import (
	"math"
	"testing"
)

func TestWords(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "không"}, {1, "một"}, {4, "bốn"}, {5, "năm"}, {10, "mười"}, {11, "mười một"},
		{14, "mười bốn"}, {15, "mười lăm"}, {20, "hai mươi"}, {21, "hai mươi mốt"}, {24, "hai mươi tư"},
		{25, "hai mươi lăm"}, {55, "năm mươi lăm"}, {91, "chín mươi mốt"}, {100, "một trăm"},
		{101, "một trăm linh một"}, {104, "một trăm linh bốn"}, {105, "một trăm linh năm"},
		{110, "một trăm mười"}, {111, "một trăm mười một"}, {115, "một trăm mười lăm"},
		{121, "một trăm hai mươi mốt"}, {999, "chín trăm chín mươi chín"},
		{1000, "một nghìn"}, {1005, "một nghìn không trăm linh năm"}, {1010, "một nghìn không trăm mười"},
		{1100, "một nghìn một trăm"}, {2000, "hai nghìn"}, {10000, "mười nghìn"}, {15000, "mười lăm nghìn"},
		{21000, "hai mươi mốt nghìn"}, {50000, "năm mươi nghìn"}, {120000, "một trăm hai mươi nghìn"},
		{135000, "một trăm ba mươi lăm nghìn"}, {200000, "hai trăm nghìn"}, {205000, "hai trăm linh năm nghìn"},
		{1000000, "một triệu"}, {1000001, "một triệu không trăm linh một"},
		{1500000, "một triệu năm trăm nghìn"}, {1050000, "một triệu không trăm năm mươi nghìn"},
		{10_000_000, "mười triệu"}, {1_000_000_000, "một tỷ"}, {2_000_000_000, "hai tỷ"},
		{1_000_000_001, "một tỷ không trăm linh một"}, {1_001_000_000, "một tỷ không trăm linh một triệu"},
		{1_234_567_890, "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi"},
		{5_000_000_000_000, "năm nghìn tỷ"}, {1_000_000_000_000, "một nghìn tỷ"},
		{2_005_000_000_000, "hai nghìn không trăm linh năm tỷ"},
		{2_000_500_000_000, "hai nghìn tỷ năm trăm triệu"},
		{9_999_999_999_999, "chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"},
		{1_000_000_000_000_000_000, "một tỷ tỷ"}, {-15, "âm mười lăm"},
	}
	for _, c := range cases {
		if got := Words(c.n); got != c.want {
			t.Errorf("Words(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := Words(math.MinInt64); got != "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám" {
		t.Errorf("MinInt64: %q", got)
	}
}

func TestStyles(t *testing.T) {
	south := Style{Le: true, Ngan: true, BonNotTu: true}
	for _, c := range []struct {
		n    int64
		want string
	}{{105, "một trăm lẻ năm"}, {24000, "hai mươi bốn ngàn"}, {1005, "một ngàn không trăm lẻ năm"}, {14, "mười bốn"}} {
		if got := south.Words(c.n); got != c.want {
			t.Errorf("south Words(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestDongAndGroup(t *testing.T) {
	if got := Dong(120000); got != "Một trăm hai mươi nghìn đồng" {
		t.Errorf("Dong = %q", got)
	}
	if got := Dong(0); got != "Không đồng" {
		t.Errorf("Dong(0) = %q", got)
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 200000: "200.000", 1234567: "1.234.567", -50000: "-50.000"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q, want %q", n, got, want)
		}
	}
}
