package vnfold

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Every Vietnamese vowel with no tone and the five tones (sắc, huyền, hỏi,
// ngã, nặng), and the letter it folds to.
var vowels = []struct {
	forms string
	want  byte
}{
	{"aáàảãạ", 'a'}, {"ăắằẳẵặ", 'a'}, {"âấầẩẫậ", 'a'},
	{"eéèẻẽẹ", 'e'}, {"êếềểễệ", 'e'},
	{"iíìỉĩị", 'i'},
	{"oóòỏõọ", 'o'}, {"ôốồổỗộ", 'o'}, {"ơớờởỡợ", 'o'},
	{"uúùủũụ", 'u'}, {"ưứừửữự", 'u'},
	{"yýỳỷỹỵ", 'y'},
}

func TestEveryVietnameseLetter(t *testing.T) {
	type row struct {
		in   string
		want byte // lower case
	}
	var rows []row
	for _, v := range vowels {
		if n := utf8.RuneCountInString(v.forms); n != 6 {
			t.Fatalf("%q: %d forms, want 6", v.forms, n)
		}
		for _, r := range v.forms {
			rows = append(rows, row{string(r), v.want})
		}
	}
	rows = append(rows, row{"đ", 'd'}, row{"Ð", 'd'}) // Ð (U+00D0) is often typed for Đ
	for _, c := range "bcdghklmnpqrstvx" {
		rows = append(rows, row{string(c), byte(c)})
	}
	if len(rows) != 12*6+2+16 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, r := range rows {
		up := byte(r.want - 'a' + 'A')
		for _, in := range []string{r.in, strings.ToUpper(r.in)} {
			for _, form := range []string{in, norm.NFD.String(in), norm.NFC.String(in)} {
				lower := in == r.in && r.in != "Ð"
				if got := Key(form); got != string(r.want) {
					t.Errorf("Key(%+q) = %q, want %q", form, got, string(r.want))
				}
				if got := Upper(form); got != string(up) {
					t.Errorf("Upper(%+q) = %q, want %q", form, got, string(up))
				}
				want := string(up)
				if lower {
					want = string(r.want)
				}
				if got := ASCII(form); got != want {
					t.Errorf("ASCII(%+q) = %q, want %q", form, got, want)
				}
			}
			r0, _ := utf8.DecodeRuneInString(in)
			if c, ok := Letter(r0); !ok || (c|0x20) != r.want {
				t.Errorf("Letter(%q) = %q %v, want %q in either case", r0, c, ok, r.want)
			}
		}
	}
}

func TestEntryPoints(t *testing.T) {
	cases := []struct {
		in, key, ascii, upper string
	}{
		{"Lý lịch tư pháp", "ly lich tu phap", "Ly lich tu phap", "LY LICH TU PHAP"},
		{"ĐĂNG KÝ Khai Sinh", "dang ky khai sinh", "DANG KY Khai Sinh", "DANG KY KHAI SINH"},
		{"Sổ đỏ, sổ hồng!", "so do so hong", "So do, so hong!", "SO DO  SO HONG "},
		{"Mã 1.001193.000.00.00.H48", "ma 1.001193.000.00.00.h48", "Ma 1.001193.000.00.00.H48", "MA 1 001193 000 00 00 H48"},
		{"  nhiều \t khoảng  trắng ", "nhieu khoang trang", "nhieu khoang trang", "  NHIEU   KHOANG  TRANG "},
		{"Trần-Phạm O'Neil", "tran pham o neil", "Tran-Pham O'Neil", "TRAN PHAM O NEIL"},
		{"phí 50€ × 2", "phi 50 2", "phi 50 2", "PHI 50    2"},
		{"Ưu tiên Ơ", "uu tien o", "Uu tien O", "UU TIEN O"},
		{"v1.2 end.", "v1 2 end", "v1.2 end.", "V1 2 END "},
		{"Ωμέγα", "ωμεγα", "", "     "},
		{"", "", "", ""},
	}
	for _, c := range cases {
		for _, in := range []string{c.in, norm.NFD.String(c.in)} {
			if got := Key(in); got != c.key {
				t.Errorf("Key(%q) = %q, want %q", in, got, c.key)
			}
			if got := ASCII(in); got != c.ascii {
				t.Errorf("ASCII(%q) = %q, want %q", in, got, c.ascii)
			}
			if got := Upper(in); got != c.upper {
				t.Errorf("Upper(%q) = %q, want %q", in, got, c.upper)
			}
		}
	}
}

// ASCII and Upper never leave anything outside their alphabets.
func TestAlphabets(t *testing.T) {
	var all strings.Builder
	for r := rune(1); r < 0x2500; r++ {
		all.WriteRune(r)
	}
	s := all.String()
	for _, c := range []byte(ASCII(s)) {
		if c < 0x20 || c > 0x7e {
			t.Fatalf("ASCII left %q", c)
		}
	}
	for _, c := range []byte(Upper(s)) {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ') {
			t.Fatalf("Upper left %q", c)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Key("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam")
	}
}

// The definitions the table implements, on NFD of the whole string.
func asciiRef(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'ð':
			b.WriteByte('d')
		case r == 'Đ' || r == 'Ð':
			b.WriteByte('D')
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func upperRef(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
			r = 'D'
		case r < utf8.RuneSelf:
			r = unicode.ToUpper(r)
		}
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func TestMatchesNFDDefinition(t *testing.T) {
	for r := rune(0); r < 0x2500; r++ {
		s := "a" + string(r) + "B"
		if got, want := ASCII(s), asciiRef(s); got != want {
			t.Errorf("ASCII(%q U+%04X) = %q, want %q", s, r, got, want)
		}
		if got, want := Upper(s), upperRef(s); got != want {
			t.Errorf("Upper(%q U+%04X) = %q, want %q", s, r, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pool := []rune("aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđĐÐ ÁỆƯ.,-()'/\t–€\u0301\u0323\u0309")
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.IntN(20); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		if got, want := ASCII(s), asciiRef(s); got != want {
			t.Fatalf("ASCII(%q) = %q, want %q", s, got, want)
		}
		if got, want := Upper(s), upperRef(s); got != want {
			t.Fatalf("Upper(%q) = %q, want %q", s, got, want)
		}
	}
}
