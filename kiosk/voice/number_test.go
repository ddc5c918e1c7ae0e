package voice

import "testing"

func TestWords(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "không"}, {1, "một"}, {3, "ba"}, {4, "bốn"}, {5, "năm"}, {9, "chín"},
		{10, "mười"}, {11, "mười một"}, {12, "mười hai"}, {14, "mười bốn"}, {15, "mười lăm"},
		{20, "hai mươi"}, {21, "hai mươi mốt"}, {24, "hai mươi tư"}, {25, "hai mươi lăm"},
		{31, "ba mươi mốt"}, {55, "năm mươi lăm"}, {99, "chín mươi chín"},
		{100, "một trăm"}, {101, "một trăm linh một"}, {104, "một trăm linh bốn"},
		{105, "một trăm linh năm"}, {110, "một trăm mười"}, {111, "một trăm mười một"},
		{115, "một trăm mười lăm"}, {121, "một trăm hai mươi mốt"}, {124, "một trăm hai mươi tư"},
		{999, "chín trăm chín mươi chín"}, {1000, "một nghìn"}, {1001, "một nghìn không trăm linh một"},
		{1005, "một nghìn không trăm linh năm"}, {1010, "một nghìn không trăm mười"},
		{1015, "một nghìn không trăm mười lăm"}, {1021, "một nghìn không trăm hai mươi mốt"},
		{1100, "một nghìn một trăm"}, {2000, "hai nghìn"}, {2024, "hai nghìn không trăm hai mươi tư"},
		{9999, "chín nghìn chín trăm chín mươi chín"},
	}
	for _, c := range cases {
		ws := Words(c.n)
		if got := Text(ws); got != c.want {
			t.Errorf("Words(%d) = %q (%v), want %q", c.n, got, ws, c.want)
		}
		for _, w := range ws {
			if _, ok := clipIndex[w]; !ok {
				t.Errorf("Words(%d) gives %q, not a clip", c.n, w)
			}
		}
	}
}

func TestWordsOutOfRange(t *testing.T) {
	for _, n := range []int{-1, MaxNumber + 1, 1 << 40} {
		if ws := Words(n); ws != nil {
			t.Errorf("Words(%d) = %v, want nil", n, ws)
		}
	}
}
