package idcard

import (
	"errors"
	"fmt"
)

// Kinds of failure. Every error the parsers return is an *Error whose Kind is
// one of these, so callers can branch with errors.Is(err, idcard.ErrCheckDigit).
var (
	ErrUnrecognised = errors.New("not a CCCD QR or TD1 MRZ") // neither format
	ErrEncoding     = errors.New("invalid text encoding")    // not UTF-8, control bytes
	ErrFormat       = errors.New("wrong shape")              // field count, length, characters
	ErrOCR          = errors.New("possible OCR confusion")   // letter in a digit field or the reverse
	ErrCheckDigit   = errors.New("check digit mismatch")     // MRZ check digits
	ErrDate         = errors.New("impossible date")          // 31/02, month 13, issue before birth
	ErrMismatch     = errors.New("fields disagree")          // century/sex digit vs DOB/sex, doc no vs ID
	ErrProvince     = errors.New("unknown province code")    // first three digits of the ID
)

// Advice is what the citizen should do after a failed read. The driver
// only classifies; the wording lives with the kiosk (kiosk/text.Card).
type Advice int

// Advice values.
const (
	AdviceReadAgain   Advice = iota // place the card again
	AdviceAskStaff                  // the card's details do not check out
	AdviceReaderSetup               // the reader is misconfigured (wrong encoding)
)

func (a Advice) String() string {
	switch a {
	case AdviceAskStaff:
		return "ask staff"
	case AdviceReaderSetup:
		return "reader setup"
	}
	return "read again"
}

// Deprecated names kept while drivers/reader still uses them: Message is an
// Advice now and carries no wording; use kiosk/text.Card for the screen.
type Message = Advice

// Deprecated: use the Advice* values.
const (
	MsgReadAgain   = AdviceReadAgain
	MsgAskStaff    = AdviceAskStaff
	MsgReaderSetup = AdviceReaderSetup
)

// Error is a parse or check failure. Its Error() text is written for the
// technician log and never holds a value read from the card beyond a single
// offending character in a field where that character cannot belong.
type Error struct {
	Kind   error  // one of the Err* values above
	Source string // "qr", "mrz" or "" when the format was not recognised
	Line   int    // MRZ line 1..3; 0 otherwise
	Field  string // e.g. "date of birth", "composite"
	Index  int    // QR field number (1-based) or MRZ column (1-based); 0 if none
	Detail string // shape facts only: lengths, positions, character classes
}

func (e *Error) Error() string {
	s := e.Source
	if s == "" {
		s = "idcard"
	}
	switch {
	case e.Source == SourceQR && e.Index > 0:
		s += fmt.Sprintf(": field %d", e.Index)
	case e.Line > 0 && e.Index > 0:
		s += fmt.Sprintf(": line %d col %d", e.Line, e.Index)
	case e.Line > 0:
		s += fmt.Sprintf(": line %d", e.Line)
	}
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	s += ": " + e.Kind.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

// Advice says what the citizen should do about this failure.
func (e *Error) Advice() Advice {
	switch e.Kind {
	case ErrEncoding:
		return AdviceReaderSetup
	case ErrMismatch, ErrProvince, ErrDate:
		return AdviceAskStaff
	}
	return AdviceReadAgain
}

// AdviceFor classifies any error: the *Error's own advice, or "read again"
// for anything else.
func AdviceFor(err error) Advice {
	var e *Error
	if errors.As(err, &e) {
		return e.Advice()
	}
	return AdviceReadAgain
}

// Deprecated: use (*Error).Advice.
func (e *Error) Citizen() Message { return e.Advice() }

// Deprecated: use AdviceFor (and kiosk/text.Card for the wording).
func CitizenMessage(err error) Message { return AdviceFor(err) }

func qrErr(kind error, index int, field, format string, a ...any) *Error {
	return &Error{Kind: kind, Source: SourceQR, Index: index, Field: field, Detail: fmt.Sprintf(format, a...)}
}

func mrzErr(kind error, line, col int, field, format string, a ...any) *Error {
	return &Error{Kind: kind, Source: SourceMRZ, Line: line, Index: col, Field: field, Detail: fmt.Sprintf(format, a...)}
}
