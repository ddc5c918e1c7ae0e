package centre

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
)

// A bank notice on /notify/ marks the payment paid; displays hear it.
func TestNotifyPays(t *testing.T) {
	c := newCentre(t, func(cfg *config.Config) { cfg.Payment.SePayKey = "sepay-test-key" })
	ctx := context.Background()
	kiosk := c.enroll(device.Kiosk, "k1")
	p, err := kiosk.CreatePayment(ctx, PaymentRequest{Purpose: "Lệ phí", Amount: 50000})
	if err != nil {
		t.Fatal(err)
	}
	display := follow(t, c.enroll(device.Display, "d1"), c.lastID())
	body := fmt.Sprintf(`{"id":9001,"transferType":"in","transferAmount":50000,"content":%q}`, p.Memo)
	req, _ := http.NewRequest(http.MethodPost, c.url+"/notify/sepay", strings.NewReader(body))
	req.Header.Set("Authorization", "Apikey sepay-test-key")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("notice answered %d", resp.StatusCode)
	}
	for {
		e := display.next(t)
		if e.Name != payment.EventUpdate {
			continue
		}
		var v payment.View
		if err := json.Unmarshal(e.Data, &v); err != nil || v.Ref != p.Ref || v.Status != payment.Paid || v.QRPng != "" {
			t.Fatalf("payment event: %s (%v)", e.Data, err)
		}
		break
	}
	if v, err := kiosk.Payment(ctx, p.Ref); err != nil || v.Status != payment.Paid {
		t.Fatalf("payment after the notice: %+v, %v", v.Payment, err)
	}
}

// A stream outlives the server's read and write timeouts: it keeps
// delivering events well past both.
func TestStreamOutlivesTimeouts(t *testing.T) {
	saved := []time.Duration{ReadTimeout, WriteTimeout}
	t.Cleanup(func() { ReadTimeout, WriteTimeout = saved[0], saved[1] })
	ReadTimeout, WriteTimeout = 200*time.Millisecond, 200*time.Millisecond
	c := newCentre(t)
	kiosk := c.enroll(device.Kiosk, "k1")
	disp := c.enroll(device.Display, "d1")
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.url+PathEvents, nil)
	req.Header.Set("Authorization", "Bearer "+disp.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("stream: %v %v", resp, err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	start := time.Now()
	for n := 0; time.Since(start) < time.Second; n++ { // 5× both timeouts
		// Short timeouts hit the kiosk's requests too on a busy machine:
		// it retries with the same key, as a kiosk does.
		key := fmt.Sprint("outlive-", n)
		_, err := kiosk.IssueTicket(ctx, IssueRequest{Service: "HT", Key: key})
		for try := 0; errors.Is(err, ErrUnreachable) && try < 20; try++ {
			_, err = kiosk.IssueTicket(ctx, IssueRequest{Service: "HT", Key: key})
		}
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for !got && sc.Scan() {
			got = sc.Text() == "event: "+queue.EventTicket
		}
		if !got {
			t.Fatalf("stream ended after %v and %d events: %v", time.Since(start), n, sc.Err())
		}
	}
}
