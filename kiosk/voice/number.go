package voice

// MaxNumber is the largest number Words reads.
const MaxNumber = 9999

// Words gives the clip names that read 0 ≤ n ≤ MaxNumber as a Vietnamese
// number, Northern style: 3 → "ba", 15 → "mười lăm", 21 → "hai mươi mốt",
// 24 → "hai mươi tư", 105 → "một trăm linh năm", 1005 → "một nghìn không
// trăm linh năm". It returns nil for n out of range.
func Words(n int) []string {
	if n < 0 || n > MaxNumber {
		return nil
	}
	if n == 0 {
		return []string{DigitClip(0)}
	}
	var out []string
	thousands, rest := n/1000, n%1000
	if thousands > 0 {
		out = append(out, DigitClip(thousands), ClipNghin)
		if rest == 0 {
			return out
		}
	}
	return append(out, hundreds(rest, thousands > 0)...)
}

// hundreds reads 0 < n ≤ 999; inner asks for "không trăm" when n < 100
// follows a thousands group (1005 → "một nghìn không trăm linh năm").
func hundreds(n int, inner bool) []string {
	h, t, u := n/100, n/10%10, n%10
	var out []string
	if h > 0 || inner {
		out = append(out, DigitClip(h), ClipTram)
		if t == 0 && u == 0 {
			return out
		}
		if t == 0 {
			return append(out, ClipLinh, DigitClip(u))
		}
	}
	return append(out, tens(t, u)...)
}

// tens reads the last two digits, t·10+u, with t > 0 or u > 0.
func tens(t, u int) []string {
	var out []string
	switch t {
	case 0:
		return []string{DigitClip(u)}
	case 1:
		out = []string{ClipMuoi}
	default:
		out = []string{DigitClip(t), ClipMuoi2}
	}
	switch {
	case u == 0:
	case u == 5:
		out = append(out, ClipLam)
	case u == 1 && t > 1:
		out = append(out, ClipMot2)
	case u == 4 && t > 1:
		out = append(out, ClipTu)
	default:
		out = append(out, DigitClip(u))
	}
	return out
}
