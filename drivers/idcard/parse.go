package idcard

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Format names what a raw frame looks like before parsing.
type Format int

// Formats Detect can return.
const (
	FormatUnknown Format = iota
	FormatQR
	FormatMRZ
)

func (f Format) String() string {
	switch f {
	case FormatQR:
		return SourceQR
	case FormatMRZ:
		return SourceMRZ
	}
	return "unknown"
}

// Detect guesses the format of a raw frame without validating it: a '|'
// means QR; one to five lines made mostly of MRZ characters (A-Z, 0-9, '<')
// with at least one '<' mean MRZ.
func Detect(raw []byte) Format {
	s := trimFrame(string(raw))
	if strings.Contains(s, "|") {
		return FormatQR
	}
	lines := SplitLines(s)
	if len(lines) == 0 || len(lines) > 5 {
		return FormatUnknown
	}
	mrz, total, fillers := 0, 0, 0
	for _, l := range lines {
		for i := 0; i < len(l); i++ {
			c := l[i]
			total++
			if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<' {
				mrz++
			}
			if c == '<' {
				fillers++
			}
		}
	}
	if fillers > 0 && total >= 20 && mrz*10 >= total*9 {
		return FormatMRZ
	}
	return FormatUnknown
}

// SplitLines splits on CR, LF or CRLF and drops empty lines.
func SplitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Parse parses one frame of raw reader bytes, a QR line or the MRZ lines,
// whichever it is. A single 90-character MRZ string (a reader that sends no
// line breaks) is read as three lines of 30.
func Parse(raw []byte) (*Identity, error) {
	if !utf8.Valid(raw) {
		return nil, &Error{Kind: ErrEncoding, Detail: fmt.Sprintf("invalid UTF-8 at byte %d, len=%d", invalidAt(string(raw)), len(raw))}
	}
	switch Detect(raw) {
	case FormatQR:
		return ParseQR(string(raw))
	case FormatMRZ:
		return ParseMRZText(string(raw))
	}
	s := trimFrame(string(raw))
	if s == "" {
		return nil, &Error{Kind: ErrUnrecognised, Detail: "empty frame"}
	}
	return nil, &Error{Kind: ErrUnrecognised, Detail: fmt.Sprintf("%d lines, %d bytes, no '|' and not MRZ characters", len(SplitLines(s)), len(s))}
}

// ParseMRZText parses MRZ lines given as one text (CR/LF separated).
func ParseMRZText(s string) (*Identity, error) {
	lines := SplitLines(trimFrame(s))
	if len(lines) == 1 && len(lines[0]) == MRZLines*MRZLineLen {
		l := lines[0]
		lines = []string{l[:30], l[30:60], l[60:]}
	}
	return ParseMRZ(lines)
}
