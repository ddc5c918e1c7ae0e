// Package vnfold folds Vietnamese text to ASCII: tone and vowel marks
// dropped, đ/Đ to d/D. It is the kiosk's one folding implementation, over
// one table of letters, with three outputs:
//
//   - Key: the lower-case search key (index and query);
//   - ASCII: printable ASCII, case kept, for VietQR bank memos;
//   - Upper: A–Z and 0–9 only, for MRZ lines.
//
// A leaf package: it imports only the standard library and golang.org/x/text.
package vnfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The table covers Latin-1 Supplement through Latin Extended Additional,
// where every precomposed Vietnamese letter lives.
const (
	tableLo rune = 0xC0
	tableHi rune = 0x1EFF
)

// table maps each precomposed letter to the ASCII letter it folds to, in its
// own case ('ế' → 'e', 'Ộ' → 'O'); 0 where there is none. It is computed
// once from NFD: decompose, drop the combining marks, keep a single ASCII
// letter. Đ, đ (U+0110, U+0111) do not decompose and are set by hand, as are
// Ð, ð (U+00D0, U+00F0), often typed for Đ, đ.
var table = func() (t [tableHi - tableLo + 1]byte) {
	for r := tableLo; r <= tableHi; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		var base rune = -1
		for _, x := range norm.NFD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, x):
			case base == -1:
				base = x
			default:
				base = -2 // more than one letter: Æ, Ǳ, …
			}
		}
		if base >= 'A' && base <= 'Z' || base >= 'a' && base <= 'z' {
			t[r-tableLo] = byte(base)
		}
	}
	for r, c := range map[rune]byte{'Đ': 'D', 'đ': 'd', 'Ð': 'D', 'ð': 'd'} {
		t[r-tableLo] = c
	}
	return t
}()

// Letter returns the ASCII letter or digit r folds to, in r's case: 'ế' →
// 'e', 'Ộ' → 'O', 'đ' → 'd', 'Đ' → 'D', an ASCII letter or digit itself. ok
// is false for anything else (combining marks, punctuation, other scripts).
func Letter(r rune) (c byte, ok bool) {
	switch {
	case r < utf8.RuneSelf:
		c = byte(r)
		return c, isAlnum(c)
	case r >= tableLo && r <= tableHi:
		c = table[r-tableLo]
		return c, c != 0
	}
	return 0, false
}

// Key is the search key: lower case, marks dropped, đ → d, letters and
// digits of other scripts kept (decomposed, marks dropped, lower case),
// every other rune a separator, one space between words and none at the
// ends. A '.' between a digit-led word and a letter or digit is kept, for
// codes such as 1.001193.000.00.00.H48. Decomposed input (a base letter and
// combining marks) folds as its precomposed form does.
func Key(s string) string {
	return fold(s, style{lower: true, collapse: true, codeDots: true, others: true})
}

// ASCII is printable ASCII for a bank memo: marks dropped, đ → d, Đ → D,
// case and ASCII punctuation kept, anything else a space, runs of spaces
// collapsed, none at the ends. "Lệ phí cấp phiếu LLTP" → "Le phi cap phieu
// LLTP".
func ASCII(s string) string {
	return fold(s, style{punct: true, collapse: true})
}

// Upper is A–Z and 0–9 for an MRZ: upper case, marks dropped, Đ → D, every
// other rune (after decomposition) one space, not collapsed. "Đặng Thị
// Ánh" → "DANG THI ANH".
func Upper(s string) string {
	return fold(s, style{upper: true})
}

type style struct {
	lower, upper bool // else the case is kept
	punct        bool // keep printable ASCII (0x20–0x7E) that is not a letter or digit
	collapse     bool // one space between words, none at the ends
	codeDots     bool // keep '.' inside a digit-led word (Key)
	others       bool // keep letters and digits of other scripts (Key)
}

func fold(s string, st style) string {
	f := folder{st: st, prev: ' ', first: ' '}
	f.b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if c, ok := Letter(r); ok {
			f.alnum(c)
			continue
		}
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c == '.' && st.codeDots && isDigit(f.first) && f.prev != ' ' && alnumAt(s, i):
				f.put(c)
			case st.punct && c >= 0x20 && c < 0x7f && c != ' ':
				f.put(c)
			default:
				f.sep()
			}
		case unicode.Is(unicode.Mn, r):
			// a combining mark: dropped
		default:
			// Outside the table (or a Latin letter with no ASCII base): the
			// NFD definition rune by rune.
			for _, x := range norm.NFD.String(string(r)) {
				f.other(x)
			}
		}
	}
	return f.b.String()
}

type folder struct {
	st          style
	b           strings.Builder
	prev, first byte // the last byte written (' ' after a separator); the first byte of the current word
	space       bool // collapse: a separator is owed before the next word
}

func (f *folder) alnum(c byte) {
	switch {
	case f.st.lower && c >= 'A' && c <= 'Z':
		c += 'a' - 'A'
	case f.st.upper && c >= 'a' && c <= 'z':
		c -= 'a' - 'A'
	}
	f.put(c)
}

func (f *folder) put(c byte) {
	f.word()
	if f.prev == ' ' {
		f.first = c
	}
	f.b.WriteByte(c)
	f.prev = c
}

// word writes the separator owed before a word (collapse: one, and none at
// the start or the end).
func (f *folder) word() {
	if f.space {
		f.b.WriteByte(' ')
		f.space = false
	}
}

func (f *folder) sep() {
	if f.st.collapse {
		if f.prev != ' ' {
			f.space = true
			f.prev = ' '
		}
		return
	}
	f.b.WriteByte(' ')
	f.prev = ' '
}

// other folds one rune of a decomposition.
func (f *folder) other(x rune) {
	if c, ok := Letter(x); ok {
		f.alnum(c)
		return
	}
	switch {
	case unicode.Is(unicode.Mn, x):
	case x < utf8.RuneSelf && f.st.punct && x >= 0x20 && x < 0x7f && x != ' ':
		f.put(byte(x))
	case f.st.others && (unicode.IsLetter(x) || unicode.IsDigit(x)):
		if f.prev == ' ' {
			f.first = 'x'
			if unicode.IsDigit(x) {
				f.first = '0'
			}
		}
		if f.st.lower {
			x = unicode.ToLower(x)
		} else if f.st.upper {
			x = unicode.ToUpper(x)
		}
		f.word()
		f.b.WriteRune(x)
		f.prev = 'x'
	default:
		f.sep()
	}
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// alnumAt reports whether a letter or digit starts s[i:].
func alnumAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
