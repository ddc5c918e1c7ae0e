package idcard

import (
	"fmt"
	"strings"
)

// TD1 geometry (ICAO 9303 part 5): three lines of 30 characters.
const (
	MRZLines   = 3
	MRZLineLen = 30
)

// CheckDigit computes the ICAO 9303 check digit of s: weights 7,3,1
// repeating; 0-9 as themselves, A-Z as 10-35, '<' as 0. ok is false when s
// holds any other character.
func CheckDigit(s string) (digit byte, ok bool) {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case c == '<':
		default:
			return 0, false
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), true
}

// field kinds for character-class checks.
const (
	numeric = iota // 0-9
	alpha          // A-Z and '<'
	anyChar        // A-Z, 0-9, '<'
)

// mrzField is one field of the Vietnamese TD1 layout: line, 1-based columns.
type mrzField struct {
	line, from, to int
	kind           int
	name           string
}

func (f mrzField) in(l [3]string) string { return l[f.line-1][f.from-1 : f.to] }

// The Vietnamese TD1 layout (FACTS.md, CCCD): the document number is the last
// nine digits of the ID and the optional data of line 1 carries the whole
// 12-digit ID, "<<" and the ID's check digit. Not checked against a physical
// card by the author.
var (
	fDocCode   = mrzField{1, 1, 2, alpha, "document code"}
	fState     = mrzField{1, 3, 5, alpha, "issuing state"}
	fDocNo     = mrzField{1, 6, 14, numeric, "document number"}
	fDocNoCD   = mrzField{1, 15, 15, numeric, "document number check digit"}
	fID        = mrzField{1, 16, 27, numeric, "id number"}
	fIDFill    = mrzField{1, 28, 29, alpha, "id number filler"}
	fIDCD      = mrzField{1, 30, 30, numeric, "id number check digit"}
	fDOB       = mrzField{2, 1, 6, numeric, "date of birth"}
	fDOBCD     = mrzField{2, 7, 7, numeric, "date of birth check digit"}
	fSex       = mrzField{2, 8, 8, alpha, "sex"}
	fExpiry    = mrzField{2, 9, 14, numeric, "expiry date"}
	fExpiryCD  = mrzField{2, 15, 15, numeric, "expiry date check digit"}
	fNation    = mrzField{2, 16, 18, alpha, "nationality"}
	fOptional2 = mrzField{2, 19, 29, anyChar, "optional data"}
	fComposite = mrzField{2, 30, 30, numeric, "composite check digit"}
	fName      = mrzField{3, 1, 30, alpha, "name"}
)

var mrzFields = []mrzField{fDocCode, fState, fDocNo, fDocNoCD, fID, fIDFill, fIDCD,
	fDOB, fDOBCD, fSex, fExpiry, fExpiryCD, fNation, fOptional2, fComposite, fName}

// ocrTwins are the characters OCR engines swap for each other.
var ocrTwins = map[byte]byte{
	'O': '0', 'Q': '0', 'D': '0', 'I': '1', 'L': '1', 'Z': '2', 'S': '5', 'G': '6', 'T': '7', 'B': '8',
	'0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '7': 'T', '8': 'B',
}

// ParseMRZ parses the three TD1 lines from the back of a CCCD. Trailing CR or
// LF on a line is allowed; anything else off the layout is an error naming
// the line and field. Nothing is corrected: an 'O' in a digit field is
// reported as possible OCR confusion, not read as '0'.
func ParseMRZ(lines []string) (*Identity, error) {
	if len(lines) != MRZLines {
		return nil, mrzErr(ErrFormat, 0, 0, "", "%d lines, want %d", len(lines), MRZLines)
	}
	var l [3]string
	for i, s := range lines {
		s = strings.TrimRight(s, "\r\n")
		if len(s) != MRZLineLen {
			return nil, mrzErr(ErrFormat, i+1, 0, "", "len=%d, want %d", len(s), MRZLineLen)
		}
		for j := 0; j < len(s); j++ {
			c := s[j]
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
				return nil, mrzErr(ErrFormat, i+1, j+1, "", "character not in the MRZ set (%s)", byteClass(c))
			}
		}
		l[i] = s
	}
	for _, f := range mrzFields {
		if err := f.checkClass(l); err != nil {
			return nil, err
		}
	}
	if v := fDocCode.in(l); v[0] != 'I' {
		return nil, mrzErr(ErrFormat, 1, 1, fDocCode.name, "not an ID card (first letter %q, want 'I')", v[0])
	}
	for _, f := range []mrzField{fState, fNation} {
		if v := f.in(l); v != "VNM" {
			return nil, mrzErr(ErrFormat, f.line, f.from, f.name, "not VNM")
		}
	}
	if fIDFill.in(l) != "<<" {
		return nil, mrzErr(ErrFormat, 1, fIDFill.from, fIDFill.name, "not '<<'")
	}
	expiryRaw := fExpiry.in(l)
	noExpiry := expiryRaw == "<<<<<<"
	// Check digits, in the order they appear.
	checks := []struct{ data, cd mrzField }{{fDocNo, fDocNoCD}, {fID, fIDCD}, {fDOB, fDOBCD}, {fExpiry, fExpiryCD}}
	for _, c := range checks {
		want, _ := CheckDigit(c.data.in(l))
		got := c.cd.in(l)[0]
		if c.data == fExpiry && noExpiry && (got == '<' || got == want) {
			continue
		}
		if got != want {
			return nil, mrzErr(ErrCheckDigit, c.cd.line, c.cd.from, c.data.name, "check digit does not match")
		}
	}
	composite := l[0][5:30] + l[1][0:7] + l[1][8:15] + l[1][18:29]
	if want, _ := CheckDigit(composite); l[1][29] != want {
		return nil, mrzErr(ErrCheckDigit, 2, 30, "composite", "check digit does not match")
	}

	id := &Identity{Source: SourceMRZ, IDNumber: fID.in(l)}
	if fDocNo.in(l) != id.IDNumber[3:] {
		return nil, mrzErr(ErrMismatch, 1, fDocNo.from, fDocNo.name, "not the last 9 digits of the id number")
	}
	at := func(f mrzField) where {
		return func(kind error, field, format string, a ...any) *Error {
			return mrzErr(kind, f.line, f.from, field, format, a...)
		}
	}
	meta, err := checkIDNumber(id.IDNumber, at(fID))
	if err != nil {
		return nil, err
	}
	dob := fDOB.in(l)
	var ok bool
	if id.DateOfBirth, ok = realDate(meta.century+atoi2(dob[0:2]), atoi2(dob[2:4]), atoi2(dob[4:6])); !ok {
		return nil, mrzErr(ErrDate, 2, fDOB.from, fDOB.name, "no such calendar day")
	}
	switch fSex.in(l) {
	case "M":
		id.Sex = Male
	case "F":
		id.Sex = Female
	default:
		return nil, mrzErr(ErrFormat, 2, fSex.from, fSex.name, "not M or F")
	}
	if !noExpiry {
		// CCCD expiry dates are in the 2000s (the card exists since 2016).
		if id.ExpiryDate, ok = realDate(2000+atoi2(expiryRaw[0:2]), atoi2(expiryRaw[2:4]), atoi2(expiryRaw[4:6])); !ok {
			return nil, mrzErr(ErrDate, 2, fExpiry.from, fExpiry.name, "no such calendar day")
		}
	}
	name, nerr := mrzName(l[2])
	if nerr != nil {
		return nil, nerr
	}
	id.FullName = name
	// A cross-check failure is blamed on line 2 (dates, sex) unless it names the ID.
	if err := crossCheck(id, meta, func(kind error, field, format string, a ...any) *Error {
		f := fDOB
		switch field {
		case "id number":
			f = fID
		case "expiry date":
			f = fExpiry
		}
		return mrzErr(kind, f.line, f.from, field, format, a...)
	}); err != nil {
		return nil, err
	}
	return id, nil
}

// checkClass reports a character of the wrong class for the field; a letter
// in a digit field (or the reverse) is ErrOCR, a filler '<' where a digit
// belongs is ErrFormat.
func (f mrzField) checkClass(l [3]string) *Error {
	v := f.in(l)
	for i := 0; i < len(v); i++ {
		c := v[i]
		col := f.from + i
		switch f.kind {
		case numeric:
			if c == '<' {
				if f == fExpiry || f == fExpiryCD {
					continue // no-expiry cards: checked below
				}
				return mrzErr(ErrFormat, f.line, col, f.name, "filler '<' in a digit field")
			}
			if c >= 'A' && c <= 'Z' {
				return mrzErr(ErrOCR, f.line, col, f.name, "letter %s", twinNote(c, "digit"))
			}
		case alpha:
			if c >= '0' && c <= '9' {
				return mrzErr(ErrOCR, f.line, col, f.name, "digit %s", twinNote(c, "letter"))
			}
		}
	}
	if f == fExpiry && strings.Contains(v, "<") && v != "<<<<<<" {
		return mrzErr(ErrFormat, f.line, f.from, f.name, "partly filler")
	}
	return nil
}

func twinNote(c byte, want string) string {
	if t, ok := ocrTwins[c]; ok {
		return fmt.Sprintf("%q where a %s belongs (%c/%c confusion?)", c, want, c, t)
	}
	return fmt.Sprintf("%q where a %s belongs", c, want)
}

func byteClass(c byte) string {
	switch {
	case c >= 'a' && c <= 'z':
		return "lower-case letter"
	case c == ' ':
		return "space"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control byte 0x%02X", c)
	case c >= 0x80:
		return "non-ASCII byte"
	}
	return fmt.Sprintf("%q", c)
}

// mrzName turns "SURNAME<<GIVEN<NAMES<<<" into "SURNAME GIVEN NAMES".
func mrzName(s string) (string, *Error) {
	s = strings.TrimRight(s, "<")
	if s == "" {
		return "", mrzErr(ErrFormat, 3, 1, "name", "empty")
	}
	if s[0] == '<' {
		return "", mrzErr(ErrFormat, 3, 1, "name", "starts with a filler")
	}
	surname, given, _ := strings.Cut(s, "<<")
	var words []string
	for _, part := range []string{surname, given} {
		if part == "" {
			continue
		}
		for _, w := range strings.Split(part, "<") {
			if w == "" {
				return "", mrzErr(ErrFormat, 3, 0, "name", "empty name part (stray fillers)")
			}
			words = append(words, w)
		}
	}
	return strings.Join(words, " "), nil
}
