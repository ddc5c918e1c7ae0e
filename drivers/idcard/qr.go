package idcard

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// QRMinFields is the number of fields of the 2021 chip CCCD QR:
// ID|old ID|full name|DOB DDMMYYYY|Nam/Nữ|address|issue date DDMMYYYY.
// The 2024 Căn cước card may append more; they are accepted and ignored.
const QRMinFields = 7

// Limits on free-text fields; a longer field is a framing error (two cards
// run together, a missing separator).
const (
	maxNameRunes    = 100
	maxAddressRunes = 300
)

var qrFieldNames = [...]string{"", "id number", "old id", "full name", "date of birth", "sex", "address", "issue date"}

// ParseQR parses the text of the QR printed on a CCCD / Căn cước card. A
// trailing CR/LF (and a UTF-8 BOM) are allowed; everything else must have the
// documented shape. The text is normalised to NFC.
func ParseQR(s string) (*Identity, error) {
	if !utf8.ValidString(s) {
		return nil, &Error{Kind: ErrEncoding, Source: SourceQR, Detail: fmt.Sprintf("invalid UTF-8 at byte %d", invalidAt(s))}
	}
	s = trimFrame(s)
	for i, r := range s {
		if isControl(r) {
			return nil, &Error{Kind: ErrEncoding, Source: SourceQR, Detail: fmt.Sprintf("control character U+%04X at byte %d", r, i)}
		}
	}
	s = norm.NFC.String(s)
	f := strings.Split(s, "|")
	if len(f) < QRMinFields {
		return nil, &Error{Kind: ErrFormat, Source: SourceQR, Detail: fmt.Sprintf("%d fields, want at least %d", len(f), QRMinFields)}
	}
	at := func(i int) where {
		return func(kind error, field, format string, a ...any) *Error {
			return qrErr(kind, i, field, format, a...)
		}
	}
	id := &Identity{Source: SourceQR}

	if v := f[0]; len(v) != IDNumberLen || !allDigits(v) {
		return nil, qrErr(ErrFormat, 1, qrFieldNames[1], "not %d digits, len=%d", IDNumberLen, len(v))
	}
	id.IDNumber = f[0]
	meta, err := checkIDNumber(id.IDNumber, at(1))
	if err != nil {
		return nil, err
	}

	// Old CMND: 9 digits, or 12 for holders of the earlier barcode CCCD; often empty.
	if v := f[1]; v != "" && ((len(v) != 9 && len(v) != 12) || !allDigits(v)) {
		return nil, qrErr(ErrFormat, 2, qrFieldNames[2], "not empty, 9 or 12 digits, len=%d", len(v))
	}
	id.OldID = f[1]

	name := strings.TrimSpace(f[2])
	if msg := checkText(name, maxNameRunes, true); msg != "" {
		return nil, qrErr(ErrFormat, 3, qrFieldNames[3], "%s", msg)
	}
	id.FullName = name

	var msg string
	if id.DateOfBirth, msg = parseDMY(f[3]); msg != "" {
		return nil, qrErr(dateKind(msg), 4, qrFieldNames[4], "%s", msg)
	}

	switch f[4] {
	case "Nam":
		id.Sex = Male
	case "Nữ":
		id.Sex = Female
	default:
		return nil, qrErr(ErrFormat, 5, qrFieldNames[5], "not Nam/Nữ, len=%d", len(f[4]))
	}

	addr := strings.TrimSpace(f[5])
	if msg := checkText(addr, maxAddressRunes, false); msg != "" {
		return nil, qrErr(ErrFormat, 6, qrFieldNames[6], "%s", msg)
	}
	id.Address = addr

	if id.IssueDate, msg = parseDMY(f[6]); msg != "" {
		return nil, qrErr(dateKind(msg), 7, qrFieldNames[7], "%s", msg)
	}

	// The cross-check names the field it blames; find its number.
	if err := crossCheck(id, meta, func(kind error, field, format string, a ...any) *Error {
		return qrErr(kind, qrFieldIndex(field), field, format, a...)
	}); err != nil {
		return nil, err
	}
	return id, nil
}

func qrFieldIndex(field string) int {
	for i, n := range qrFieldNames {
		if n == field && i > 0 {
			return i
		}
	}
	return 0
}

func dateKind(msg string) error {
	if strings.HasPrefix(msg, "not DDMMYYYY") {
		return ErrFormat
	}
	return ErrDate
}

// checkText checks a name or an address: non-empty, not too long, letters
// (with Vietnamese marks) and spaces for names, plus digits and common
// punctuation for addresses. The message describes the shape only.
func checkText(s string, max int, name bool) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "empty"
	}
	if n > max {
		return fmt.Sprintf("too long, %d runes (max %d)", n, max)
	}
	letters := 0
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsMark(r), r == ' ':
		case name && (r == '\'' || r == '-' || r == '.'):
		case !name && (unicode.IsDigit(r) || strings.ContainsRune(",./-'()#:;&+\"", r)):
		default:
			return fmt.Sprintf("unexpected %s at byte %d", runeClass(r), i)
		}
	}
	if letters == 0 {
		return "no letters"
	}
	return ""
}

func runeClass(r rune) string {
	switch {
	case unicode.IsDigit(r):
		return "digit"
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return fmt.Sprintf("symbol U+%04X", r)
	case unicode.IsSpace(r):
		return fmt.Sprintf("space U+%04X", r)
	}
	return fmt.Sprintf("character U+%04X", r)
}

func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xfffd || r == 0xfeff
}

// trimFrame removes a UTF-8 BOM and surrounding CR, LF, spaces and NULs.
func trimFrame(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.Trim(s, "\r\n \t\x00")
}

func invalidAt(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
