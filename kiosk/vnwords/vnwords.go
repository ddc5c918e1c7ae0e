// Package vnwords writes amounts in Vietnamese words for receipts and the
// pay screen: 120000 → "một trăm hai mươi nghìn", Dong(120000) → "Một trăm
// hai mươi nghìn đồng".
//
// Rules: "mười" for 10-19, "mươi" for 20-90; after "mươi" 1 is "mốt",
// 4 is "tư"; after "mười"/"mươi" 5 is "lăm"; a zero tens digit between
// hundreds and units is "linh" (Northern, default) or "lẻ" (Southern); an
// inner group below 100 keeps "không trăm"; groups of three are "nghìn",
// "triệu", "tỷ", and what stands above tỷ is itself read in words ("năm
// nghìn tỷ", "hai nghìn không trăm linh năm tỷ"); all-zero groups are skipped.
package vnwords

import (
	"strconv"
	"strings"
)

var digits = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// Style chooses regional variants.
type Style struct {
	Le       bool // "lẻ" instead of "linh" (105 → "một trăm lẻ năm")
	Ngan     bool // "ngàn" instead of "nghìn"
	BonNotTu bool // "bốn" instead of "tư" after "mươi" (24 → "hai mươi bốn")
}

// Default is the Northern, administrative style.
var Default = Style{}

// triple writes 0 < n ≤ 999. full asks for "không trăm" when n < 100 (an
// inner group: 1 005 → "một nghìn không trăm linh năm").
func (s Style) triple(w []string, n int, full bool) []string {
	h, t, u := n/100, n/10%10, n%10
	if h > 0 || full {
		w = append(w, digits[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0:
		if h > 0 || full {
			if s.Le {
				w = append(w, "lẻ")
			} else {
				w = append(w, "linh")
			}
		}
		w = append(w, digits[u])
	case t == 1:
		w = append(w, "mười")
		switch u {
		case 0:
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, digits[u])
		}
	default:
		w = append(w, digits[t], "mươi")
		switch u {
		case 0:
		case 1:
			w = append(w, "mốt")
		case 4:
			if s.BonNotTu {
				w = append(w, "bốn")
			} else {
				w = append(w, "tư")
			}
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, digits[u])
		}
	}
	return w
}

// below writes 0 < n < 10⁹ as triệu / nghìn / units groups; full asks the
// first group for "không trăm" (it follows a higher group).
func (s Style) below(w []string, n uint64, full bool) []string {
	groups := [3]int{int(n / 1_000_000), int(n / 1000 % 1000), int(n % 1000)}
	for i, g := range groups {
		if g == 0 {
			continue
		}
		w = s.triple(w, g, full)
		full = true
		switch i {
		case 0:
			w = append(w, "triệu")
		case 1:
			if s.Ngan {
				w = append(w, "ngàn")
			} else {
				w = append(w, "nghìn")
			}
		}
	}
	return w
}

// words writes n > 0: what is above 10⁹ is itself written in words and
// followed by "tỷ" (5 000 000 000 000 → "năm nghìn tỷ").
func (s Style) words(w []string, n uint64, full bool) []string {
	if n < 1_000_000_000 {
		return s.below(w, n, full)
	}
	hi, lo := n/1_000_000_000, n%1_000_000_000
	w = append(s.words(w, hi, full), "tỷ")
	if lo > 0 {
		w = s.below(w, lo, true)
	}
	return w
}

// Words writes n in Vietnamese (no unit); negative numbers get "âm".
func (s Style) Words(n int64) string {
	if n == 0 {
		return digits[0]
	}
	var w []string
	u := uint64(n)
	if n < 0 {
		w = append(w, "âm")
		u = uint64(-(n + 1)) + 1 // MinInt64 safe
	}
	return strings.Join(s.words(w, u, false), " ")
}

// Words writes n in the default style.
func Words(n int64) string { return Default.Words(n) }

// Dong writes an amount of VND, capitalised: "Hai trăm nghìn đồng".
func Dong(n int64) string { return Default.Dong(n) }

// Dong writes an amount of VND in this style, capitalised.
func (s Style) Dong(n int64) string {
	w := s.Words(n) + " đồng"
	r := []rune(w)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// Group writes n with "." between thousands, as Vietnamese prices are
// written: 1200000 → "1.200.000".
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
