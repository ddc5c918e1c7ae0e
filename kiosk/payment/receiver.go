package payment

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Keys are the providers' secrets; an empty key disables that provider.
type Keys struct{ Casso, PayOS, SePay string }

// Verifiers returns one Verifier per configured provider.
func (k Keys) Verifiers() []Verifier {
	var vs []Verifier
	if k.Casso != "" {
		vs = append(vs, Casso{k.Casso})
	}
	if k.PayOS != "" {
		vs = append(vs, PayOS{k.PayOS})
	}
	if k.SePay != "" {
		vs = append(vs, SePay{k.SePay})
	}
	return vs
}

// Receiver is the HTTP endpoint banks (through Casso, payOS or SePay) post
// notices to: POST /notify/casso, /notify/payos, /notify/sepay. A notice that
// fails verification is answered 401 (signature, timestamp, source off) or
// 400 (malformed) and changes nothing; a verified one is recorded and
// answered 200 {"success":true}, whatever its verdict, so the provider stops
// retrying; a store failure is answered 503 so it retries. A body over
// MaxBody is answered 413 and changes nothing.
//
// The provider is answered as soon as the notice is recorded: OnDone runs
// in its own goroutine (receipt printing, events), and Wait waits for the
// ones still running. A Receiver must not be copied after first use.
type Receiver struct {
	Ledger *Ledger
	Keys   Keys         // used when Verifiers is nil
	Verify []Verifier   // overrides Keys
	Log    *slog.Logger // nil: slog.Default()
	Now    func() time.Time
	OnDone func(Verdict) // after a notice changed a payment (paid or flagged); asynchronous

	running sync.WaitGroup // OnDone calls in flight
}

// MaxBody is the largest notice body accepted (the providers send < 4 KiB).
const MaxBody = 64 << 10

// Wait blocks until every OnDone call started so far has returned. Call it
// after the server stopped (shutdown), so no new call starts meanwhile.
func (r *Receiver) Wait() { r.running.Wait() }

func (r *Receiver) log() *slog.Logger {
	if r.Log == nil {
		return slog.Default()
	}
	return r.Log
}

func (r *Receiver) verifier(source string) Verifier {
	vs := r.Verify
	if vs == nil {
		vs = r.Keys.Verifiers()
	}
	for _, v := range vs {
		if v.Source() == source {
			return v
		}
	}
	return nil
}

// hint tells a technician what a rejection most likely means.
func hint(err error, source string) string {
	switch {
	case errors.Is(err, ErrSignature):
		return "signature does not match the " + source + " key in kiosk.toml: a forged notice, or the key was changed at the provider and not here"
	case errors.Is(err, ErrStale):
		return "signed time too far from the kiosk clock: a replayed old notice, or the kiosk clock is wrong (check NTP)"
	case errors.Is(err, ErrDisabled):
		return source + " is not configured on this kiosk (no key): set payment." + source + "_key or stop the provider sending here"
	case errors.Is(err, ErrIgnored):
		return "not an incoming successful transfer: nothing to do"
	}
	return "body is not the " + source + " notice format: check the webhook settings at the provider"
}

func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	source, ok := strings.CutPrefix(req.URL.Path, "/notify/")
	if !ok {
		http.NotFound(w, req)
		return
	}
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	v := r.verifier(source)
	if v == nil {
		r.log().Warn("payment notice rejected", "source", source, "remote", req.RemoteAddr, "why", hint(ErrDisabled, source))
		http.Error(w, "source not configured", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, MaxBody))
	if err != nil {
		status, msg := readStatus(err)
		r.log().Warn("payment notice body not read, nothing recorded", "source", source, "remote", req.RemoteAddr, "err", err.Error())
		http.Error(w, msg, status)
		return
	}
	now := time.Now()
	if r.Now != nil {
		now = r.Now()
	}
	n, err := v.Verify(req.Header, body, now)
	if errors.Is(err, ErrOutgoing) {
		r.log().Info("payment notice ignored: outgoing transfer", "source", source)
		writeOK(w)
		return
	}
	if errors.Is(err, ErrIgnored) {
		r.log().Info("payment notice ignored", "source", source, "why", err.Error())
		writeOK(w)
		return
	}
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrSignature) || errors.Is(err, ErrStale) || errors.Is(err, ErrDisabled) {
			status = http.StatusUnauthorized
		}
		r.log().Warn("payment notice rejected, nothing marked paid", "source", source, "remote", req.RemoteAddr, "err", err.Error(), "why", hint(err, source))
		http.Error(w, err.Error(), status)
		return
	}
	verdict, err := r.Ledger.Apply(req.Context(), n)
	if errors.Is(err, ErrIgnored) {
		r.log().Info("payment notice ignored: outgoing transfer", "source", source)
		writeOK(w)
		return
	}
	if err != nil {
		r.log().Error("payment notice not recorded; the provider will retry", "source", n.Source, "tx", n.TxID, "err", err)
		http.Error(w, "not recorded, retry", http.StatusServiceUnavailable)
		return
	}
	logVerdict(r.log(), n, verdict)
	if r.OnDone != nil && verdict.Changed && verdict.Payment != nil {
		r.running.Add(1)
		go func() {
			defer r.running.Done()
			r.OnDone(verdict)
		}()
	}
	writeOK(w)
}

// readStatus maps a body read failure to its HTTP answer.
func readStatus(err error) (int, string) {
	var tooBig *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "body over 64 KiB"
	case errors.As(err, &ne) && ne.Timeout():
		return http.StatusRequestTimeout, "body too slow"
	}
	return http.StatusBadRequest, "read error"
}

func writeOK(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"success":true}`)
}

func logVerdict(l *slog.Logger, n Notice, v Verdict) {
	a := []any{"source", n.Source, "tx", n.TxID, "ref", v.Ref, "amount", n.Amount}
	if v.Payment != nil {
		a = append(a, "asked", v.Payment.Amount, "expires", v.Payment.ExpiresAt)
	}
	switch v.Verdict {
	case VerdictPaid:
		l.Info("payment confirmed by bank notice", a...)
	case VerdictDuplicate:
		l.Info("payment notice repeated by the provider (same transaction id): ignored", a...)
	case VerdictUnknownRef:
		l.Warn("payment notice with no kiosk reference in the memo: not for a kiosk payment, or the payer changed the memo; staff check the bank statement", a...)
	case VerdictWrongAmount:
		l.Warn("payment notice amount differs from the fee: NOT marked paid, needs staff review (refund or top-up)", a...)
	case VerdictLate:
		l.Warn("payment notice arrived after the QR expired: NOT marked paid, needs staff review", a...)
	case VerdictCancelled:
		l.Warn("payment notice arrived after the citizen cancelled: NOT marked paid, needs staff review", a...)
	case VerdictAlreadyPaid:
		l.Warn("second transfer for an already paid fee: stays paid, staff refund the extra transfer", a...)
	case VerdictInReview:
		l.Warn("another transfer for a payment under staff review: left for staff", a...)
	}
}

// Serve listens on addr until ctx ends.
func (r *Receiver) Serve(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return serve(ctx, ln, r)
}

// Timeouts bound how long one connection may hold a server.
type Timeouts struct {
	ReadHeader time.Duration // request line and headers
	Read       time.Duration // the whole request, body included
	Write      time.Duration // from the end of the headers to the end of the answer
	Idle       time.Duration // between keep-alive requests
}

// serverTimeouts are NewHTTPServer's deadlines (tests shorten them).
var serverTimeouts = Timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 10 * time.Second, Idle: 60 * time.Second}

// NewHTTPServer returns a server for h with deadlines fit for the open
// internet: a client trickling its headers or body (slowloris) is cut
// off, idle keep-alive connections are closed, headers are capped at 16 KiB.
// The notice receiver runs on one; the centre server may reuse it.
func NewHTTPServer(h http.Handler) *http.Server {
	t := serverTimeouts
	return &http.Server{Handler: h, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read, WriteTimeout: t.Write,
		IdleTimeout: t.Idle, MaxHeaderBytes: 16 << 10}
}

func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := NewHTTPServer(h)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
		case <-done:
			return
		}
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("payment: notice receiver: %w", err)
	}
	return nil
}
