package idcard

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestParseDetects(t *testing.T) {
	mrz := strings.Join(baseMRZ[:], "\r\n") + "\r\n"
	tests := []struct {
		name   string
		in     string
		source string
		kind   error
	}{
		{"qr", baseQR + "\r\n", SourceQR, nil},
		{"mrz CRLF", mrz, SourceMRZ, nil},
		{"mrz CR only", strings.Join(baseMRZ[:], "\r"), SourceMRZ, nil},
		{"mrz blank lines around", "\n\n" + strings.Join(baseMRZ[:], "\n\n") + "\n", SourceMRZ, nil},
		{"mrz one 90-char line", strings.Join(baseMRZ[:], ""), SourceMRZ, nil},
		{"mrz two lines", strings.Join(baseMRZ[:2], "\n"), SourceMRZ, ErrFormat},
		{"mrz O/0", strings.Replace(mrz, "IDVNM09", "IDVNMO9", 1), SourceMRZ, ErrOCR},
		{"qr bad utf-8", baseQR[:20] + "\xff" + baseQR[20:], "", ErrEncoding},
		{"garbage", "\x1b[0m hello scanner v1.2", "", ErrUnrecognised},
		{"empty", "\r\n", "", ErrUnrecognised},
		{"digits only", "079090001234", "", ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Parse([]byte(tt.in))
			if tt.kind != nil {
				checkErr(t, err, tt.kind, -1, -1)
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if id.Source != tt.source {
				t.Errorf("source = %q, want %q", id.Source, tt.source)
			}
		})
	}
}

func TestIdentityMaskingAndWipe(t *testing.T) {
	id := baseQRIdentity
	if got := id.Masked(); got != "0790******34" {
		t.Errorf("Masked = %q", got)
	}
	if got := MaskID("12345"); got != "*****" {
		t.Errorf("MaskID short = %q", got)
	}
	var logBuf bytes.Buffer
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("scanned", "card", id, "ptr", &id)
	for _, s := range []string{fmt.Sprint(id), fmt.Sprintf("%v %+v %#v %s", &id, id, id, id), logBuf.String()} {
		noPersonal(t, s)
		if !strings.Contains(s, "0790******34") {
			t.Error("masked form missing from a printed identity")
		}
	}
	if p := id.Province(); p != "Hồ Chí Minh" {
		t.Errorf("Province = %q", p)
	}
	now := time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)
	if age, ok := id.Age(now); !ok || age != 34 {
		t.Errorf("Age day before birthday = %d,%v", age, ok)
	}
	if age, _ := id.Age(now.AddDate(0, 0, 1)); age != 35 {
		t.Errorf("Age on birthday = %d", age)
	}
	if err := id.CheckDates(now); err != nil {
		t.Errorf("CheckDates: %v", err)
	}
	if err := id.CheckDates(time.Date(2021, 5, 9, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("CheckDates accepted an issue date after now")
	}
	id.Wipe()
	if !id.Empty() {
		t.Errorf("after Wipe, fields left: %v", diffFields(id, Identity{}))
	}
}

func TestProvinceTable(t *testing.T) {
	codes := ProvinceCodes()
	if len(codes) != 63 || codes[0] != "001" || codes[len(codes)-1] != "096" {
		t.Fatalf("province table: %d codes, %v..%v", len(codes), codes[0], codes[len(codes)-1])
	}
	for _, c := range []string{"003", "005", "097", "000"} {
		if _, ok := ProvinceName(c); ok {
			t.Errorf("code %s should be unknown", c)
		}
	}
}

func TestFoldASCII(t *testing.T) {
	for in, want := range map[string]string{
		"Đặng Thị Ánh":     "DANG THI ANH",
		"Nguyễn Văn Ước":   "NGUYEN VAN UOC",
		"Hồ Ngọc Hà":       "HO NGOC HA",
		"Lý Thị \u00d0ào":  "LY THI DAO", // U+00D0 typed for Đ U+0110
		"Trần-Phạm O'Neil": "TRAN PHAM O NEIL",
	} {
		if got := FoldASCII(in); got != want {
			t.Errorf("FoldASCII(%q) = %q, want %q", in, got, want)
		}
	}
}
