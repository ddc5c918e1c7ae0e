package dossier

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// DefaultTimeout bounds one lookup when the config gives none.
const DefaultTimeout = 8 * time.Second

// vnZone is Asia/Ho_Chi_Minh (UTC+7 all year), without needing tzdata.
var vnZone = time.FixedZone("ICT", 7*3600)

// get sends req within timeout and returns the body of a 2xx answer. It
// maps the failures: the deadline → ErrTimeout, 404 → ErrNotFound, 401/403
// → ErrNotConfigured (the province's credentials are wrong), other non-2xx
// and transport errors → ErrUnavailable.
func get(ctx context.Context, hc *http.Client, timeout time.Duration, build func(ctx context.Context) (*http.Request, error)) ([]byte, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := build(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotConfigured, err)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (after %s)", ErrTimeout, timeout)
		}
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (after %s)", ErrTimeout, timeout)
		}
		return nil, fmt.Errorf("%w: reading the answer: %v", ErrUnavailable, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, ErrNotFound
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, fmt.Errorf("%w: HTTP %d (check the province's credentials)", ErrNotConfigured, resp.StatusCode)
	case resp.StatusCode >= 300:
		return nil, fmt.Errorf("%w: HTTP %d", ErrUnavailable, resp.StatusCode)
	}
	return body, nil
}

// parseTime reads the date layouts the provincial systems send.
func parseTime(s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "20060102150405", "02/01/2006 15:04:05", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, s, vnZone); err == nil {
			return &t
		}
	}
	return nil
}
