// Package vnwords writes amounts in Vietnamese words for receipts and the
// pay screen ("một trăm hai mươi nghìn đồng").
package vnwords

import "strings"

var digits = []string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// triple writes 0..999; full says whether a leading "không trăm" is needed.
func triple(n int, full bool) string {
	h, t, u := n/100, n/10%10, n%10
	var w []string
	if h > 0 || full {
		w = append(w, digits[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0:
		if h > 0 || full {
			w = append(w, "linh")
		}
		w = append(w, digits[u])
	case t == 1:
		w = append(w, "mười")
		if u == 5 {
			w = append(w, "lăm")
		} else if u > 0 {
			w = append(w, digits[u])
		}
	default:
		w = append(w, digits[t], "mươi")
		switch u {
		case 0:
		case 1:
			w = append(w, "mốt")
		case 4:
			w = append(w, "tư")
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, digits[u])
		}
	}
	return strings.Join(w, " ")
}

// Words writes n (≥ 0) in Vietnamese, without the unit.
func Words(n int64) string {
	if n == 0 {
		return "không"
	}
	units := []string{"", "nghìn", "triệu", "tỷ"}
	var groups []int
	for x := n; x > 0; x /= 1000 {
		groups = append(groups, int(x%1000))
	}
	var parts []string
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			if i%3 == 0 && i > 0 && len(parts) > 0 {
				parts = append(parts, "tỷ") // 1 000 000 000 000: keep the tỷ scale
			}
			continue
		}
		w := triple(g, i < len(groups)-1)
		unit := units[i%3]
		if i >= 3 {
			unit = strings.TrimSpace(units[i%3] + " " + strings.Repeat("tỷ ", i/3))
		}
		parts = append(parts, strings.TrimSpace(w+" "+unit))
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// Dong writes an amount of VND, capitalised: "Hai trăm nghìn đồng".
func Dong(n int64) string {
	s := Words(n) + " đồng"
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
