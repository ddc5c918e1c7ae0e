package payment

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Keys are the providers' secrets; an empty key disables that provider.
type Keys struct{ Casso, PayOS, SePay string }

// Receiver is the HTTP endpoint banks (through Casso, payOS or SePay) post
// notices to: /notify/casso, /notify/payos, /notify/sepay.
type Receiver struct {
	Ledger *Ledger
	Keys   Keys
	Log    *slog.Logger
	Now    func() time.Time
	OnDone func(Verdict) // after every applied notice (paid or flagged)
}

func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, 64<<10))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	now := r.Now()
	var n Notice
	source := req.URL.Path
	switch req.URL.Path {
	case "/notify/casso":
		n, err = VerifyCasso(r.Keys.Casso, req.Header.Get("X-Casso-Signature"), body, now)
	case "/notify/payos":
		n, err = VerifyPayOS(r.Keys.PayOS, body, now)
	case "/notify/sepay":
		n, err = VerifySePay(r.Keys.SePay, req.Header.Get("Authorization"), body, now)
	default:
		http.NotFound(w, req)
		return
	}
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrSignature) || errors.Is(err, ErrStale) || errors.Is(err, ErrDisabled) {
			status = http.StatusUnauthorized
		}
		r.Log.Warn("payment notice rejected", "endpoint", source, "remote", req.RemoteAddr, "err", err)
		http.Error(w, err.Error(), status)
		return
	}
	v, err := r.Ledger.Apply(req.Context(), n)
	if err != nil {
		r.Log.Error("payment notice not recorded", "source", n.Source, "tx", n.TxID, "err", err)
		http.Error(w, "not recorded, retry", http.StatusServiceUnavailable)
		return
	}
	ref := ""
	if v.Payment != nil {
		ref = v.Payment.Ref
	}
	switch v.Verdict {
	case "paid":
		r.Log.Info("payment confirmed by bank notice", "source", n.Source, "tx", n.TxID, "ref", ref, "amount", n.Amount)
	case "duplicate":
		r.Log.Info("payment notice repeated (ignored)", "source", n.Source, "tx", n.TxID)
	default:
		r.Log.Warn("payment notice needs staff review", "verdict", v.Verdict, "source", n.Source, "tx", n.TxID, "ref", ref, "amount", n.Amount)
	}
	if r.OnDone != nil && v.Payment != nil {
		r.OnDone(v)
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"success":true}`)
}

// Serve listens on addr until ctx ends.
func (r *Receiver) Serve(ctx context.Context, addr string) error {
	srv := &http.Server{Addr: addr, Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	err := srv.ListenAndServe()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
