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
	register("pay", "pay simulate REF AMOUNT: send a signed bank notice to the kiosk", subcommands("pay", map[string]func([]string, io.Writer, io.Writer) int{
		"simulate": paySimulate,
	}))
}

// paySimulate posts a correctly signed Casso v2 notice, as a bank transfer
// for REF would cause (or a payOS / SePay one).
func paySimulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pay simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "kiosk config (for the listen address and keys)")
	url := fs.String("url", "", "receiver base URL (default: http://<payment.listen>)")
	source := fs.String("source", "casso", "casso | payos | sepay")
	key := fs.String("key", "", "signing key (default: from the config)")
	tx := fs.String("tx", "", "bank transaction id (default: time-based)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 2 {
		return fail(stderr, "usage: kioskctl pay simulate [--source casso|payos|sepay] [--url URL] REF AMOUNT")
	}
	ref := fs.Arg(0)
	amount, err := strconv.ParseInt(fs.Arg(1), 10, 64)
	if err != nil {
		return fail(stderr, "pay simulate: amount %q is not a number", fs.Arg(1))
	}
	cfg, _, err := config.Load(config.Resolve(*cfgPath))
	if err != nil {
		return fail(stderr, "pay simulate: %v", err)
	}
	if *url == "" {
		*url = "http://" + cfg.Payment.Listen
	}
	if *tx == "" {
		*tx = strconv.FormatInt(time.Now().UnixNano()%1e12, 10)
	}
	desc := cfg.Kiosk.KioskID + " " + ref
	var req *http.Request
	switch *source {
	case "casso":
		k := pick(*key, cfg.Payment.CassoKey)
		body := map[string]any{"error": json.Number("0"), "data": map[string]any{"id": json.Number(*tx), "reference": "FT" + *tx, "description": desc,
			"amount": json.Number(strconv.FormatInt(amount, 10)), "transactionDateTime": time.Now().Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account}}
		ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
		sig, _ := payment.CassoSign(k, ts, body)
		b, _ := json.Marshal(body)
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/casso", strings.NewReader(string(b)))
		req.Header.Set("X-Casso-Signature", "t="+ts+",v1="+sig)
	case "payos":
		data := map[string]any{"orderCode": json.Number(*tx), "amount": json.Number(strconv.FormatInt(amount, 10)), "description": desc, "reference": "TF" + *tx,
			"transactionDateTime": time.Now().Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account, "currency": "VND"}
		body := map[string]any{"code": "00", "desc": "success", "success": true, "data": data, "signature": payment.PayOSSign(pick(*key, cfg.Payment.PayOSKey), data)}
		b, _ := json.Marshal(body)
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/payos", strings.NewReader(string(b)))
	case "sepay":
		b, _ := json.Marshal(map[string]any{"id": json.Number(*tx), "gateway": "SIM", "transactionDate": time.Now().Format("2006-01-02 15:04:05"), "accountNumber": cfg.Payment.Account,
			"content": desc, "transferType": "in", "transferAmount": amount, "referenceCode": "SIM" + *tx})
		req, _ = http.NewRequest(http.MethodPost, *url+"/notify/sepay", strings.NewReader(string(b)))
		req.Header.Set("Authorization", "Apikey "+pick(*key, cfg.Payment.SePayKey))
	default:
		return fail(stderr, "pay simulate: unknown source %q", *source)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fail(stderr, "pay simulate: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	fmt.Fprintf(stdout, "%s notice for %s (%d VND, tx %s): HTTP %d %s\n", *source, ref, amount, *tx, res.StatusCode, strings.TrimSpace(string(b)))
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
