package centre

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/motcua/kiosk/kiosk/queue"
)

func counterPath(counter, rest string) string {
	return "/api/v1/counters/" + url.PathEscape(counter) + rest
}

// SignIn signs an officer in at a counter; the client then acts as that
// officer (c.Officer holds the session token).
func (c *Client) SignIn(ctx context.Context, counter, officer, pin string) (CounterView, error) {
	req, err := c.newRequest(ctx, http.MethodPost, counterPath(counter, "/signin"), SignInRequest{Officer: officer, PIN: pin})
	if err != nil {
		return CounterView{}, err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return CounterView{}, fmt.Errorf("%w: sign in: %v", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return CounterView{}, fmt.Errorf("%w: sign in: reading the answer: %v", ErrUnreachable, err)
	}
	if resp.StatusCode >= 300 {
		return CounterView{}, decodeError(resp.StatusCode, raw, http.MethodPost, req.URL.Path)
	}
	c.Officer = resp.Header.Get(HeaderOfficer)
	var v CounterView
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("centre: sign in: decode answer: %w", err)
	}
	return v, nil
}

// SignOut ends the officer's session.
func (c *Client) SignOut(ctx context.Context, counter string) error {
	_, err := c.do(ctx, http.MethodPost, counterPath(counter, "/signout"), nil, nil)
	if err == nil {
		c.Officer = ""
	}
	return err
}

// Counter reads what the counter page shows.
func (c *Client) Counter(ctx context.Context, counter string) (CounterView, error) {
	var v CounterView
	_, err := c.do(ctx, http.MethodGet, counterPath(counter, ""), nil, &v)
	return v, err
}

// SetCounterState pauses a counter with a reason, or reopens it.
func (c *Client) SetCounterState(ctx context.Context, counter string, r StateRequest) (CounterView, error) {
	var v CounterView
	_, err := c.do(ctx, http.MethodPost, counterPath(counter, "/state"), r, &v)
	return v, err
}

// Act applies a ticket operation (Op*) at a counter.
func (c *Client) Act(ctx context.Context, counter string, id int64, op string, r ActionRequest) (queue.Ticket, error) {
	var t queue.Ticket
	_, err := c.do(ctx, http.MethodPost, counterPath(counter, "/tickets/"+strconv.FormatInt(id, 10)+"/"+url.PathEscape(op)), r, &t)
	return t, err
}

// Rate sends a citizen's rating of a finished ticket.
func (c *Client) Rate(ctx context.Context, r RatingRequest) error {
	_, err := c.do(ctx, http.MethodPost, PathRatings, r, nil)
	return err
}

// Report fetches a report as json, csv or xlsx bytes (staff PIN needed).
func (c *Client) Report(ctx context.Context, from, to, format string) ([]byte, error) {
	q := url.Values{"from": {from}, "to": {to}, "format": {format}}
	req, err := c.newRequest(ctx, http.MethodGet, PathReports+"?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: report: %v", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, io.LimitReader(resp.Body, 64<<20)); err != nil {
		return nil, fmt.Errorf("%w: report: %v", ErrUnreachable, err)
	}
	if resp.StatusCode >= 300 {
		return nil, decodeError(resp.StatusCode, b.Bytes(), http.MethodGet, PathReports)
	}
	return b.Bytes(), nil
}
