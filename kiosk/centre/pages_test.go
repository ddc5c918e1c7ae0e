package centre

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var builtPages = fstest.MapFS{
	"display/index.html": {Data: []byte("<!doctype html><title>display</title>")},
	"counter/index.html": {Data: []byte("<!doctype html><title>counter</title>")},
	"rating/index.html":  {Data: []byte("<!doctype html><title>rating</title>")},
	"reports/index.html": {Data: []byte("<!doctype html><title>reports</title>")},
	"fleet/index.html":   {Data: []byte("<!doctype html><title>fleet</title>")},
	"assets/display.js":  {Data: []byte("console.log(1)")},
}

// token enrolls a device and returns its token.
func (c *testCentre) token(kind, name string) string {
	c.t.Helper()
	tok, _, err := device.Enroll(context.Background(), c.db, kind, name, time.Now())
	if err != nil {
		c.t.Fatal(err)
	}
	return tok
}

// noRedirect is an HTTP client that shows redirects instead of following them.
var noRedirect = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, url string, cookie string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: CookieDevice, Value: cookie})
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp, b.String()
}

func TestPagePairing(t *testing.T) {
	logs := &syncBuffer{}
	c := newCentreOpt(t, func(o *Options) {
		o.Pages = builtPages
		o.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	display := c.token(device.Display, "tv-1")
	counter := c.token(device.Counter, "quay-3")
	kiosk := c.token(device.Kiosk, "k-1")

	// Pairing: cookie, 303 to the page without the token, other params kept.
	resp, _ := get(t, c.url+"/rating/?counter=3&token="+display, "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/rating/?counter=3" {
		t.Fatalf("pairing: %d to %q; want 303 to /rating/?counter=3", resp.StatusCode, resp.Header.Get("Location"))
	}
	var ck *http.Cookie
	for _, k := range resp.Cookies() {
		if k.Name == CookieDevice {
			ck = k
		}
	}
	if ck == nil || ck.Value != display || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.Secure || ck.MaxAge != PairingDays*24*3600 {
		t.Fatalf("cookie %+v; want the token, HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP, kept 400 days", ck)
	}
	if resp, _ := get(t, c.url+"/display/?token="+display, ""); resp.Header.Get("Location") != "/display/" {
		t.Errorf("pairing without other params: to %q, want /display/", resp.Header.Get("Location"))
	}
	for _, p := range []struct{ path, tok, title string }{
		{"/display/", display, "display"}, {"/rating/?counter=3", display, "rating"},
		{"/counter/", counter, "counter"}, {"/reports/", counter, "reports"},
		{"/fleet/", counter, "fleet"},
	} {
		resp, body := get(t, c.url+p.path, p.tok)
		if resp.StatusCode != 200 || !strings.Contains(body, "<title>"+p.title+"</title>") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s with its cookie: %d %q", p.path, resp.StatusCode, body)
		}
	}

	// Refusals: the technician is told how to pair, in Vietnamese and English.
	for _, p := range []struct {
		path, cookie string
		status       int
		why          string
	}{
		{"/display/", "", 401, unpaired},
		{"/display/", "mcd_nope", 401, badToken},
		{"/display/?token=mcd_nope", "", 401, badToken},
		{"/display/", counter, 403, wrongKind},
		{"/display/?token=" + counter, "", 403, wrongKind},
		{"/counter/?token=" + display, "", 403, wrongKind},
		{"/reports/", display, 403, wrongKind},
		{"/fleet/", display, 403, wrongKind},
		{"/fleet/?token=" + kiosk, "", 403, wrongKind},
		{"/rating/", kiosk, 403, wrongKind},
	} {
		resp, body := get(t, c.url+p.path, p.cookie)
		if resp.StatusCode != p.status || !strings.Contains(body, `data-why="`+p.why+`"`) ||
			!strings.Contains(body, "motcua-centre enroll") || !strings.Contains(body, "Kỹ thuật viên") || !strings.Contains(body, "Technician") {
			t.Errorf("%s (cookie %q): %d %s; want %d %s with pairing help", p.path, p.cookie, resp.StatusCode, body, p.status, p.why)
		}
		if len(resp.Cookies()) != 0 {
			t.Errorf("%s: a refused pairing set a cookie", p.path)
		}
	}
	if resp, _ := get(t, c.url+"/display/other", display); resp.StatusCode != 404 {
		t.Errorf("/display/other: %d, want 404", resp.StatusCode)
	}
	if resp, body := get(t, c.url+"/assets/display.js", ""); resp.StatusCode != 200 || body != "console.log(1)" {
		t.Errorf("asset: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, c.url+"/assets/", ""); resp.StatusCode != 404 {
		t.Errorf("asset listing: %d, want 404", resp.StatusCode)
	}

	// The API takes the cookie when there is no Authorization header.
	if resp, body := get(t, c.url+PathHall, display); resp.StatusCode != 200 || !strings.Contains(body, `"counters"`) {
		t.Errorf("hall with the cookie: %d %s", resp.StatusCode, body)
	}
	resp, body := get(t, c.url+PathHall, "mcd_nope")
	var e Error
	if resp.StatusCode != 401 || json.Unmarshal([]byte(body), &e) != nil || e.Code != CodeBadToken || e.VI == "" || e.EN == "" {
		t.Errorf("hall with a bad cookie: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, c.url+PathHall, ""); resp.StatusCode != 401 {
		t.Errorf("hall without a token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, c.url+PathHall, nil)
	req.Header.Set("Authorization", "Bearer mcd_nope")
	req.AddCookie(&http.Cookie{Name: CookieDevice, Value: display})
	if resp, err := noRedirect.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("a bad Bearer token with a good cookie: %v %v; want 401 (the header wins)", resp.StatusCode, err)
	}

	log := logs.String()
	if !strings.Contains(log, "page paired") {
		t.Errorf("pairing not logged:\n%s", log)
	}
	for _, tok := range []string{display, counter, kiosk, "mcd_nope"} {
		if strings.Contains(log, tok) {
			t.Errorf("the log holds a token %q:\n%s", tok, log)
		}
	}
}

func TestPageSecureCookieUnderTLS(t *testing.T) {
	c := newCentreOpt(t, func(o *Options) { o.Pages = builtPages })
	display := c.token(device.Display, "tv-1")
	r := httptest.NewRequest(http.MethodGet, "https://centre/display/?token="+display, nil)
	r.TLS = &tls.ConnectionState{}
	w := httptest.NewRecorder()
	c.srv.Handler().ServeHTTP(w, r)
	ck := w.Result().Cookies()
	if w.Code != http.StatusSeeOther || len(ck) != 1 || !ck[0].Secure || !ck[0].HttpOnly {
		t.Fatalf("under TLS: %d, cookies %+v; want a Secure HttpOnly cookie", w.Code, ck)
	}
}

func TestPageNotBuilt(t *testing.T) {
	c := newCentreOpt(t, func(o *Options) { o.Pages = fstest.MapFS{".keep": {}} })
	display := c.token(device.Display, "tv-1")
	resp, body := get(t, c.url+"/display/", display)
	if resp.StatusCode != http.StatusServiceUnavailable || body != NotBuilt || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("unbuilt page: %d %q; want 503 %q", resp.StatusCode, body, NotBuilt)
	}
	// Pairing still works: the page says it is not built after the redirect.
	if resp, _ := get(t, c.url+"/display/?token="+display, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pairing an unbuilt page: %d", resp.StatusCode)
	}
}
