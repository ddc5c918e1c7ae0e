// Package search finds procedures the way citizens type on a touchscreen:
// with or without accents, raw Telex or VNI keys, abbreviations, everyday
// names, one typo, codes, and half-typed last words.
package search

import (
	"strings"

	"github.com/motcua/kiosk/drivers/vnfold"
)

// Fold lowercases, strips Vietnamese marks, maps đ to d and turns every
// other non-alphanumeric rune but '.' between digits into a space. Index and
// query use this same function; it is vnfold.Key, the kiosk's one folding
// table (the MRZ and VietQR memos fold with the same table).
func Fold(s string) string { return vnfold.Key(s) }

// Tokens folds s and splits it into words.
func Tokens(s string) []string { return strings.Fields(Fold(s)) }

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// Variants returns the forms a typed token may stand for: itself, with raw
// Telex keys removed ("lys" → "ly", "tuw" → "tu", "ddaats" → "dat") and with
// VNI digits removed ("ly1" → "ly"). Vietnamese words never end in s, f, r,
// x or j, so a trailing one is a tone key.
func Variants(tok string) []string {
	out := []string{tok}
	if t := telex(tok); t != tok && t != "" {
		out = append(out, t)
	}
	if v := vni(tok); v != tok && v != "" && v != out[len(out)-1] {
		out = append(out, v)
	}
	return out
}

func telex(t string) string {
	if len(t) < 2 || !hasLetter(t) || isCode(t) {
		return t
	}
	b := []byte(t)
	// Trailing tone key (possibly after z/w).
	if n := len(b); n > 1 && strings.IndexByte("sfrxj", b[n-1]) >= 0 {
		b = b[:n-1]
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		if i > 0 && c == b[i-1] && (c == 'a' || c == 'e' || c == 'o' || c == 'd') {
			continue // aa ee oo dd
		}
		if c == 'w' {
			if len(out) > 0 && isVowel(out[len(out)-1]) {
				continue // aw ow uw
			}
			if len(out) == 0 || !isVowel(out[len(out)-1]) {
				out = append(out, 'u') // a lone w is ư
				continue
			}
		}
		if (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j') && i > 0 && isVowel(b[i-1]) && i+1 < len(b) && !isVowel(b[i+1]) {
			continue // tone key typed before the final consonant: "lyschs"
		}
		out = append(out, c)
	}
	return string(out)
}

func vni(t string) string {
	if !hasLetter(t) || isCode(t) {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func hasLetter(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= 'a' && t[i] <= 'z' {
			return true
		}
	}
	return false
}

func isCode(t string) bool {
	if len(t) < 2 || t[0] < '0' || t[0] > '9' {
		return false
	}
	return strings.IndexByte(t, '.') > 0
}

// abbreviations expand to the words they stand for (folded).
var abbreviations = map[string]string{
	"lltp": "ly lich tu phap", "cccd": "can cuoc", "cmnd": "can cuoc chung minh nhan dan", "gplx": "giay phep lai xe",
	"hkd": "ho kinh doanh", "dkkd": "dang ky kinh doanh", "qsdd": "quyen su dung dat", "gcn": "giay chung nhan",
	"gcnqsdd": "giay chung nhan quyen su dung dat", "attp": "an toan thuc pham", "vsattp": "an toan thuc pham",
	"gpxd": "giay phep xay dung", "xntthn": "xac nhan tinh trang hon nhan", "gks": "giay khai sinh", "btxh": "bao tro xa hoi",
	"ncc": "nguoi co cong", "dvc": "dich vu cong", "kt3": "tam tru",
}
