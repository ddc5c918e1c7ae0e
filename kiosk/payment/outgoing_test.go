package payment_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	. "github.com/motcua/kiosk/kiosk/payment"
)

// sender builds a signed request for one provider: amount and transferType
// ("" leaves the field out) as the provider would send them.
type sender func(t testing.TB, r *rig, tx string, amount int64, transferType, memo string) *http.Request

func cassoSender(t testing.TB, r *rig, tx string, amount int64, tt, memo string) *http.Request {
	body := cassoBody(tx, amount, memo)
	if tt != "" {
		body["data"].(map[string]any)["transferType"] = tt
	}
	return cassoRequest(t, r.srv.URL, "casso-key", r.clk.now(), body)
}

func payosSender(t testing.TB, r *rig, tx string, amount int64, tt, memo string) *http.Request {
	data := map[string]any{"orderCode": json.Number(tx), "amount": json.Number(strconv.FormatInt(amount, 10)), "description": memo,
		"reference": "TF" + tx, "accountNumber": "113366668888", "currency": "VND", "code": "00", "desc": "success"}
	if tt != "" {
		data["transferType"] = tt
	}
	b, _ := json.Marshal(map[string]any{"code": "00", "desc": "success", "success": true, "data": data, "signature": PayOSSign("payos-key", data)})
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/notify/payos", strings.NewReader(string(b)))
	return req
}

func sepaySender(t testing.TB, r *rig, tx string, amount int64, tt, memo string) *http.Request {
	if tt == "" {
		tt = "in"
	}
	b := fmt.Sprintf(`{"id":%s,"gateway":"VietinBank","accountNumber":"113366668888","code":null,"content":%q,"transferType":%q,"transferAmount":%d}`, tx, memo, tt, amount)
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/notify/sepay", strings.NewReader(b))
	req.Header.Set("Authorization", "Apikey sepay-key")
	return req
}

// An outgoing transfer naming the reference is acknowledged, logged,
// recorded nowhere and leaves the payment alone: the genuine incoming one
// that follows pays it.
func TestOutgoingTransferIgnored(t *testing.T) {
	cases := []struct {
		name   string
		send   sender
		amount int64  // of the outgoing notice
		tt     string // its transferType
	}{
		{"casso negative amount", cassoSender, -200000, ""},
		{"casso transferType out", cassoSender, 200000, "out"},
		{"payos negative amount", payosSender, -200000, ""},
		{"payos transferType out", payosSender, 200000, "out"},
		{"sepay transferType out", sepaySender, 200000, "out"},
		{"sepay negative amount", sepaySender, -200000, "in"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			r := newRig(t, "")
			v, err := r.svc.Create(ctx, "fee", 200000, "")
			if err != nil {
				t.Fatal(err)
			}
			out := fmt.Sprint(700 + 2*i)
			if code := do(t, c.send(t, r, out, c.amount, c.tt, v.Memo)); code != http.StatusOK {
				t.Fatalf("outgoing: HTTP %d, want 200", code)
			}
			if p := r.status(t, v.Ref); p.Status != Awaiting || p.BankTx != "" {
				t.Fatalf("outgoing touched the payment: %+v", p)
			}
			if got := r.notices(t); got != "" {
				t.Fatalf("outgoing recorded: %s", got)
			}
			if !strings.Contains(r.log.String(), "ignored: outgoing transfer") {
				t.Fatalf("log lacks the reason: %s", r.log.String())
			}
			in := fmt.Sprint(701 + 2*i)
			if code := do(t, c.send(t, r, in, 200000, "", v.Memo)); code != http.StatusOK {
				t.Fatalf("incoming: HTTP %d", code)
			}
			r.svc.Wait()
			if p := r.status(t, v.Ref); p.Status != Paid || !strings.HasSuffix(p.BankTx, in) {
				t.Fatalf("genuine transfer after an outgoing one: %+v", p)
			}
		})
	}
}

// The ledger refuses a non-positive amount whoever calls it.
func TestApplyRefusesOutgoing(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, "")
	v, _ := r.svc.Create(ctx, "fee", 5000, "")
	_, err := r.l.Apply(ctx, Notice{Source: "sim", TxID: "o1", Amount: -5000, Description: v.Memo})
	if err == nil || !strings.Contains(err.Error(), "outgoing") {
		t.Fatalf("negative amount: %v", err)
	}
	if p := r.status(t, v.Ref); p.Status != Awaiting || r.notices(t) != "" {
		t.Fatalf("after refused notice: %+v %s", p, r.notices(t))
	}
}
