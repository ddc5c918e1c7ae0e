package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/dossier"
)

// stubLookup fails the listed codes with their error; others go to the simulator.
type stubLookup map[string]error

func (s stubLookup) Find(ctx context.Context, code string) (dossier.Status, error) {
	if err, ok := s[code]; ok {
		return dossier.Status{}, err
	}
	return dossier.Sim{}.Find(ctx, code)
}

func TestDossierLookupThroughCentre(t *testing.T) {
	url, kt, _ := startCentre(t) // Dossiers: nil → the centre's simulator
	code, out, errs := runCtl("dossier", "lookup", "--centre", url, "--token", kt, "--json", dossier.SampleReady)
	var got struct {
		Source string `json:"source"`
		dossier.Status
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if got.Source != "centre" || got.Code != dossier.SampleReady || got.Procedure != "Đăng ký khai sinh" || !got.Ready ||
		got.Owner != "Nguyễn V** A**" || got.ReceivedAt == nil || got.AppointmentAt == nil || got.CollectAt.VI == "" {
		t.Fatalf("status %+v", got)
	}
	if strings.Contains(out, "Văn An") {
		t.Fatalf("owner's name not masked: %s", out)
	}

	code, out, errs = runCtl("dossier", "lookup", "--centre", url, "--token", kt, dossier.SampleOverdue)
	if code != 0 || errs != "" {
		t.Fatalf("text: exit %d, stderr %q", code, errs)
	}
	for _, w := range []string{"Mã hồ sơ:", dossier.SampleOverdue, "Thủ tục:", "Chủ hồ sơ: Lê M** T**", "Ngày tiếp nhận:", "Ngày hẹn trả:",
		"Tình trạng: Đang giải quyết", "Đã quá ngày hẹn trả", "Kết quả: Chưa có"} {
		if !strings.Contains(oneLine(out), w) {
			t.Errorf("text lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "mô phỏng") {
		t.Errorf("an answer through the centre says simulator:\n%s", out)
	}
}

func TestDossierLookupSimulator(t *testing.T) {
	code, out, errs := runCtl("dossier", "lookup", dossier.SampleReady)
	if code != 0 || !strings.Contains(out, "mô phỏng") || !strings.Contains(out, "Đã có, nhận tại Quầy số 1") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, _ = runCtl("dossier", "lookup", "--json", dossier.SampleReturned)
	if code != 0 || !strings.Contains(out, `"source": "simulator"`) || !strings.Contains(out, `"completedAt"`) {
		t.Fatalf("json: exit %d, stdout %q", code, out)
	}
	if code, _, _ := runCtl("dossier", "lookup", "000.00.53.H48-250901-9999"); code != exitDossierNotFound {
		t.Fatalf("unknown code in the simulator: exit %d, want %d", code, exitDossierNotFound)
	}
}

func TestDossierLookupErrors(t *testing.T) {
	stub := stubLookup{
		"TIMEOUT-0001":   dossier.ErrTimeout,
		"NOCONFIG-0001":  dossier.ErrNotConfigured,
		"GARBAGE-0001":   dossier.ErrMalformed,
		"DOWN-000000001": dossier.ErrUnavailable,
	}
	url, kt, ct := startCentreWith(t, stub)
	lookup := func(token, code string) []string {
		return []string{"dossier", "lookup", "--centre", url, "--token", token, code}
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not found", lookup(kt, "000.00.53.H48-250901-9999"), exitDossierNotFound, "Không tìm thấy hồ sơ"},
		{"bad code", lookup(kt, "ab"), exitDossierBadCode, "Mã hồ sơ không đúng"},
		{"timeout", lookup(kt, "TIMEOUT-0001"), exitDossierTimeout, "chưa trả lời"},
		{"not configured", lookup(kt, "NOCONFIG-0001"), exitDossierNotConfigured, "Chưa thể tra cứu"},
		{"malformed", lookup(kt, "GARBAGE-0001"), exitDossierMalformed, "không đọc được"},
		{"unavailable", lookup(kt, "DOWN-000000001"), exitDossierUnavailable, "gián đoạn"},
		{"centre down", []string{"dossier", "lookup", "--centre", "http://127.0.0.1:1", "--token", kt, dossier.SampleReady}, exitDossierUnavailable, "unreachable"},
		{"bad token", lookup("mck_wrong-wrong-wrong-wrong", dossier.SampleReady), 1, "unknown or revoked"},
		{"counter token", lookup(ct, dossier.SampleReady), 1, "refused"},
		{"no token", []string{"dossier", "lookup", "--centre", url, "--token", "", dossier.SampleReady}, 2, "--token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCtl(tc.args...)
			if code != tc.code || out != "" || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and one line with %q", code, out, errs, tc.code, tc.want)
			}
		})
	}

	t.Run("rate limited", func(t *testing.T) {
		old := centre.DossierBurst
		centre.DossierBurst = 1
		defer func() { centre.DossierBurst = old }()
		url, kt, _ := startCentre(t)
		if code, _, errs := runCtl("dossier", "lookup", "--centre", url, "--token", kt, dossier.SampleReady); code != 0 {
			t.Fatalf("first lookup: exit %d, %s", code, errs)
		}
		code, _, errs := runCtl("dossier", "lookup", "--centre", url, "--token", kt, dossier.SampleReady)
		if code != exitDossierLimited || !strings.Contains(errs, "chờ một phút") {
			t.Fatalf("second lookup: exit %d, stderr %q; want %d", code, errs, exitDossierLimited)
		}
	})

	t.Run("usage", func(t *testing.T) {
		code, _, errs := runCtl("dossier", "lookup")
		if code != 2 || !strings.Contains(errs, "3 not found") {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
	})
}
