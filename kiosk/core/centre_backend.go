package core

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/queue"
)

// centreBackend makes the kiosk a client of the centre server: numbers and
// payments live on the centre, tickets and receipts print here, and the
// event stream (Follow) tells the kiosk when its payments are paid and
// whether the link is up.
type centreBackend struct {
	k       *Kiosk
	client  *centre.Client
	url     string         // for the technician: no user info, never the token
	layout  *queue.Service // ticket layout only (no store)
	tries   int            // attempts per issue while the centre is unreachable
	backoff time.Duration  // wait before the second attempt (doubles)
	perTry  time.Duration  // one attempt's time limit
	upd     *updater       // signed updates; nil when [update] is off

	mu      sync.Mutex
	link    centre.LinkState
	lastErr string
	keys    map[string]pendingKey  // service|priority → key of an issue whose answer never came
	refs    map[string]*ownPayment // this kiosk's payments by ref
}

// pendingKey is the idempotency key of an issue that may have reached the
// centre: the next tap for the same service reuses it, so a lost answer
// never becomes two numbers.
type pendingKey struct {
	key string
	at  time.Time
}

// keyTTL is how long a pending key is reused for the same service.
const keyTTL = 10 * time.Minute

// newCentreBackend builds the client from [centre]. A CA file that cannot
// be read is reported and the system roots are used (the link then shows
// the certificate error instead of silently going local).
func newCentreBackend(k *Kiosk, c config.Centre) (*centreBackend, error) {
	hc, err := centreHTTP(c)
	cl := centre.NewClient(c.URL, c.Token)
	cl.HTTP = hc
	b := &centreBackend{k: k, client: cl, url: displayURL(c.URL), layout: queue.New(nil, k.Config(), k.now),
		tries: 3, backoff: 300 * time.Millisecond, perTry: 5 * time.Second,
		keys: map[string]pendingKey{}, refs: map[string]*ownPayment{}}
	b.link = centre.LinkState{Up: false, Since: k.now(), Err: errors.New("connecting")}
	b.lastErr = "connecting"
	return b, err
}

func centreHTTP(c config.Centre) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	hc := &http.Client{Timeout: 10 * time.Second, Transport: tr}
	if c.CAFile == "" {
		return hc, nil
	}
	pem, err := os.ReadFile(c.CAFile)
	if err != nil {
		return hc, fmt.Errorf("centre.ca_file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return hc, fmt.Errorf("centre.ca_file %s: no PEM certificate in it", c.CAFile)
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return hc, nil
}

// displayURL is the centre URL without any user info.
func displayURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	return u.String()
}

func newKey() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Services lists the centre's services.
func (c *centreBackend) Services(ctx context.Context) ([]queue.ServiceView, error) {
	ctx, cancel := context.WithTimeout(ctx, c.perTry)
	defer cancel()
	svs, err := c.client.Services(ctx)
	if err != nil {
		return nil, fmt.Errorf("centre services: %w", err)
	}
	return svs, nil
}

// Issue asks the centre for a number with one idempotency key per tap,
// retrying a few times with the same key while the centre is unreachable.
// When it gives up the key is kept for the next tap on the same service.
func (c *centreBackend) Issue(ctx context.Context, service, priority string, g *queue.Guidance) (queue.Ticket, error) {
	slot := service + "|" + priority
	key := c.takeKey(slot)
	wait := c.backoff
	var err error
	for try := 0; try < c.tries; try++ {
		if try > 0 {
			select {
			case <-ctx.Done():
				return queue.Ticket{}, fmt.Errorf("issue %s: %w", service, ctx.Err())
			case <-time.After(wait):
			}
			wait *= 2
		}
		actx, cancel := context.WithTimeout(ctx, c.perTry)
		var t queue.Ticket
		t, err = c.client.IssueTicket(actx, centre.IssueRequest{Service: service, Priority: priority, Key: key, Guidance: g})
		cancel()
		if err == nil {
			c.dropKey(slot)
			return t, nil
		}
		if !errors.Is(err, centre.ErrUnreachable) {
			c.dropKey(slot)
			return queue.Ticket{}, fmt.Errorf("issue %s on the centre: %w", service, err)
		}
		c.k.log.Warn("centre unreachable while issuing; retrying with the same key", "service", service, "try", try+1, "err", err)
	}
	c.keepKey(slot, key)
	return queue.Ticket{}, fmt.Errorf("issue %s on the centre after %d tries: %w", service, c.tries, err)
}

func (c *centreBackend) takeKey(slot string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.keys[slot]; ok && c.k.now().Sub(p.at) < keyTTL {
		return p.key
	}
	return newKey()
}

func (c *centreBackend) keepKey(slot, key string) {
	c.mu.Lock()
	c.keys[slot] = pendingKey{key: key, at: c.k.now()}
	c.mu.Unlock()
}

func (c *centreBackend) dropKey(slot string) {
	c.mu.Lock()
	delete(c.keys, slot)
	c.mu.Unlock()
}

// Print prints a centre ticket on the kiosk's printer; a failure is
// recorded in the local fault log for staff and the ticket carries advice.
func (c *centreBackend) Print(ctx context.Context, p doc.Printer, t queue.Ticket) (queue.Ticket, error) {
	perr := p.Print(ctx, layout.Ticket(c.layout.TicketData(t)))
	if perr == nil {
		t.PrintState, t.PrintError, t.AdviceVI, t.AdviceEN = queue.StatePrinted, "", "", ""
		t.PrintedAt = c.k.now().UTC().Format(time.RFC3339)
		return t, nil
	}
	kind := queue.FaultKind(perr)
	t.PrintState, t.PrintError = queue.StateFailed, kind
	t.AdviceVI, t.AdviceEN = queue.Advice(kind)
	if c.k.queue != nil {
		c.k.queue.RecordFault(ctx, kind, t.Code+" (centre ticket): "+perr.Error())
	}
	return t, fmt.Errorf("%w: %s: %w", queue.ErrNotPrinted, t.Code, perr)
}

// Rate sends a citizen's rating of a finished ticket, found by its QR or
// code, to the centre, which checks it (rating.NewVisit).
func (c *centreBackend) Rate(ctx context.Context, ref string, stars int, reasons []string, comment string) error {
	ctx, cancel := context.WithTimeout(ctx, c.perTry)
	defer cancel()
	return c.client.Rate(ctx, centre.RatingRequest{Ref: ref, Stars: stars, Reasons: reasons, Comment: comment})
}
