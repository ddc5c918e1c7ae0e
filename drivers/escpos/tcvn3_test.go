package escpos

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// tcvn3Letters is every Vietnamese letter with its TCVN-3 (VN3, "ABC")
// byte, written out row by row from the published VN3 chart (independent
// of the encoder's table, which is built from a per-vowel layout):
// lower case, then its upper case. VN3 has no upper-case toned vowels
// (they are the same bytes in the separate ".VnTimeH" font): the page
// prints them with the lower-case glyph, so the tone, which carries the
// meaning, is kept; the capital is lost.
var tcvn3Letters = []struct {
	lower, upper string
	b, ub        byte // ub: the upper-case byte ('A'... or A1..A7); 0 = printed as b
}{
	{"a", "A", 'a', 'A'}, {"à", "À", 0xB5, 0}, {"ả", "Ả", 0xB6, 0}, {"ã", "Ã", 0xB7, 0}, {"á", "Á", 0xB8, 0}, {"ạ", "Ạ", 0xB9, 0},
	{"ă", "Ă", 0xA8, 0xA1}, {"ằ", "Ằ", 0xBB, 0}, {"ẳ", "Ẳ", 0xBC, 0}, {"ẵ", "Ẵ", 0xBD, 0}, {"ắ", "Ắ", 0xBE, 0}, {"ặ", "Ặ", 0xC6, 0},
	{"â", "Â", 0xA9, 0xA2}, {"ầ", "Ầ", 0xC7, 0}, {"ẩ", "Ẩ", 0xC8, 0}, {"ẫ", "Ẫ", 0xC9, 0}, {"ấ", "Ấ", 0xCA, 0}, {"ậ", "Ậ", 0xCB, 0},
	{"đ", "Đ", 0xAE, 0xA7},
	{"e", "E", 'e', 'E'}, {"è", "È", 0xCC, 0}, {"ẻ", "Ẻ", 0xCE, 0}, {"ẽ", "Ẽ", 0xCF, 0}, {"é", "É", 0xD0, 0}, {"ẹ", "Ẹ", 0xD1, 0},
	{"ê", "Ê", 0xAA, 0xA3}, {"ề", "Ề", 0xD2, 0}, {"ể", "Ể", 0xD3, 0}, {"ễ", "Ễ", 0xD4, 0}, {"ế", "Ế", 0xD5, 0}, {"ệ", "Ệ", 0xD6, 0},
	{"i", "I", 'i', 'I'}, {"ì", "Ì", 0xD7, 0}, {"ỉ", "Ỉ", 0xD8, 0}, {"ĩ", "Ĩ", 0xDC, 0}, {"í", "Í", 0xDD, 0}, {"ị", "Ị", 0xDE, 0},
	{"o", "O", 'o', 'O'}, {"ò", "Ò", 0xDF, 0}, {"ỏ", "Ỏ", 0xE1, 0}, {"õ", "Õ", 0xE2, 0}, {"ó", "Ó", 0xE3, 0}, {"ọ", "Ọ", 0xE4, 0},
	{"ô", "Ô", 0xAB, 0xA4}, {"ồ", "Ồ", 0xE5, 0}, {"ổ", "Ổ", 0xE6, 0}, {"ỗ", "Ỗ", 0xE7, 0}, {"ố", "Ố", 0xE8, 0}, {"ộ", "Ộ", 0xE9, 0},
	{"ơ", "Ơ", 0xAC, 0xA5}, {"ờ", "Ờ", 0xEA, 0}, {"ở", "Ở", 0xEB, 0}, {"ỡ", "Ỡ", 0xEC, 0}, {"ớ", "Ớ", 0xED, 0}, {"ợ", "Ợ", 0xEE, 0},
	{"u", "U", 'u', 'U'}, {"ù", "Ù", 0xEF, 0}, {"ủ", "Ủ", 0xF1, 0}, {"ũ", "Ũ", 0xF2, 0}, {"ú", "Ú", 0xF3, 0}, {"ụ", "Ụ", 0xF4, 0},
	{"ư", "Ư", 0xAD, 0xA6}, {"ừ", "Ừ", 0xF5, 0}, {"ử", "Ử", 0xF6, 0}, {"ữ", "Ữ", 0xF7, 0}, {"ứ", "Ứ", 0xF8, 0}, {"ự", "Ự", 0xF9, 0},
	{"y", "Y", 'y', 'Y'}, {"ỳ", "Ỳ", 0xFA, 0}, {"ỷ", "Ỷ", 0xFB, 0}, {"ỹ", "Ỹ", 0xFC, 0}, {"ý", "Ý", 0xFD, 0}, {"ỵ", "Ỵ", 0xFE, 0},
}

func TestTCVN3EveryLetter(t *testing.T) {
	if len(tcvn3Letters) != 12*6+1 {
		t.Fatalf("%d rows: want 12 vowels × 6 forms and đ", len(tcvn3Letters))
	}
	for _, l := range tcvn3Letters {
		ub := l.ub
		if ub == 0 {
			ub = l.b // no capital on the page: the lower-case glyph
		}
		for _, c := range []struct {
			in   string
			want byte
			back string // what the page reads back
		}{
			{l.lower, l.b, l.lower},
			{l.upper, ub, map[bool]string{true: l.upper, false: l.lower}[l.ub != 0]},
		} {
			for form, in := range map[string]string{"NFC": norm.NFC.String(c.in), "NFD": norm.NFD.String(c.in)} {
				t.Run(fmt.Sprintf("%s/%s", c.in, form), func(t *testing.T) {
					got, err := EncodeText(PageTCVN3, in)
					if err != nil || !bytes.Equal(got, []byte{c.want}) {
						t.Fatalf("% x %v, want %02x", got, err, c.want)
					}
					if s, err := DecodeText(PageTCVN3, got); err != nil || s != c.back {
						t.Fatalf("reads back %q %v, want %q", s, err, c.back)
					}
				})
			}
		}
	}
}

// Characters with no TCVN-3 byte take the same stand-ins as on the other
// code page: the shared fallback, never a control byte.
func TestTCVN3FallbackLikeCP1258(t *testing.T) {
	// In neither page (• – — are on CP1258).
	for _, in := range []string{"→", "←", "✓", "漢", "😀", "Ω"} {
		tc, cp := TCVN3(in), CP1258(in)
		if !bytes.Equal(tc, cp) || !bytes.Equal(tc, fallback([]rune(in)[0])) {
			t.Errorf("%q: tcvn3 % x, cp1258 % x", in, tc, cp)
		}
	}
	got := TCVN3("Quầy 1 → Hộ tịch ✓ 漢")
	if want := "Qu\xc7y 1 -> H\xe9 t\xdech x ?"; string(got) != want {
		t.Fatalf("% x, want % x", got, want)
	}
	if strings.ContainsAny(string(TCVN3("\x1b@\x1dV\x10\x04")), "\x1b\x1d\x10\x04") {
		t.Fatal("a command byte got through")
	}
}
