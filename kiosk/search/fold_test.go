package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldRef is the definition Fold implements with a table: NFD, drop
// combining marks, đ (and Ð, often typed for it) → d, lower case, other runes → space, dots kept only
// inside codes.
func foldRef(s string) string {
	var b strings.Builder
	rs := []rune(norm.NFD.String(s))
	prev, first := ' ', ' '
	for i, r := range rs {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð': // Ð (U+00D0) is often typed for Đ
			r = 'd'
		case r == '.' && unicode.IsDigit(first) && prev != ' ' && i+1 < len(rs) && (unicode.IsDigit(rs[i+1]) || unicode.IsLetter(rs[i+1])):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			r = ' '
		}
		if r == ' ' && prev == ' ' {
			continue
		}
		if prev == ' ' {
			first = r
		}
		b.WriteRune(r)
		prev = r
	}
	return strings.TrimSpace(b.String())
}

// Every precomposed Vietnamese letter, upper and lower case, in composed
// and decomposed form, folds as the NFD definition says.
func TestFoldMatchesNFDDefinition(t *testing.T) {
	const viet = "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ"
	letters := []rune(viet + strings.ToUpper(viet) + "bcghklmnpqrstvxBCGHKLMNPQRSTVX0123456789")
	for _, r := range letters {
		for _, s := range []string{string(r), norm.NFD.String(string(r))} {
			if got, want := Fold(s), foldRef(s); got != want || len(got) != 1 {
				t.Errorf("Fold(%q) = %q, want %q (one ASCII letter)", s, got, want)
			}
		}
	}
	for r := rune(0); r < 0x2500; r++ {
		s := "a" + string(r) + "b"
		if got, want := Fold(s), foldRef(s); got != want {
			t.Errorf("Fold(%q U+%04X) = %q, want %q", s, r, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pool := append(letters, []rune(" .,-()1.0/–\u0301\u0323")...)
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.IntN(20); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		if got, want := Fold(b.String()), foldRef(b.String()); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", b.String(), got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Fold("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam")
	}
}
