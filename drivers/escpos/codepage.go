package escpos

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Code pages for Vietnamese text mode (config printer_profiles.code_page).
const (
	PageCP1258 = "cp1258" // Windows-1258: Epson 52, some Xprinter 94
	PageTCVN3  = "tcvn3"  // TCVN 5712:1993 VN3 ("ABC"): Epson 30, many Xprinter 27
)

// ErrCodePage is a code page this package cannot encode.
var ErrCodePage = errors.New("escpos: unsupported code page")

// EncodeText encodes s (any normalisation) for page. Characters the page
// cannot show become a plain stand-in ("->" for an arrow, "?" otherwise),
// never a byte that could be a command.
func EncodeText(page, s string) ([]byte, error) {
	switch page {
	case PageCP1258:
		return CP1258(s), nil
	case PageTCVN3:
		return TCVN3(s), nil
	}
	return nil, fmt.Errorf("%w %q", ErrCodePage, page)
}

// DecodeText is the inverse of EncodeText, NFC (the emulator uses it).
func DecodeText(page string, b []byte) (string, error) {
	switch page {
	case PageCP1258:
		s, err := charmap.Windows1258.NewDecoder().Bytes(b)
		return norm.NFC.String(string(s)), err
	case PageTCVN3:
		var sb strings.Builder
		for _, c := range b {
			if c < 0x80 {
				sb.WriteByte(c)
			} else if r := tcvn3Dec[c]; r != 0 {
				sb.WriteRune(r)
			} else {
				sb.WriteRune('\uFFFD')
			}
		}
		return sb.String(), nil
	}
	return "", fmt.Errorf("%w %q", ErrCodePage, page)
}

// The TCVN-3 (VN3) table, written from the standard's layout: each
// lower-case vowel with its byte, then its five toned forms in the order
// grave, hook above, tilde, acute, dot below. VN3 holds lower-case toned
// letters and the plain upper-case ă â ê ô ơ ư đ; upper-case toned letters
// live in a separate "H" font and are not on the printer page.
var tcvn3Vowels = []struct {
	base  rune
	b     byte // 0: plain ASCII letter
	toned [5]byte
}{
	{'a', 0, [5]byte{0xB5, 0xB6, 0xB7, 0xB8, 0xB9}},
	{'ă', 0xA8, [5]byte{0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
	{'â', 0xA9, [5]byte{0xC7, 0xC8, 0xC9, 0xCA, 0xCB}},
	{'e', 0, [5]byte{0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
	{'ê', 0xAA, [5]byte{0xD2, 0xD3, 0xD4, 0xD5, 0xD6}},
	{'i', 0, [5]byte{0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
	{'o', 0, [5]byte{0xDF, 0xE1, 0xE2, 0xE3, 0xE4}},
	{'ô', 0xAB, [5]byte{0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
	{'ơ', 0xAC, [5]byte{0xEA, 0xEB, 0xEC, 0xED, 0xEE}},
	{'u', 0, [5]byte{0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
	{'ư', 0xAD, [5]byte{0xF5, 0xF6, 0xF7, 0xF8, 0xF9}},
	{'y', 0, [5]byte{0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
}

// Combining tone marks in the table's order.
var toneMarks = [5]rune{0x300, 0x309, 0x303, 0x301, 0x323}

var (
	tcvn3Enc = map[rune]byte{'Ă': 0xA1, 'Â': 0xA2, 'Ê': 0xA3, 'Ô': 0xA4, 'Ơ': 0xA5, 'Ư': 0xA6, 'Đ': 0xA7, 'đ': 0xAE}
	tcvn3Dec [256]rune
)

func init() {
	for _, v := range tcvn3Vowels {
		if v.b != 0 {
			tcvn3Enc[v.base] = v.b
		}
		for i, b := range v.toned {
			r := []rune(norm.NFC.String(string(v.base) + string(toneMarks[i])))[0]
			tcvn3Enc[r] = b
		}
	}
	for r, b := range tcvn3Enc {
		tcvn3Dec[b] = r
	}
}

// TCVN3 encodes s for a TCVN-3 page. Upper-case toned vowels, which the
// page lacks, print as their lower-case form: the tone carries meaning in
// Vietnamese, the capital does not.
func TCVN3(s string) []byte {
	var b []byte
	for _, r := range norm.NFC.String(s) {
		switch {
		case r < 0x80:
			b = append(b, safeASCII(r))
		case tcvn3Enc[r] != 0:
			b = append(b, tcvn3Enc[r])
		default:
			if c, ok := tcvn3Enc[[]rune(strings.ToLower(string(r)))[0]]; ok {
				b = append(b, c)
				continue
			}
			b = append(b, fallback(r)...)
		}
	}
	return b
}

var cp1258Tones = map[rune]bool{0x300: true, 0x301: true, 0x303: true, 0x309: true, 0x323: true}

// CP1258 encodes s for Windows-1258. The page has ă â ê ô ơ ư đ and some
// toned vowels (à á è é ...) precomposed; any other toned vowel is its base
// followed by the combining tone byte, the page's own convention.
func CP1258(s string) []byte {
	enc := charmap.Windows1258
	var b []byte
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			b = append(b, safeASCII(r))
			continue
		}
		if c, ok := enc.EncodeRune(r); ok {
			b = append(b, c)
			continue
		}
		var base []rune
		var tone rune
		for _, c := range norm.NFD.String(string(r)) {
			if cp1258Tones[c] {
				tone = c
			} else {
				base = append(base, c)
			}
		}
		bc, ok1 := enc.EncodeRune([]rune(norm.NFC.String(string(base)))[0])
		tc, ok2 := enc.EncodeRune(tone)
		if tone == 0 || len(base) == 0 || !ok1 || !ok2 {
			b = append(b, fallback(r)...)
			continue
		}
		b = append(b, bc, tc)
	}
	return b
}

// safeASCII keeps control bytes (ESC, GS, DLE ...) out of text.
func safeASCII(r rune) byte {
	if r < 0x20 || r == 0x7f {
		return ' '
	}
	return byte(r)
}

func fallback(r rune) []byte {
	switch r {
	case '→':
		return []byte("->")
	case '←':
		return []byte("<-")
	case '✓':
		return []byte("x")
	case '·', '•', '–', '—':
		return []byte("-")
	case '“', '”':
		return []byte(`"`)
	case '‘', '’':
		return []byte("'")
	}
	return []byte("?")
}
