package dossier

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var fixedNow = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, vnZone) }

func TestNormalizeCode(t *testing.T) {
	good := map[string]string{" 000.00.53.h48-220921-0099\r\n": "000.00.53.H48-220921-0099", "ABC123": "ABC123"}
	for in, want := range good {
		if got, err := NormalizeCode(in); err != nil || got != want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ABC12", strings.Repeat("A", 41), "ABC 123", "ABC/123", "Mã-123456", "A'; DROP"} {
		if _, err := NormalizeCode(bad); !errors.Is(err, ErrBadCode) {
			t.Errorf("NormalizeCode(%q) err = %v, want ErrBadCode", bad, err)
		}
	}
}

func TestMaskName(t *testing.T) {
	cases := map[string]string{"Nguyễn Văn An": "Nguyễn V** A**", "trần thị bích ngọc": "trần T** B** N**", "Huy": "H**", "  ": "", "Lê  ánh": "Lê Á**"}
	for in, want := range cases {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSim(t *testing.T) {
	s := Sim{Now: fixedNow}
	ctx := context.Background()
	r, err := s.Find(ctx, SampleReady)
	if err != nil || !r.Ready || r.CollectAt.VI == "" || r.Owner != "Nguyễn V** A**" || r.Overdue {
		t.Fatalf("ready sample: %+v %v", r, err)
	}
	p, _ := s.Find(ctx, strings.ToLower(SampleProgress))
	if p.Ready || p.Overdue || p.Step != StepProcessing {
		t.Fatalf("in-progress sample: %+v", p)
	}
	o, _ := s.Find(ctx, SampleOverdue)
	if !o.Overdue {
		t.Fatalf("overdue sample not overdue: %+v", o)
	}
	if _, err := s.Find(ctx, "000.00.53.H48-250901-9999"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown: %v", err)
	}
	if _, err := s.Find(ctx, "x"); !errors.Is(err, ErrBadCode) {
		t.Fatalf("bad code: %v", err)
	}
}

// adapterCase runs one adapter against a stand-in server.
type adapterCase struct {
	name    string
	handler http.HandlerFunc
	want    error
}

func runAdapter(t *testing.T, mk func(url string, timeout time.Duration) Lookup, good http.HandlerFunc, check func(t *testing.T, st Status)) {
	t.Helper()
	release := make(chan struct{})
	cases := []adapterCase{
		{"good", good, nil},
		{"unknown", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) }, ErrNotFound},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			case <-time.After(3 * time.Second):
			}
		}, ErrTimeout},
		{"malformed", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"content": [ {"code": `)) }, ErrMalformed},
		{"http500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }, ErrUnavailable},
		{"unauthorized", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) }, ErrNotConfigured},
	}
	defer close(release)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.handler)
			defer func() { srv.CloseClientConnections(); srv.Close() }()
			const timeout = 150 * time.Millisecond
			start := time.Now()
			st, err := mk(srv.URL, timeout).Find(context.Background(), " "+SampleReady+"\n")
			if c.want == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				check(t, st)
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if c.name == "timeout" && time.Since(start) > timeout+2*time.Second {
				t.Fatalf("the lookup outlived its deadline: %s", time.Since(start))
			}
		})
	}
}

func TestIGate(t *testing.T) {
	good := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/pa/dossier-search/dvc" || r.URL.Query().Get("code") != SampleReady || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "wrong request "+r.URL.String(), 400)
			return
		}
		w.Write([]byte(`{"content":[{"code":"000.00.53.H48-250901-0001","applicant":{"data":{"fullname":"Nguyễn Văn An"}},
		"procedure":{"translate":[{"languageId":228,"name":"Đăng ký khai sinh"}]},"statusCurrentTask":{"name":"Thẩm định hồ sơ"},
		"appliedDate":"2025-09-01T08:30:00.000+0700","appointmentDate":"2025-09-25T16:00:00.000+0700","completedDate":null}]}`))
	}
	runAdapter(t, func(url string, to time.Duration) Lookup {
		return &IGate{BaseURL: url + "/", Realm: "digo-h48", Token: "tok", Timeout: to, Now: fixedNow}
	}, good, func(t *testing.T, st Status) {
		if st.Procedure != "Đăng ký khai sinh" || st.Owner != "Nguyễn V** A**" || st.Ready || st.Overdue ||
			st.ReceivedAt == nil || st.ReceivedAt.Day() != 1 || st.AppointmentAt == nil || !strings.Contains(st.Step.VI, "Thẩm định") {
			t.Fatalf("status: %+v", st)
		}
	})
	if _, err := (&IGate{}).Find(context.Background(), SampleReady); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("unconfigured: %v", err)
	}
	// An empty page is "not found" too.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"content":[]}`)) }))
	defer srv.Close()
	if _, err := (&IGate{BaseURL: srv.URL, Token: "t"}).Find(context.Background(), SampleReady); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty page: %v", err)
	}
}

func TestDVCQG(t *testing.T) {
	good := func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		b.ReadFrom(r.Body)
		if r.Method != http.MethodPost || !strings.Contains(b.String(), `"TraCuuHoSo"`) || !strings.Contains(b.String(), SampleReady) {
			http.Error(w, "wrong request", 400)
			return
		}
		w.Write([]byte(`{"result":[{"MaHoSo":"000.00.53.H48-250901-0001","MaTTHC":"1.001193","SoBienNhan":"0001","ChuHoSo":"Trần Thị Bích Ngọc",
		"TrichYeuHoSo":"Đăng ký khai sinh cho con","NgayTiepNhan":"20250901083000","NgayHenTra":"20250915160000","NgayTra":"",
		"TrangThaiHoSo":"9","DonViXuLy":"UBND phường Hải Châu"}]}`))
	}
	runAdapter(t, func(url string, to time.Duration) Lookup {
		return &DVCQG{URL: url, Token: "tok", Timeout: to, Now: fixedNow, Procedures: func(c string) string {
			if c == "1.001193" {
				return "Đăng ký khai sinh"
			}
			return ""
		}}
	}, good, func(t *testing.T, st Status) {
		if st.Procedure != "Đăng ký khai sinh" || st.Owner != "Trần T** B** N**" || !st.Ready || st.Step != StepReady ||
			!strings.Contains(st.CollectAt.VI, "Hải Châu") || st.ReceivedAt == nil || st.ReceivedAt.Hour() != 8 || st.Overdue {
			t.Fatalf("status: %+v", st)
		}
	})
	for code, want := range map[string]Text{"5": StepSupplement, "10": StepReturned, "4": StepProcessing, "99": StepUnknown} {
		if got, _ := dvcqgStep(code); got != want {
			t.Errorf("step %s = %v", code, got)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"result":[]}`)) }))
	defer srv.Close()
	if _, err := (&DVCQG{URL: srv.URL}).Find(context.Background(), SampleReady); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty result: %v", err)
	}
}

// TestLoggedKeepsNothing: the log carries the code's length and the
// outcome, never the code, the name or the procedure.
func TestLoggedKeepsNothing(t *testing.T) {
	var buf bytes.Buffer
	l := Logged(Sim{Now: fixedNow}, slog.New(slog.NewTextHandler(&buf, nil)), "sim")
	if _, err := l.Find(context.Background(), SampleReady); err != nil {
		t.Fatal(err)
	}
	l.Find(context.Background(), "000.00.53.H48-250901-9999")
	l.Find(context.Background(), "bad code")
	out := buf.String()
	for _, leak := range []string{"H48", "250901", "Nguyễn", "khai sinh"} {
		if strings.Contains(out, leak) {
			t.Fatalf("log leaks %q:\n%s", leak, out)
		}
	}
	for _, want := range []string{"code_len=25", "outcome=found", "outcome=not_found", "outcome=bad_code"} {
		if !strings.Contains(out, want) {
			t.Fatalf("log lacks %q:\n%s", want, out)
		}
	}
}
