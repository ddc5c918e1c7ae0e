//go:build linux

package svctest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var spanUnits = map[string]time.Duration{
	"us": time.Microsecond, "usec": time.Microsecond,
	"ms": time.Millisecond, "msec": time.Millisecond,
	"": time.Second, "s": time.Second, "sec": time.Second, "second": time.Second, "seconds": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hour": time.Hour, "hours": time.Hour,
}

// ParseTimespan reads a systemd time span (systemd.time(7)): "30", "2s",
// "500ms", "1min 30s". "infinity" and "0" are 0, which the settings the
// Supervisor reads take as "off".
func ParseTimespan(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "infinity" {
		return 0, nil
	}
	if s == "" {
		return 0, fmt.Errorf("empty time span")
	}
	var total time.Duration
	rest := s
	for rest != "" {
		rest = strings.TrimLeft(rest, " ")
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' })
		if i == 0 {
			return 0, fmt.Errorf("time span %q: number expected at %q", s, rest)
		}
		if i < 0 {
			i = len(rest)
		}
		num := rest[:i]
		rest = strings.TrimLeft(rest[i:], " ")
		j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
		if j < 0 {
			j = len(rest)
		}
		unit, ok := spanUnits[rest[:j]]
		if !ok {
			return 0, fmt.Errorf("time span %q: unknown unit %q", s, rest[:j])
		}
		rest = rest[j:]
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, fmt.Errorf("time span %q: %w", s, err)
		}
		total += time.Duration(f * float64(unit))
	}
	return total, nil
}
