package centre

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/dossier"
)

func TestDossierLookup(t *testing.T) {
	c := newCentre(t)
	kiosk := c.enroll(device.Kiosk, "k1")
	ctx := context.Background()
	st, err := kiosk.Dossier(ctx, strings.ToLower(dossier.SampleReady))
	if err != nil || !st.Ready || st.Owner != "Nguyễn V** A**" || st.Procedure == "" || st.CollectAt.VI == "" {
		t.Fatalf("sample dossier: %+v, %v", st, err)
	}
	for code, want := range map[string]struct {
		err    error
		status int
	}{
		"000.00.53.H48-250901-9999": {dossier.ErrNotFound, 404},
		"ab":                        {dossier.ErrBadCode, 400},
		"abc def 123":               {dossier.ErrBadCode, 400},
	} {
		_, err := kiosk.Dossier(ctx, code)
		var e *Error
		if !errors.Is(err, want.err) || !errors.As(err, &e) || e.Status != want.status || e.VI == "" || e.EN == "" {
			t.Fatalf("Dossier(%q): %v; want %v with vi/en text", code, err, want.err)
		}
	}
	counter := c.enroll(device.Counter, "c1")
	var e *Error
	if _, err := counter.Dossier(ctx, dossier.SampleReady); !errors.As(err, &e) || e.Code != CodeForbidden {
		t.Fatalf("counter device: %v; want forbidden", err)
	}
}

func TestDossierLimited(t *testing.T) {
	old := DossierBurst
	DossierBurst = 3
	t.Cleanup(func() { DossierBurst = old })
	c := newCentre(t)
	k1, k2 := c.enroll(device.Kiosk, "k1"), c.enroll(device.Kiosk, "k2")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		k1.Dossier(ctx, "000.00.53.H48-250901-999"+string(rune('0'+i)))
	}
	if _, err := k1.Dossier(ctx, dossier.SampleReady); !errors.Is(err, dossier.ErrLimited) {
		t.Fatalf("4th lookup in a minute: %v; want ErrLimited", err)
	}
	if _, err := k2.Dossier(ctx, dossier.SampleReady); err != nil {
		t.Fatalf("another kiosk is not limited: %v", err)
	}
}

// The centre's adapter failures reach the kiosk as the same typed errors.
func TestDossierAdapterFailures(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	}))
	defer func() { slow.CloseClientConnections(); slow.Close() }()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }))
	defer garbage.Close()
	for _, tc := range []struct {
		name   string
		lookup dossier.Lookup
		want   error
		status int
	}{
		{"not configured", &dossier.IGate{}, dossier.ErrNotConfigured, 501},
		{"timeout", &dossier.IGate{BaseURL: slow.URL, Token: "t", Timeout: 100 * time.Millisecond}, dossier.ErrTimeout, 504},
		{"malformed", &dossier.DVCQG{URL: garbage.URL}, dossier.ErrMalformed, 502},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCentre(t)
			c.srv.opt.Dossiers = tc.lookup
			_, err := c.enroll(device.Kiosk, "k1").Dossier(context.Background(), dossier.SampleReady)
			var e *Error
			if !errors.Is(err, tc.want) || !errors.As(err, &e) || e.Status != tc.status || e.VI == "" {
				t.Fatalf("err = %v; want %v (%d) with vi text", err, tc.want, tc.status)
			}
		})
	}
}
