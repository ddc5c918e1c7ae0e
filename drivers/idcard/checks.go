package idcard

import (
	"fmt"
	"time"
)

// The 12-digit number is PPP G YY SSSSSS: province, gender-and-century digit,
// the last two digits of the birth year, serial (FACTS.md, CCCD). The digit G
// is even for men and odd for women; G/2 counts centuries from the 1900s
// (0/1 → 19xx, 2/3 → 20xx, 4/5 → 21xx, and so on up to 8/9 → 23xx).

// IDNumberLen is the length of a CCCD number.
const IDNumberLen = 12

// earliestIssue is the first year a CCCD could have been issued (the card
// came with the 2014 Identity Law in force from 2016); an earlier issue date
// is a misread.
const earliestIssue = 2016

// where builds an *Error at the right place for the source being parsed.
type where func(kind error, field, format string, a ...any) *Error

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// idMeta is what the ID number itself says.
type idMeta struct {
	century int // 1900, 2000, ...
	yy      int // last two digits of the birth year
	sex     string
}

// checkIDNumber checks an ID number already known to be 12 ASCII digits:
// the province code must be known. It returns what the number encodes.
func checkIDNumber(id string, at where) (idMeta, *Error) {
	if _, ok := provinces[id[:3]]; !ok {
		// The code is not personal on its own; it helps the technician.
		return idMeta{}, at(ErrProvince, "id number", "province code %s not in the table", id[:3])
	}
	g := int(id[3] - '0')
	m := idMeta{century: 1900 + 100*(g/2), yy: int(id[4]-'0')*10 + int(id[5]-'0'), sex: Male}
	if g%2 == 1 {
		m.sex = Female
	}
	return m, nil
}

// crossCheck checks the identity's fields against each other: the ID's
// century/sex digit and year digits against the date of birth and the sex,
// and the order of the dates.
func crossCheck(id *Identity, m idMeta, at where) *Error {
	dob, err := time.Parse(time.DateOnly, id.DateOfBirth)
	if err != nil {
		return at(ErrDate, "date of birth", "not a date")
	}
	if dob.Year()/100*100 != m.century {
		return at(ErrMismatch, "id number", "century digit (digit 4) disagrees with the date of birth century")
	}
	if dob.Year()%100 != m.yy {
		return at(ErrMismatch, "id number", "year digits (digits 5-6) disagree with the date of birth year")
	}
	if id.Sex != m.sex {
		return at(ErrMismatch, "id number", "sex digit (digit 4) disagrees with the sex field")
	}
	if id.IssueDate != "" {
		iss, err := time.Parse(time.DateOnly, id.IssueDate)
		if err != nil {
			return at(ErrDate, "issue date", "not a date")
		}
		if iss.Year() < earliestIssue {
			return at(ErrDate, "issue date", "before %d", earliestIssue)
		}
		if iss.Before(dob) {
			return at(ErrDate, "issue date", "before the date of birth")
		}
	}
	if id.ExpiryDate != "" {
		exp, err := time.Parse(time.DateOnly, id.ExpiryDate)
		if err != nil {
			return at(ErrDate, "expiry date", "not a date")
		}
		if !exp.After(dob) {
			return at(ErrDate, "expiry date", "not after the date of birth")
		}
		if id.IssueDate != "" && id.IssueDate >= id.ExpiryDate {
			return at(ErrDate, "expiry date", "not after the issue date")
		}
	}
	return nil
}

// realDate builds "YYYY-MM-DD" from numbers, rejecting 31/02, month 13, day 0.
func realDate(y, m, d int) (string, bool) {
	if m < 1 || m > 12 || d < 1 || y < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// parseDMY reads DDMMYYYY.
func parseDMY(s string) (string, string) {
	if len(s) != 8 || !allDigits(s) {
		return "", fmt.Sprintf("not DDMMYYYY, len=%d", len(s))
	}
	y := atoi2(s[4:6])*100 + atoi2(s[6:8])
	out, ok := realDate(y, atoi2(s[2:4]), atoi2(s[0:2]))
	if !ok {
		return "", "no such calendar day"
	}
	return out, ""
}

// CheckDates checks the dates against the clock, which the pure parsers do
// not read: the date of birth and the issue date must not lie in the future
// and the holder must be younger than 130. Call it where a clock is at hand.
func (id Identity) CheckDates(now time.Time) error {
	today := now.Format(time.DateOnly)
	at := func(kind error, field, format string, a ...any) *Error {
		return &Error{Kind: kind, Source: id.Source, Field: field, Detail: fmt.Sprintf(format, a...)}
	}
	if id.DateOfBirth > today {
		return at(ErrDate, "date of birth", "in the future")
	}
	if id.IssueDate > today {
		return at(ErrDate, "issue date", "in the future")
	}
	if age, ok := id.Age(now); !ok || age >= 130 {
		return at(ErrDate, "date of birth", "age out of range")
	}
	return nil
}
