package escpos

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// vietLetters is every Vietnamese letter, lower and upper case, NFC.
func vietLetters() []string {
	var out []string
	for _, base := range "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" {
		out = append(out, string(base))
		for _, tone := range toneMarks {
			out = append(out, norm.NFC.String(string(base)+string(tone)))
		}
	}
	return append(out, "đ", "Đ")
}

func TestTCVN3Vectors(t *testing.T) {
	cases := []struct {
		in   string
		want []byte
	}{
		{"Việt Nam", []byte{'V', 'i', 0xD6, 't', ' ', 'N', 'a', 'm'}},
		{"Đường", []byte{0xA7, 0xAD, 0xEA, 'n', 'g'}},
		{"hộ tịch", []byte{'h', 0xE9, ' ', 't', 0xDE, 'c', 'h'}},
		{"quầy số", []byte{'q', 'u', 0xC7, 'y', ' ', 's', 0xE8}},
		{"ĂÂÊÔƠƯ", []byte{0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6}},
		{"HỘ", []byte{'H', 0xE9}},                         // no upper-case toned letters on the page
		{"Vie\u0302\u0323t", []byte{'V', 'i', 0xD6, 't'}}, // NFD input
		{"a\x1bb → c", []byte{'a', ' ', 'b', ' ', '-', '>', ' ', 'c'}},
	}
	for _, c := range cases {
		if got := TCVN3(c.in); !bytes.Equal(got, c.want) {
			t.Errorf("TCVN3(%q) = % x, want % x", c.in, got, c.want)
		}
	}
}

func TestCP1258Vectors(t *testing.T) {
	cases := []struct {
		in   string
		want []byte
	}{
		// ô + combining dot below (F2); à is on the page precomposed (E0).
		{"Hộ tịch Đà", []byte{'H', 0xF4, 0xF2, ' ', 't', 'i', 0xF2, 'c', 'h', ' ', 0xD0, 0xE0}},
		{"ứ", []byte{0xFD, 0xEC}}, // ư + acute
		{"ẢNH", []byte{'A', 0xD2, 'N', 'H'}},
	}
	for _, c := range cases {
		if got := CP1258(c.in); !bytes.Equal(got, c.want) {
			t.Errorf("CP1258(%q) = % x, want % x", c.in, got, c.want)
		}
	}
}

func TestCodePagesCoverVietnamese(t *testing.T) {
	for _, page := range []string{PageCP1258, PageTCVN3} {
		for _, l := range vietLetters() {
			b, err := EncodeText(page, l)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.ContainsRune(b, '?') {
				t.Errorf("%s: %q has no encoding", page, l)
			}
			for _, c := range b {
				if c < 0x20 {
					t.Errorf("%s: %q encodes to control byte %#x", page, l, c)
				}
			}
			got, err := DecodeText(page, b)
			want := l
			if page == PageTCVN3 && strings.ToUpper(l) == l && len(b) == 1 && b[0] >= 0xB5 {
				want = strings.ToLower(l) // printed lower case, see TCVN3
			}
			if err != nil || got != want {
				t.Errorf("%s: %q → % x → %q", page, l, b, got)
			}
		}
	}
	if _, err := EncodeText("cp437", "x"); err == nil {
		t.Fatal("unknown page accepted")
	}
}

// The table is 60 toned lower-case vowels, 6 plain lower-case and 7 plain
// upper-case letters with diacritics, and đ: one byte each, no two alike.
func TestTCVN3TableShape(t *testing.T) {
	if len(tcvn3Enc) != 74 {
		t.Fatalf("%d entries", len(tcvn3Enc))
	}
	seen := map[byte]rune{}
	for r, b := range tcvn3Enc {
		if b < 0xA1 {
			t.Errorf("%c at %#x: VN3 letters sit in A1..FF", r, b)
		}
		if o, dup := seen[b]; dup {
			t.Errorf("%#x is both %c and %c", b, o, r)
		}
		seen[b] = r
	}
}
