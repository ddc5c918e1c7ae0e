package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shape describes raw reader bytes for a technician without revealing them:
// every digit becomes '9', every letter 'a' (lower or upper alike), and the
// separators and fillers that carry the format ('|', '<', space, line
// breaks) stay. Control bytes show as '^', invalid UTF-8 as '?'.
// "079090001234||Trần Văn Bình|..." → "999999999999||aaaa aaa aaaa|...".
func Shape(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r == utf8.RuneError && n <= 1:
			s.WriteByte('?')
		case r == '\n':
			s.WriteString("⏎")
		case r == '\r':
			s.WriteString("␍")
		case unicode.IsDigit(r):
			s.WriteByte('9')
		case unicode.IsLetter(r), unicode.IsMark(r):
			if !unicode.IsMark(r) {
				s.WriteByte('a')
			}
		case r < ' ' || r == 0x7f:
			s.WriteByte('^')
		default:
			s.WriteRune(r)
		}
	}
	return s.String()
}
