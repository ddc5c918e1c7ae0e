package centre

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
)

// ErrUnreachable wraps every failure to get an answer from the centre
// (connection refused, timeout, a proxy's 502/504): the link is down, not
// the request wrong. A caller may retry the same request (issues carry an
// idempotency key).
var ErrUnreachable = errors.New("centre unreachable")

// ErrNoneWaiting is CallNext's answer when nobody waits for the counter's
// services (HTTP 204). It wraps queue.ErrNoneWaiting.
var ErrNoneWaiting = fmt.Errorf("centre: %w", queue.ErrNoneWaiting)

// Client talks to a centre as one enrolled device.
type Client struct {
	BaseURL string       // "https://centre.example:8443" (no trailing slash needed)
	Token   string       // the device token from motcua-centre enroll
	PIN     string       // staff PIN for staff actions ("" otherwise)
	Officer string       // officer session token from SignIn ("" otherwise)
	HTTP    *http.Client // default: 10 s timeout
}

// NewClient makes a client for baseURL with a device token.
func NewClient(baseURL, token string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), Token: token, HTTP: &http.Client{Timeout: 10 * time.Second}}
}

// WithPIN returns a copy that sends the staff PIN.
func (c *Client) WithPIN(pin string) *Client {
	cp := *c
	cp.PIN = pin
	return &cp
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) newRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("centre: encode %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.BaseURL, "/")+path, rd)
	if err != nil {
		return nil, fmt.Errorf("centre: %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.Officer != "" {
		req.Header.Set(HeaderOfficer, c.Officer)
	}
	if c.PIN != "" {
		req.Header.Set(HeaderStaffPIN, c.PIN)
	}
	return req, nil
}

// do sends a JSON request and decodes a JSON answer into out (nil: ignore).
// It returns the status on success; *Error for an API refusal;
// ErrUnreachable (wrapped) when no answer came.
func (c *Client) do(ctx context.Context, method, path string, body, out any) (int, error) {
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return 0, err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: %s %s: %v", ErrUnreachable, method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return 0, fmt.Errorf("%w: %s %s: reading the answer: %v", ErrUnreachable, method, path, err)
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, decodeError(resp.StatusCode, raw, method, path)
	}
	if out != nil && resp.StatusCode != http.StatusNoContent {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.StatusCode, fmt.Errorf("centre: %s %s: decode answer: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

func decodeError(status int, raw []byte, method, path string) error {
	var e Error
	if json.Unmarshal(raw, &e) != nil || e.Code == "" {
		// Not our server's answer: a proxy in between, or the centre down behind it.
		if status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout {
			return fmt.Errorf("%w: %s %s: HTTP %d", ErrUnreachable, method, path, status)
		}
		return &Error{Status: status, Code: CodeBadRequest, Message: fmt.Sprintf("%s %s: HTTP %d: %.200s", method, path, status, raw)}
	}
	e.Status = status
	if e.Code == CodeUnavailable {
		return fmt.Errorf("%w: %s %s: %w", ErrUnreachable, method, path, &e)
	}
	return &e
}

// Health asks GET /healthz.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var h Health
	_, err := c.do(ctx, http.MethodGet, PathHealth, nil, &h)
	return h, err
}

// Services lists the centre's services with today's counts.
func (c *Client) Services(ctx context.Context) ([]queue.ServiceView, error) {
	var out []queue.ServiceView
	_, err := c.do(ctx, http.MethodGet, PathServices, nil, &out)
	return out, err
}

// IssueTicket issues (or, with the same key, gives back) a ticket. A
// refusal for the citizen (closed, capped, unknown service) comes back as
// *queue.IssueError with the centre's Vietnamese and English text.
func (c *Client) IssueTicket(ctx context.Context, r IssueRequest) (queue.Ticket, error) {
	var t queue.Ticket
	_, err := c.do(ctx, http.MethodPost, PathTickets, r, &t)
	var e *Error
	if errors.As(err, &e) {
		if sentinel := issueSentinel(e.Code); sentinel != nil {
			return t, &queue.IssueError{Err: sentinel, Service: r.Service, VI: e.VI, EN: e.EN}
		}
	}
	return t, err
}

func issueSentinel(code string) error {
	switch code {
	case CodeClosed:
		return queue.ErrClosed
	case CodeCapped:
		return queue.ErrCapped
	case CodeNoService:
		return queue.ErrNoService
	}
	return nil
}

// CallNext calls the next ticket for a counter (ErrNoneWaiting when nobody waits).
func (c *Client) CallNext(ctx context.Context, counter string) (queue.Call, error) {
	var call queue.Call
	status, err := c.do(ctx, http.MethodPost, counterPath(counter, "/next"), nil, &call)
	if err == nil && status == http.StatusNoContent {
		return call, ErrNoneWaiting
	}
	return call, err
}

// CreatePayment starts a fee payment on the centre; the View carries the VietQR.
func (c *Client) CreatePayment(ctx context.Context, r PaymentRequest) (payment.View, error) {
	var v payment.View
	_, err := c.do(ctx, http.MethodPost, PathPayments, r, &v)
	return v, err
}

// Payment reads a payment's state.
func (c *Client) Payment(ctx context.Context, ref string) (payment.View, error) {
	var v payment.View
	_, err := c.do(ctx, http.MethodGet, "/api/v1/payments/"+url.PathEscape(ref), nil, &v)
	return v, err
}

// CancelPayment cancels an awaiting payment.
func (c *Client) CancelPayment(ctx context.Context, ref string) (payment.View, error) {
	var v payment.View
	_, err := c.do(ctx, http.MethodPost, "/api/v1/payments/"+url.PathEscape(ref)+"/cancel", nil, &v)
	return v, err
}

// StaffConfirm marks a payment paid on a staff member's word (needs PIN).
func (c *Client) StaffConfirm(ctx context.Context, ref, reason string) (payment.View, error) {
	var v payment.View
	_, err := c.do(ctx, http.MethodPost, "/api/v1/staff/payments/"+url.PathEscape(ref)+"/confirm", StaffRequest{Reason: reason}, &v)
	return v, err
}

// StaffVoid voids a payment with a reason (needs PIN).
func (c *Client) StaffVoid(ctx context.Context, ref, reason string) (payment.View, error) {
	var v payment.View
	_, err := c.do(ctx, http.MethodPost, "/api/v1/staff/payments/"+url.PathEscape(ref)+"/void", StaffRequest{Reason: reason}, &v)
	return v, err
}

// Flagged lists the bank notices staff must refund or assign (needs PIN).
func (c *Client) Flagged(ctx context.Context) ([]payment.NoticeRow, error) {
	var out []payment.NoticeRow
	_, err := c.do(ctx, http.MethodGet, PathStaffNotices, nil, &out)
	return out, err
}

// Refund records that a flagged notice's money was sent back (needs PIN).
func (c *Client) Refund(ctx context.Context, noticeID int64, note string) error {
	_, err := c.do(ctx, http.MethodPost, "/api/v1/staff/notices/"+strconv.FormatInt(noticeID, 10)+"/refund", StaffRequest{Note: note}, nil)
	return err
}

// Assign attaches a flagged notice to a payment (needs PIN).
func (c *Client) Assign(ctx context.Context, noticeID int64, ref, note string) error {
	_, err := c.do(ctx, http.MethodPost, "/api/v1/staff/notices/"+strconv.FormatInt(noticeID, 10)+"/assign", StaffRequest{Ref: ref, Note: note}, nil)
	return err
}

// Hall is what the hall display shows now.
func (c *Client) Hall(ctx context.Context) (Hall, error) {
	var h Hall
	_, err := c.do(ctx, http.MethodGet, PathHall, nil, &h)
	return h, err
}

// Heartbeat sends the kiosk's beat (kiosk device).
func (c *Client) Heartbeat(ctx context.Context, b fleet.Beat) error {
	_, err := c.do(ctx, http.MethodPost, PathHeartbeat, b, nil)
	return err
}

// FleetAlerts lists the kiosks' paper alerts in force (counter device).
func (c *Client) FleetAlerts(ctx context.Context) ([]fleet.Alert, error) {
	out := []fleet.Alert{}
	_, err := c.do(ctx, http.MethodGet, PathFleetAlerts, nil, &out)
	return out, err
}

// Fleet lists every kiosk with its state (counter device with the staff PIN).
func (c *Client) Fleet(ctx context.Context) ([]KioskHealth, error) {
	var out []KioskHealth
	_, err := c.do(ctx, http.MethodGet, PathFleet, nil, &out)
	return out, err
}
