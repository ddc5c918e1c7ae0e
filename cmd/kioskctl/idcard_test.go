package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/drivers/idcard/synth"
	"github.com/motcua/kiosk/drivers/sim/readersim"
)

// withStdin runs kioskctl with in on stdin.
func withStdin(t *testing.T, in string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(in)
	defer func() { stdin = old }()
	var out, errb bytes.Buffer
	code = dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestIdcardParse(t *testing.T) {
	g := synth.New(11)
	wantQR, qr := g.QR()
	wantMRZ, mrz := g.MRZ()
	mrzText := strings.Join(mrz[:], "\r\n") + "\r\n"
	for _, c := range []struct {
		name string
		in   string
		args []string
		want idcard.Identity
	}{
		{"qr with CRLF", qr + "\r\n", nil, wantQR},
		{"mrz lines", mrzText, nil, wantMRZ},
		{"mrz with --mode mrz", mrzText, []string{"--mode", "mrz"}, wantMRZ},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := withStdin(t, c.in, append([]string{"idcard", "parse"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %s", code, errs)
			}
			var got idcard.Identity
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if got != c.want {
				t.Error("parsed card differs from the generated one")
			}
			for _, k := range []string{"id_number", "old_id", "full_name", "date_of_birth", "sex", "address", "issue_date", "expiry_date", "source"} {
				if !strings.Contains(out, `"`+k+`":`) {
					t.Errorf("JSON lacks %q", k)
				}
			}
		})
	}
}

func TestIdcardParseRejects(t *testing.T) {
	_, qr := synth.New(12).QR()
	id := qr[:12]
	for _, c := range []struct {
		name, in string
		args     []string
		code     int
		want     string
	}{
		{"short dob", strings.Replace(qr, "|"+strings.Split(qr, "|")[3]+"|", "|1234567|", 1), nil, 1, "field 4 (date of birth)"},
		{"bad utf-8", qr[:30] + "\xff" + qr[30:], nil, 1, "invalid UTF-8"},
		{"qr given to --mode mrz", qr, []string{"--mode", "mrz"}, 1, "1 lines, want 3"},
		{"empty", "", nil, 1, "empty frame"},
		{"bad mode", qr, []string{"--mode", "nfc"}, 1, "mode"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := withStdin(t, c.in, append([]string{"idcard", "parse"}, c.args...)...)
			if code != c.code || out != "" {
				t.Fatalf("exit %d stdout %d bytes, want exit %d and nothing", code, len(out), c.code)
			}
			if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q: want one line mentioning %q", errs, c.want)
			}
			if strings.Contains(errs, id) || strings.Contains(errs, id[3:]) {
				t.Error("stderr holds the ID number")
			}
		})
	}
}

func TestIdcardSynth(t *testing.T) {
	for _, format := range []string{"qr", "mrz", "mixed"} {
		var out, errb bytes.Buffer
		if code := dispatch([]string{"idcard", "synth", "--n", "4", "--format", format, "--seed", "5"}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errb.String())
		}
		frames, err := readersim.ReadFrames(&out)
		if err != nil || len(frames) != 4 {
			t.Fatalf("%s: %d frames, %v", format, len(frames), err)
		}
		for i, f := range frames {
			id, err := idcard.Parse(f)
			if err != nil {
				t.Fatalf("%s frame %d: %v", format, i, err)
			}
			if want := map[string]string{"qr": "qr", "mrz": "mrz"}[format]; want != "" && id.Source != want {
				t.Errorf("%s frame %d: source %s", format, i, id.Source)
			}
		}
	}
	var out, errb bytes.Buffer
	if code := dispatch([]string{"idcard", "synth", "--format", "pdf"}, &out, &errb); code == 0 {
		t.Error("accepted --format pdf")
	}
}
