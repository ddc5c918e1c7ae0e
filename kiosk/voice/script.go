package voice

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Options tunes how a call is read.
type Options struct {
	// TicketAsNumber reads the ticket digits as one number (B-0012 → "B
	// mười hai") instead of digit by digit ("B không không một hai").
	TicketAsNumber bool
}

// maxTicketDigits bounds the digits of a ticket code read one by one.
const maxTicketDigits = 8

// ErrInput is wrapped by every error about a bad ticket code or counter.
var ErrInput = errors.New("voice: bad input")

// Script gives the clip names of one call: the chime, "mời công dân có số
// thứ tự", the ticket prefix letter by letter, its digits (one by one, or as
// a number with opt.TicketAsNumber), "đến quầy số", then the counter — read
// as a number when it is all digits (≤ 9999), else spelt letter/digit by
// letter/digit. A ticket code is letters A-Z, an optional dash, then digits
// ("B-0012", "b12"). Spaces, dashes and dots in a counter name are skipped.
func Script(ticketCode, counter string, opt Options) ([]string, error) {
	out := []string{ClipChime, ClipMoiCongDan}
	t, err := ticketClips(ticketCode, opt)
	if err != nil {
		return nil, err
	}
	out = append(out, t...)
	out = append(out, ClipDenQuaySo)
	c, err := counterClips(counter)
	if err != nil {
		return nil, err
	}
	return append(out, c...), nil
}

// ticketClips reads a ticket code.
func ticketClips(code string, opt Options) ([]string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, fmt.Errorf("%w: empty ticket code", ErrInput)
	}
	i := 0
	var out []string
	for i < len(code) && isLetter(code[i]) {
		out = append(out, LetterClip(rune(code[i])))
		i++
	}
	if i < len(code) && code[i] == '-' {
		i++
	}
	digits := code[i:]
	if digits == "" || !allDigits(digits) {
		return nil, fmt.Errorf("%w: ticket code %q: want letters A-Z, an optional dash, then digits (like B-0012)", ErrInput, code)
	}
	if !opt.TicketAsNumber {
		if len(digits) > maxTicketDigits {
			return nil, fmt.Errorf("%w: ticket code %q: more than %d digits", ErrInput, code, maxTicketDigits)
		}
		return append(out, spell(digits)...), nil
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > MaxNumber {
		return nil, fmt.Errorf("%w: ticket code %q: number above %d", ErrInput, code, MaxNumber)
	}
	return append(out, Words(n)...), nil
}

// counterClips reads a counter name.
func counterClips(name string) ([]string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("%w: empty counter", ErrInput)
	}
	if allDigits(name) {
		if n, err := strconv.Atoi(name); err == nil && n <= MaxNumber {
			return Words(n), nil
		}
	}
	var kept []byte
	for _, r := range name {
		switch {
		case r == ' ' || r == '-' || r == '.':
		case r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r))):
			kept = append(kept, byte(r))
		default:
			return nil, fmt.Errorf("%w: counter %q: the voice pack has no clip for %q (only letters A-Z and digits)", ErrInput, name, r)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("%w: counter %q has no letter or digit", ErrInput, name)
	}
	return spell(string(kept)), nil
}

// spell gives one clip per ASCII letter or digit of s.
func spell(s string) []string {
	out := make([]string, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			out = append(out, DigitClip(int(s[i]-'0')))
		} else {
			out = append(out, LetterClip(rune(s[i])))
		}
	}
	return out
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isDigit(b byte) bool  { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
