package payment

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Verification errors.
var (
	ErrSignature = errors.New("notice: bad signature")
	ErrStale     = errors.New("notice: timestamp outside the allowed window")
	ErrMalformed = errors.New("notice: malformed body")
	ErrDisabled  = errors.New("notice: source not configured (no key)")
)

// MaxSkew is how far a signed timestamp may be from now.
const MaxSkew = 5 * time.Minute

// canonical is compact JSON with object keys sorted at every level and no
// HTML escaping, as the providers' JavaScript computes it.
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
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
		return int64(f), nil
	}
	return 0, fmt.Errorf("%w: amount %q", ErrMalformed, s)
}

// CassoSign computes the Casso webhook v2 signature value v1 for ts (unix ms).
func CassoSign(key string, ts string, body map[string]any) (string, error) {
	c, err := canonical(body)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha512.New, []byte(key))
	m.Write([]byte(ts + "." + string(c)))
	return hex.EncodeToString(m.Sum(nil)), nil
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
		return Notice{}, fmt.Errorf("%w: header %q", ErrSignature, header)
	}
	m, err := decode(body)
	if err != nil {
		return Notice{}, err
	}
	want, _ := CassoSign(key, ts, m)
	if !hmac.Equal([]byte(strings.ToLower(sig)), []byte(want)) {
		return Notice{}, ErrSignature
	}
	at := time.UnixMilli(ms)
	if d := now.Sub(at); d > MaxSkew || d < -MaxSkew {
		return Notice{}, fmt.Errorf("%w: signed at %s", ErrStale, at.UTC().Format(time.RFC3339))
	}
	data, ok := m["data"].(map[string]any)
	if !ok {
		return Notice{}, fmt.Errorf("%w: no data object", ErrMalformed)
	}
	amt, err := amount(data["amount"])
	if err != nil {
		return Notice{}, err
	}
	return Notice{Source: "casso", TxID: str(data["id"]), Amount: amt, Description: str(data["description"]), At: at}, nil
}

// PayOSSign is HMAC-SHA256 over data's fields sorted by key as k1=v1&k2=v2.
func PayOSSign(key string, data map[string]any) string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := str(data[k])
		if v == "null" || v == "undefined" {
			v = ""
		}
		parts[i] = k + "=" + v
	}
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(m.Sum(nil))
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
	if !hmac.Equal([]byte(strings.ToLower(str(m["signature"]))), []byte(PayOSSign(key, data))) {
		return Notice{}, ErrSignature
	}
	amt, err := amount(data["amount"])
	if err != nil {
		return Notice{}, err
	}
	tx := str(data["reference"])
	if tx == "" {
		tx = str(data["orderCode"])
	}
	return Notice{Source: "payos", TxID: tx, Amount: amt, Description: str(data["description"]), At: now}, nil
}

// VerifySePay checks "Authorization: Apikey KEY" and reads an incoming transfer.
func VerifySePay(key, auth string, body []byte, now time.Time) (Notice, error) {
	if key == "" {
		return Notice{}, ErrDisabled
	}
	got := strings.TrimSpace(strings.TrimPrefix(auth, "Apikey"))
	if subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {
		return Notice{}, ErrSignature
	}
	m, err := decode(body)
	if err != nil {
		return Notice{}, err
	}
	if t := str(m["transferType"]); t != "in" {
		return Notice{}, fmt.Errorf("%w: transferType %q is not an incoming transfer", ErrMalformed, t)
	}
	amt, err := amount(m["transferAmount"])
	if err != nil {
		return Notice{}, err
	}
	desc := str(m["content"])
	if c := str(m["code"]); c != "" {
		desc += " " + c
	}
	return Notice{Source: "sepay", TxID: str(m["id"]), Amount: amt, Description: desc, At: now}, nil
}
