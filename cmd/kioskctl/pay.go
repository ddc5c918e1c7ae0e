package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/payment"
)

func init() {
	register("pay", "pay simulate REF AMOUNT: send a correctly signed bank notice to the kiosk's receiver", subcommands("pay", map[string]func([]string, io.Writer, io.Writer) int{
		"simulate": paySimulate,
	}))
}

// paySimulate posts a correctly signed Casso v2 (or payOS, or SePay) notice
// for REF, as the provider would after a transfer, to the kiosk's receiver.
func paySimulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pay simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "kiosk config (for payment.listen, the keys and the kiosk id)")
	url := fs.String("url", "", "receiver base URL (default: http://<payment.listen>)")
	source := fs.String("source", "casso", "casso | payos | sepay")
	key := fs.String("key", "", "signing key (default: the source's key from the config)")
	tx := fs.String("tx", "", "bank transaction id (default: time-based, unique)")
	memo := fs.String("memo", "", "transfer description (default: the kiosk memo \"<KIOSKID> REF\")")
	hmacMode := fs.Bool("hmac", false, "sepay: sign with HMAC-SHA256 + timestamp instead of the Apikey header")
	timeout := fs.Duration("timeout", 10*time.Second, "HTTP timeout")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kioskctl pay simulate REF AMOUNT [--url http://127.0.0.1:8787] [--source casso|payos|sepay] [--tx ID] [--memo TEXT] [--key K]")
		fs.PrintDefaults()
	}
	pos, err := vietqrArgs(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	ref := strings.ToUpper(pos[0])
	amount, err := strconv.ParseInt(pos[1], 10, 64)
	if err != nil || amount <= 0 {
		return fail(stderr, "pay simulate: amount %q is not a positive whole number of VND", pos[1])
	}
	if !payment.ValidRef(ref) {
		fmt.Fprintf(stderr, "pay simulate: warning: %s is not a valid reference (check character); sending anyway\n", ref)
	}
	cfg, _, err := config.Load(config.Resolve(*cfgPath))
	if err != nil {
		return fail(stderr, "pay simulate: %v", err)
	}
	if *url == "" {
		*url = "http://" + cfg.Payment.Listen
	}
	*url = strings.TrimRight(*url, "/")
	if *tx == "" {
		*tx = strconv.FormatInt(time.Now().UnixNano()/1000%1e12, 10)
	}
	desc := *memo
	if desc == "" {
		desc = payment.Memo(cfg.Kiosk.KioskID, ref)
	}
	now := time.Now()
	var req *http.Request
	switch *source {
	case "casso":
		k := pick(*key, cfg.Payment.CassoKey)
		body := map[string]any{"error": json.Number("0"), "data": map[string]any{"id": json.Number(*tx), "reference": "FT" + *tx, "description": desc,
			"amount": json.Number(strconv.FormatInt(amount, 10)), "transactionDateTime": now.Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account}}
		ts := strconv.FormatInt(now.UnixMilli(), 10)
		sig, err := payment.CassoSign(k, ts, body)
		if err != nil {
			return fail(stderr, "pay simulate: %v", err)
		}
		b, _ := json.Marshal(body)
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/casso", strings.NewReader(string(b)))
		req.Header.Set("X-Casso-Signature", "t="+ts+",v1="+sig)
	case "payos":
		data := map[string]any{"orderCode": json.Number(*tx), "amount": json.Number(strconv.FormatInt(amount, 10)), "description": desc, "reference": "TF" + *tx,
			"transactionDateTime": now.Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account, "currency": "VND", "code": "00", "desc": "success"}
		body := map[string]any{"code": "00", "desc": "success", "success": true, "data": data, "signature": payment.PayOSSign(pick(*key, cfg.Payment.PayOSKey), data)}
		b, _ := json.Marshal(body)
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/payos", strings.NewReader(string(b)))
	case "sepay":
		k := pick(*key, cfg.Payment.SePayKey)
		b, _ := json.Marshal(map[string]any{"id": json.Number(*tx), "gateway": "SIM", "transactionDate": now.Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account,
			"code": nil, "content": desc, "transferType": "in", "transferAmount": amount, "referenceCode": "SIM" + *tx})
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/sepay", strings.NewReader(string(b)))
		if *hmacMode {
			ts := strconv.FormatInt(now.Unix(), 10)
			req.Header.Set("X-SePay-Timestamp", ts)
			req.Header.Set("X-SePay-Signature", "sha256="+payment.SePaySign(k, ts, b))
		} else {
			req.Header.Set("Authorization", "Apikey "+k)
		}
	default:
		return fail(stderr, "pay simulate: unknown source %q (casso, payos or sepay)", *source)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := (&http.Client{Timeout: *timeout}).Do(req)
	if err != nil {
		return fail(stderr, "pay simulate: %v (is the kiosk running with payment.listen = %q?)", err, cfg.Payment.Listen)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	fmt.Fprintf(stdout, "%s notice for %s (%d VND, tx %s, memo %q): HTTP %d %s\n", *source, ref, amount, *tx, desc, res.StatusCode, strings.TrimSpace(string(b)))
	if res.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
