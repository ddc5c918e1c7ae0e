package queue

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// refDay reads the business day out of the default ticket QR
// (SERVICE-YYYYMMDD-NNNN).
var refDay = regexp.MustCompile(`-(\d{4})(\d{2})(\d{2})-\d+$`)

// FindRef finds a ticket by what a citizen scans or types to rate it later:
// the ticket's QR (QRData) or its printed code ("B-0012", also "b0012").
// A code alone is looked up today, then the day before; a default QR names
// its own day. ErrNoTicket when nothing matches.
func (s *Service) FindRef(ctx context.Context, ref string) (Ticket, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 256 {
		return Ticket{}, fmt.Errorf("%w: %q", ErrNoTicket, ref)
	}
	now := s.now()
	days := []string{}
	if m := refDay.FindStringSubmatch(ref); m != nil {
		days = append(days, m[1]+"-"+m[2]+"-"+m[3])
	}
	days = append(days, s.Day(now), s.Day(now.Add(-24*time.Hour)))
	seen := map[string]bool{}
	want := squash(ref)
	for _, day := range days {
		if seen[day] {
			continue
		}
		seen[day] = true
		ts, err := s.list(ctx, day)
		if err != nil {
			return Ticket{}, err
		}
		for _, t := range ts {
			if s.QRData(t) == ref || squash(t.Code) == want {
				return t, nil
			}
		}
	}
	return Ticket{}, fmt.Errorf("%w: %q", ErrNoTicket, ref)
}

// squash is a code compared loosely: upper case, no dashes or spaces.
func squash(s string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
}
