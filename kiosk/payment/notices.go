package payment

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Verification errors (wrapped; branch with errors.Is).
var (
	ErrSignature = errors.New("notice: bad signature")
	ErrStale     = errors.New("notice: timestamp outside the allowed window")
	ErrMalformed = errors.New("notice: malformed body")
	ErrDisabled  = errors.New("notice: source not configured (no key)")
	ErrIgnored   = errors.New("notice: not an incoming transfer")
	// ErrOutgoing is an ErrIgnored: money sent from the centre's account
	// (a negative amount or transferType "out"), whichever provider says so.
	ErrOutgoing = fmt.Errorf("%w: outgoing transfer", ErrIgnored)
)

// MaxSkew is how far a signed timestamp may be from the kiosk's clock.
const MaxSkew = 5 * time.Minute

// Verifier checks one provider's notice shape and signature and returns
// the notice. Implementations compare signatures in constant time.
type Verifier interface {
	Source() string // "casso" | "payos" | "sepay": the de-duplication namespace and URL path
	Verify(h http.Header, body []byte, now time.Time) (Notice, error)
}

// Casso verifies Casso webhook v2 notices: header
// "X-Casso-Signature: t=<unix ms>,v1=<hex>", v1 = HMAC-SHA512(key,
// t + "." + body as compact JSON with keys sorted at every level).
type Casso struct{ Key string }

// PayOS verifies payOS webhooks: body {code, desc, success, data, signature},
// signature = HMAC-SHA256(key, data's fields sorted by key as k=v&k=v).
// payOS signs no delivery time, so replays are stopped by de-duplication on
// the transaction reference, not by a timestamp.
type PayOS struct{ Key string }

// SePay verifies SePay webhooks, either "Authorization: Apikey KEY", or
// HMAC-SHA256: "X-SePay-Signature: sha256=<hex>" over
// "<X-SePay-Timestamp>.<raw body>" with the timestamp in unix seconds.
type SePay struct{ Key string }

// Source names.
func (Casso) Source() string { return "casso" }
func (PayOS) Source() string { return "payos" }
func (SePay) Source() string { return "sepay" }

// canonical is compact JSON with object keys sorted at every level and no
// HTML escaping, as the providers' JavaScript (JSON.stringify of a sorted
// object) produces it.
func canonical(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func decode(body []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return m, nil
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := canonical(v)
	return string(b)
}

func amount(v any) (int64, error) {
	s := str(v)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 1e15 && f == float64(int64(f)) {
		return int64(f), nil
	}
	return 0, fmt.Errorf("%w: amount %q is not a positive whole number of VND", ErrMalformed, s)
}

// outgoing returns ErrOutgoing when a notice is about money leaving the
// account: transferType "out" (SePay; honoured wherever it appears) or a
// negative amount (Casso reports outgoing transfers so).
func outgoing(transferType, amt any) error {
	if strings.EqualFold(strings.TrimSpace(str(transferType)), "out") {
		return ErrOutgoing
	}
	if strings.HasPrefix(strings.TrimSpace(str(amt)), "-") {
		return ErrOutgoing
	}
	return nil
}

func equalHex(got, want string) bool {
	return hmac.Equal([]byte(strings.ToLower(strings.TrimSpace(got))), []byte(want))
}

func checkSkew(at, now time.Time) error {
	if d := now.Sub(at); d > MaxSkew || d < -MaxSkew {
		return fmt.Errorf("%w: signed at %s, kiosk clock %s (more than %s apart)", ErrStale,
			at.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), MaxSkew)
	}
	return nil
}

// CassoSign computes the Casso webhook v2 signature v1 for ts (unix ms).
func CassoSign(key string, ts string, body map[string]any) (string, error) {
	c, err := canonical(body)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha512.New, []byte(key))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(c)
	return hex.EncodeToString(m.Sum(nil)), nil
}

// Verify implements Verifier.
func (c Casso) Verify(h http.Header, body []byte, now time.Time) (Notice, error) {
	return VerifyCasso(c.Key, h.Get("X-Casso-Signature"), body, now)
}

// VerifyCasso checks header "t=<ms>,v1=<hex>" and returns the notice.
func VerifyCasso(key, header string, body []byte, now time.Time) (Notice, error) {
	if key == "" {
		return Notice{}, ErrDisabled
	}
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return Notice{}, fmt.Errorf("%w: X-Casso-Signature header missing or not t=…,v1=…", ErrSignature)
	}
	m, err := decode(body)
	if err != nil {
		return Notice{}, err
	}
	want, err := CassoSign(key, ts, m)
	if err != nil {
		return Notice{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !equalHex(sig, want) {
		return Notice{}, ErrSignature
	}
	at := time.UnixMilli(ms)
	if err := checkSkew(at, now); err != nil {
		return Notice{}, err
	}
	data, ok := m["data"].(map[string]any)
	if !ok {
		return Notice{}, fmt.Errorf("%w: no data object", ErrMalformed)
	}
	if err := outgoing(data["transferType"], data["amount"]); err != nil {
		return Notice{}, err
	}
	amt, err := amount(data["amount"])
	if err != nil {
		return Notice{}, err
	}
	tx := str(data["id"])
	if tx == "" {
		return Notice{}, fmt.Errorf("%w: no transaction id", ErrMalformed)
	}
	return Notice{Source: "casso", TxID: tx, Amount: amt, Description: str(data["description"]), At: at}, nil
}

// PayOSSign is HMAC-SHA256 over data's fields sorted by key as k1=v1&k2=v2
// (null becomes the empty string, nested values their JSON).
func PayOSSign(key string, data map[string]any) string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	m := hmac.New(sha256.New, []byte(key))
	for i, k := range keys {
		if i > 0 {
			m.Write([]byte{'&'})
		}
		v := str(data[k])
		if v == "null" || v == "undefined" {
			v = ""
		}
		m.Write([]byte(k + "=" + v))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// Verify implements Verifier.
func (p PayOS) Verify(_ http.Header, body []byte, now time.Time) (Notice, error) {
	return VerifyPayOS(p.Key, body, now)
}

// VerifyPayOS checks the signature inside a payOS webhook body.
func VerifyPayOS(key string, body []byte, now time.Time) (Notice, error) {
	if key == "" {
		return Notice{}, ErrDisabled
	}
	m, err := decode(body)
	if err != nil {
		return Notice{}, err
	}
	data, ok := m["data"].(map[string]any)
	if !ok {
		return Notice{}, fmt.Errorf("%w: no data object", ErrMalformed)
	}
	if !equalHex(str(m["signature"]), PayOSSign(key, data)) {
		return Notice{}, ErrSignature
	}
	if code := str(data["code"]); code != "" && code != "00" {
		return Notice{}, fmt.Errorf("%w: payOS code %q is not a success", ErrIgnored, code)
	}
	if err := outgoing(data["transferType"], data["amount"]); err != nil {
		return Notice{}, err
	}
	amt, err := amount(data["amount"])
	if err != nil {
		return Notice{}, err
	}
	tx := str(data["reference"])
	if tx == "" {
		tx = str(data["orderCode"])
	}
	if tx == "" {
		return Notice{}, fmt.Errorf("%w: no reference or orderCode", ErrMalformed)
	}
	return Notice{Source: "payos", TxID: tx, Amount: amt, Description: str(data["description"]), At: now}, nil
}

// SePaySign is the hex HMAC-SHA256 of "<ts>.<body>" (ts in unix seconds).
func SePaySign(key, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify implements Verifier.
func (s SePay) Verify(h http.Header, body []byte, now time.Time) (Notice, error) {
	if s.Key == "" {
		return Notice{}, ErrDisabled
	}
	if sig := h.Get("X-SePay-Signature"); sig != "" {
		ts := h.Get("X-SePay-Timestamp")
		sec, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			return Notice{}, fmt.Errorf("%w: X-SePay-Timestamp %q is not unix seconds", ErrSignature, ts)
		}
		if !equalHex(strings.TrimPrefix(sig, "sha256="), SePaySign(s.Key, ts, body)) {
			return Notice{}, ErrSignature
		}
		if err := checkSkew(time.Unix(sec, 0), now); err != nil {
			return Notice{}, err
		}
		return sepayNotice(body, time.Unix(sec, 0))
	}
	return VerifySePay(s.Key, h.Get("Authorization"), body, now)
}

// VerifySePay checks "Authorization: Apikey KEY" and reads an incoming transfer.
func VerifySePay(key, auth string, body []byte, now time.Time) (Notice, error) {
	if key == "" {
		return Notice{}, ErrDisabled
	}
	got, ok := strings.CutPrefix(strings.TrimSpace(auth), "Apikey ")
	if !ok || !hmac.Equal([]byte(strings.TrimSpace(got)), []byte(key)) {
		return Notice{}, ErrSignature
	}
	return sepayNotice(body, now)
}

func sepayNotice(body []byte, at time.Time) (Notice, error) {
	m, err := decode(body)
	if err != nil {
		return Notice{}, err
	}
	if err := outgoing(m["transferType"], m["transferAmount"]); err != nil {
		return Notice{}, err
	}
	if t := str(m["transferType"]); t != "in" {
		return Notice{}, fmt.Errorf("%w: transferType %q", ErrIgnored, t)
	}
	amt, err := amount(m["transferAmount"])
	if err != nil {
		return Notice{}, err
	}
	tx := str(m["id"])
	if tx == "" {
		return Notice{}, fmt.Errorf("%w: no id", ErrMalformed)
	}
	desc := str(m["content"])
	if c := str(m["code"]); c != "" {
		desc += " " + c
	}
	return Notice{Source: "sepay", TxID: tx, Amount: amt, Description: desc, At: at}, nil
}
