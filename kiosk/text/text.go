// Package text holds every citizen-facing message the Go side sends to the
// screen: one Msg per message, Vietnamese first, English second, in plain
// words for people not used to computers. Callers use the named values;
// printed wording (tickets, receipts) lives in kiosk/layout.
package text

import (
	"errors"
	"fmt"
)

// Msg is one citizen-facing message.
type Msg struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// String is "VI / EN", for the few places that carry one error string.
func (m Msg) String() string { return m.VI + " / " + m.EN }

// Error is m as an error whose text is "VI / EN".
func (m Msg) Error() error { return errors.New(m.String()) }

// Format fills a message with fmt verbs (the same in both languages).
func (m Msg) Format(a ...any) Msg {
	return Msg{VI: fmt.Sprintf(m.VI, a...), EN: fmt.Sprintf(m.EN, a...)}
}

var all []Msg

// msg declares a message and registers it for the package test.
func msg(vi, en string) Msg {
	m := Msg{VI: vi, EN: en}
	all = append(all, m)
	return m
}

// All lists every declared message (for tests and reviews).
func All() []Msg { return append([]Msg(nil), all...) }
