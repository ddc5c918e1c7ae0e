package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVietQRBuild(t *testing.T) {
	var out, errb bytes.Buffer
	pngPath := filepath.Join(t.TempDir(), "qr.png")
	code := dispatch([]string{"vietqr", "--bin", "970415", "--account", "0011001932418", "--amount", "120000", "--memo", "ung ho lu lut", "--png", pngPath}, &out, &errb)
	want := "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C\n"
	if code != 0 || out.String() != want {
		t.Fatalf("exit %d\n got %q\nwant %q\n%s", code, out.String(), want, errb.String())
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() > 560 || img.Bounds().Dx() < 400 {
		t.Fatalf("png: %v %v", img.Bounds(), err)
	}
	// A bank short name works for --bin; errors name the field.
	out.Reset()
	if code := dispatch([]string{"vietqr", "--bin", "TPBank", "--account", "0099999999"}, &out, &errb); code != 0 || !strings.HasSuffix(out.String(), "6304CBB4\n") {
		t.Fatalf("static by bank name: %d %q", code, out.String())
	}
	errb.Reset()
	if code := dispatch([]string{"vietqr", "--bin", "97041", "--account", "1"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "invalid bin") {
		t.Fatalf("bad bin: %d %s", code, errb.String())
	}
}

func TestVietQRParse(t *testing.T) {
	var out, errb bytes.Buffer
	payload := "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6"
	if code := dispatch([]string{"vietqr", "parse", payload}, &out, &errb); code != 0 {
		t.Fatalf("exit %d %s", code, errb.String())
	}
	for _, want := range []string{"VALID", "10.000 VND (Mười nghìn đồng)", "ACB (BIN 970416)", "account: 257678859", `memo: "Chuyen tien"`, "38.01.00", "acquirer BIN (bank): ACB"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := dispatch([]string{"vietqr", "--parse", payload[:len(payload)-1] + "7"}, &out, &errb); code != 1 || !strings.Contains(out.String(), "INVALID") || !strings.Contains(out.String(), "CRC") {
		t.Fatalf("bad CRC: %d %s", code, out.String())
	}
	out.Reset()
	if code := dispatch([]string{"vietqr", "parse", "--json", payload}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"bank": "ACB"`) {
		t.Fatalf("json: %d %s", code, out.String())
	}
}
