// Package search finds procedures the way citizens type on a touchscreen:
// with or without accents, raw Telex or VNI keys, abbreviations, everyday
// names, one typo, codes, and half-typed last words.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases, strips Vietnamese marks (NFD, drop combining marks),
// maps đ to d and turns every other non-alphanumeric rune but '.' between
// digits into a space. Index and query use this same function.
//
// Precomposed letters go through a table built once from NFD (see
// foldTable), so the result is the NFD definition without paying for a
// normalisation pass per call; decomposed input (a base letter followed by
// combining marks) folds the same because the marks are dropped.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prev, first := byte(' '), byte(' ') // first: the first byte of the current word
	for i := 0; i < len(s); {
		var c byte
		r := rune(s[i])
		size := 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		next := i + size
		switch {
		case r < utf8.RuneSelf:
			c = byte(r)
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c == '.' && isDigit(first) && prev != ' ' && alnumAt(s, next):
				// keep the dots inside codes such as 1.001193.000.00.00.H48
			default:
				c = ' '
			}
		case unicode.Is(unicode.Mn, r):
			i = next
			continue
		default:
			if f, ok := foldTable[r]; ok {
				c = f
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				// Outside the table (other scripts): the NFD definition rune by rune.
				if prev == ' ' {
					first = 'x'
					if unicode.IsDigit(r) {
						first = '0'
					}
				}
				for _, x := range norm.NFD.String(string(r)) {
					switch {
					case unicode.Is(unicode.Mn, x):
					case unicode.IsLetter(x) || unicode.IsDigit(x):
						b.WriteRune(unicode.ToLower(x))
						prev = 'x'
					case prev != ' ':
						b.WriteByte(' ')
						prev = ' '
					}
				}
				i = next
				continue
			} else {
				c = ' '
			}
		}
		i = next
		if c == ' ' && prev == ' ' {
			continue
		}
		if prev == ' ' {
			first = c
		}
		b.WriteByte(c)
		prev = c
	}
	return strings.TrimRight(b.String(), " ")
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// alnumAt reports whether a letter or digit starts s[i:].
func alnumAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldTable maps each precomposed letter of Latin-1 through Latin Extended
// Additional (every Vietnamese letter lives there) to its folded ASCII
// letter, computed with NFD at start-up: decompose, drop the marks, lower
// case; đ and Đ fold to d.
var foldTable = func() map[rune]byte {
	m := map[rune]byte{'đ': 'd', 'Đ': 'd'}
	for r := rune(0xC0); r <= 0x1EFF; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		var base []rune
		for _, x := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, x) {
				base = append(base, x)
			}
		}
		if len(base) == 1 && base[0] < utf8.RuneSelf {
			if c := byte(unicode.ToLower(base[0])); c >= 'a' && c <= 'z' {
				m[r] = c
			}
		}
	}
	return m
}()

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
