// Package idcard parses what an ID card reader sends for a Vietnamese CCCD /
// Căn cước card: the QR line printed on the front and the three ICAO TD1 MRZ
// lines on the back. Everything here is a pure function over bytes; no I/O.
//
// The parsers never "correct" a reading. A misread (wrong length, an O where a
// 0 belongs, a failed check digit) comes back as an *Error whose Error() text
// is safe for the technician log (no name, number, address or date from the
// card) and whose Advice() says what the citizen should do (the kiosk words
// it for the screen: kiosk/text.Card).
package idcard

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Sources of an Identity.
const (
	SourceQR  = "qr"
	SourceMRZ = "mrz"
)

// Sex values. The QR says "Nam"/"Nữ", the MRZ "M"/"F"; both become these.
const (
	Male   = "M"
	Female = "F"
)

// Identity is what one card read yields. Dates are "YYYY-MM-DD"; a field the
// source does not carry is empty (the QR has no expiry date, the MRZ has no
// old ID, address or issue date). FullName from the MRZ is upper-case ASCII
// without diacritics ("NGUYEN VAN AN"); from the QR it is the printed name.
//
// Identity is personal data. String, GoString and LogValue print the masked
// form only, so an accidental %v or slog attribute does not leak it; JSON
// encoding is complete on purpose (kioskctl idcard parse prints it).
type Identity struct {
	IDNumber    string `json:"id_number"`
	OldID       string `json:"old_id"`
	FullName    string `json:"full_name"`
	DateOfBirth string `json:"date_of_birth"`
	Sex         string `json:"sex"`
	Address     string `json:"address"`
	IssueDate   string `json:"issue_date"`
	ExpiryDate  string `json:"expiry_date"`
	Source      string `json:"source"`
}

// MaskID masks a card number for display: the first four and last two
// characters stay, the rest become '*' ("001203001234" → "0012******34").
// Anything shorter than 7 characters is masked completely.
func MaskID(id string) string {
	if len(id) < 7 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + strings.Repeat("*", len(id)-6) + id[len(id)-2:]
}

// Masked is the ID number masked for the screen ("0012******34").
func (id Identity) Masked() string { return MaskID(id.IDNumber) }

// Wipe clears every field. Go strings cannot be overwritten in place, so this
// drops the references and leaves the memory to the collector; callers that
// hold the raw reader bytes should clear those slices themselves (the reader
// driver does).
func (id *Identity) Wipe() {
	if id == nil {
		return
	}
	*id = Identity{}
}

// Empty reports whether the identity holds nothing (e.g. after Wipe).
func (id Identity) Empty() bool { return id == Identity{} }

// Birth returns the date of birth as a time at UTC midnight.
func (id Identity) Birth() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, id.DateOfBirth)
	return t, err == nil
}

// Age is the age in whole years on the calendar day of now (now's location).
func (id Identity) Age(now time.Time) (int, bool) {
	b, ok := id.Birth()
	if !ok {
		return 0, false
	}
	y, m, d := now.Date()
	age := y - b.Year()
	if m < b.Month() || (m == b.Month() && d < b.Day()) {
		age--
	}
	return age, age >= 0
}

// Province is the name of the province that issued the ID number (from its
// first three digits), or "" when unknown.
func (id Identity) Province() string {
	if len(id.IDNumber) < 3 {
		return ""
	}
	return provinces[id.IDNumber[:3]]
}

// String is the masked form: safe to log.
func (id Identity) String() string {
	return fmt.Sprintf("idcard.Identity{id:%s source:%s}", id.Masked(), id.Source)
}

// GoString is the masked form too (for %#v).
func (id Identity) GoString() string { return id.String() }

// LogValue keeps slog from printing the personal fields.
func (id Identity) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", id.Masked()), slog.String("source", id.Source))
}
