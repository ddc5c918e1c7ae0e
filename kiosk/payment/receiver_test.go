package payment_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/doc"
	. "github.com/motcua/kiosk/kiosk/payment"
)

// blockingPrinter holds every print until release is closed.
type blockingPrinter struct {
	started chan struct{} // one value per print begun
	release chan struct{}
}

func (b *blockingPrinter) Print(ctx context.Context, _ doc.Doc) error {
	b.started <- struct{}{}
	select {
	case <-b.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
func (b *blockingPrinter) Status(context.Context) (doc.Status, error) {
	return doc.Status{Online: true}, nil
}

// The provider's answer never waits for what follows a paid notice: the
// answer arrives while the callback (or the printer) is still blocked.
func TestAnswerBeforeSlowWork(t *testing.T) {
	cases := []struct {
		name string
		// setup returns the server URL, a channel receiving once the slow
		// work started, the release, and a wait for the slow work.
		setup func(t *testing.T, r *rig) (url string, started <-chan struct{}, release func(), wait func())
	}{
		{"receiver callback", func(t *testing.T, r *rig) (string, <-chan struct{}, func(), func()) {
			started, release := make(chan struct{}, 1), make(chan struct{})
			rc := &Receiver{Ledger: r.l, Keys: Keys{Casso: "casso-key"}, Log: discardLog(), Now: r.clk.now,
				OnDone: func(Verdict) { started <- struct{}{}; <-release }}
			srv := httptest.NewServer(rc)
			t.Cleanup(srv.Close)
			return srv.URL, started, func() { close(release) }, rc.Wait
		}},
		{"service receipt printer", func(t *testing.T, r *rig) (string, <-chan struct{}, func(), func()) {
			bp := &blockingPrinter{started: make(chan struct{}, 1), release: make(chan struct{})}
			svc := NewService(r.db, testCfg, "KIOSK-01", bp, nil, r.clk.now)
			svc.Log = discardLog()
			srv := httptest.NewServer(svc.Receiver())
			t.Cleanup(srv.Close)
			return srv.URL, bp.started, func() { close(bp.release) }, svc.Wait
		}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			r := newRig(t, "")
			url, started, release, wait := c.setup(t, r)
			v, _ := r.svc.Create(ctx, "fee", 10000, "")
			released := false
			defer func() {
				if !released {
					release()
				}
				wait()
			}()
			code := do(t, cassoRequest(t, url, "casso-key", r.clk.now(), cassoBody(fmt.Sprint(900+i), 10000, v.Memo)))
			if code != http.StatusOK {
				t.Fatalf("HTTP %d", code)
			}
			if p := r.status(t, v.Ref); p.Status != Paid {
				t.Fatalf("answered before recording: %+v", p)
			}
			<-started // the slow work is running, and was blocked when the answer came
			released = true
			release()
			wait()
		})
	}
}

// A body over MaxBody is refused with 413 and records nothing.
func TestOversizedBody(t *testing.T) {
	r := newRig(t, "")
	v, _ := r.svc.Create(context.Background(), "fee", 10000, "")
	body := cassoBody("61", 10000, v.Memo+strings.Repeat(" ", MaxBody))
	if code := do(t, cassoRequest(t, r.srv.URL, "casso-key", r.clk.now(), body)); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("HTTP %d, want 413", code)
	}
	if got := r.notices(t); got != "" || r.status(t, v.Ref).Status != Awaiting {
		t.Fatalf("oversized body recorded: %s", got)
	}
}

// A client sending one byte per 100 ms is cut off by the server's deadlines.
func TestSlowClientCutOff(t *testing.T) {
	const deadline = 300 * time.Millisecond
	defer SetServerTimeouts(Timeouts{ReadHeader: deadline, Read: 2 * deadline, Write: 2 * deadline, Idle: deadline})()
	r := newRig(t, "")
	body := `{"data":{}}`
	cases := []struct {
		name  string
		fast  string // sent at once
		slow  string // sent a byte per 100 ms
		limit time.Duration
	}{
		{"headers", "", "POST /notify/casso HTTP/1.1\r\nHost: kiosk\r\nX-Casso-Signature: t=1,v1=ab\r\n\r\n", deadline},
		{"body", fmt.Sprintf("POST /notify/casso HTTP/1.1\r\nHost: kiosk\r\nContent-Length: %d\r\n\r\n", len(body)+1000), body + strings.Repeat(" ", 1000), 2 * deadline},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			srv := NewHTTPServer(r.svc.Receiver())
			go srv.Serve(ln)
			defer srv.Close()
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Generous: the server's deadline many times over, plus scheduling slack.
			bound := 20*c.limit + 5*time.Second
			start := time.Now()
			conn.SetDeadline(start.Add(bound))
			if _, err := conn.Write([]byte(c.fast)); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { // the trickle; stops when the server hangs up
				defer wg.Done()
				tick := time.NewTicker(100 * time.Millisecond)
				defer tick.Stop()
				for i := 0; i < len(c.slow); i++ {
					if _, err := conn.Write([]byte{c.slow[i]}); err != nil {
						return
					}
					select {
					case <-tick.C:
					case <-stop:
						return
					}
				}
			}()
			var got bytes.Buffer
			_, err = got.ReadFrom(bufio.NewReader(conn)) // until the server closes
			close(stop)
			wg.Wait()
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("connection still open after %s (server deadline %s)", time.Since(start), c.limit)
			}
			if s := got.String(); strings.Contains(s, " 200 ") {
				t.Fatalf("slow request answered 200: %q", s)
			}
			if n := r.notices(t); n != "" {
				t.Fatalf("recorded %s", n)
			}
		})
	}
}
