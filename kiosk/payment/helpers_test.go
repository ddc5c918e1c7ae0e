package payment_test

import (
	"bytes"
	"context"
	"encoding/json"
	. "github.com/motcua/kiosk/kiosk/payment"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fakePrinter records documents; fail makes the next prints fail.
type fakePrinter struct {
	mu   sync.Mutex
	docs []doc.Doc
	fail error
}

func (f *fakePrinter) Print(_ context.Context, d doc.Doc) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.docs = append(f.docs, d)
	return nil
}
func (f *fakePrinter) Status(context.Context) (doc.Status, error) {
	return doc.Status{Online: true}, nil
}
func (f *fakePrinter) printed() []doc.Doc {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]doc.Doc(nil), f.docs...)
}

// syncBuf is a goroutine-safe log sink.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

type rig struct {
	svc *Service
	l   *Ledger
	db  *sqlite.DB
	clk *clock
	srv *httptest.Server
	ev  *events.Recorder
	pr  *fakePrinter
	log *syncBuf
}

var testCfg = config.Payment{Enabled: true, BankBIN: "970415", Account: "113366668888", AccountName: "TT PVHCC MAU", City: "HA NOI",
	ExpiryMinutes: 15, Listen: "127.0.0.1:0", CassoKey: "casso-key", PayOSKey: "payos-key", SePayKey: "sepay-key"}

func newRig(t testing.TB, path string) *rig {
	t.Helper()
	if path == "" {
		path = sqlite.Memory
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &rig{db: db, clk: &clock{t: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}, ev: &events.Recorder{}, pr: &fakePrinter{}, log: &syncBuf{}}
	r.svc = NewService(db, testCfg, "KIOSK-01", r.pr, r.ev, r.clk.now)
	r.svc.Log = slog.New(slog.NewTextHandler(r.log, nil))
	r.svc.Centre = "TT PVHCC tỉnh (mẫu)"
	r.l = r.svc.Ledger()
	r.srv = httptest.NewServer(r.svc.Receiver())
	t.Cleanup(r.srv.Close)
	t.Cleanup(r.svc.Wait)
	return r
}

func (r *rig) status(t testing.TB, ref string) Payment {
	t.Helper()
	p, err := r.db.Payment(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (r *rig) notices(t testing.TB) string {
	t.Helper()
	rows, err := r.db.Query(`SELECT source, tx_id, verdict FROM payment_notices ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s, tx, v string
		rows.Scan(&s, &tx, &v)
		out = append(out, s+":"+tx+":"+v)
	}
	return strings.Join(out, " ")
}

func cassoBody(tx string, amount int64, desc string) map[string]any {
	return map[string]any{"error": json.Number("0"), "data": map[string]any{"id": json.Number(tx), "reference": "FT" + tx, "description": desc,
		"amount": json.Number(strconv.FormatInt(amount, 10)), "transactionDateTime": "2026-11-22 16:01:00", "accountNumber": "113366668888",
		"counterAccountName": "NGUYEN VAN A", "counterAccountNumber": "0987654321"}}
}

// cassoRequest signs body with key at time at (the payer data in the body
// must never reach the store).
func cassoRequest(t testing.TB, url, key string, at time.Time, body map[string]any) *http.Request {
	t.Helper()
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	sig, err := CassoSign(key, ts, body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(body) // Go sorts map keys: same canonical form
	req, _ := http.NewRequest(http.MethodPost, url+"/notify/casso", bytes.NewReader(b))
	req.Header.Set("X-Casso-Signature", "t="+ts+",v1="+sig)
	req.Header.Set("Content-Type", "application/json")
	return req
}

func do(t testing.TB, req *http.Request) int {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func (r *rig) postCasso(t testing.TB, key string, at time.Time, tx string, amount int64, desc string) int {
	t.Helper()
	return do(t, cassoRequest(t, r.srv.URL, key, at, cassoBody(tx, amount, desc)))
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
