package vietqr

import (
	"errors"
	"strings"
	"testing"
)

// Published vectors (FACTS.md) reproduce byte for byte.
func TestPublishedVectors(t *testing.T) {
	cases := []struct {
		p    Payment
		want string
	}{
		{Payment{BIN: "970415", Account: "0011001932418", Amount: 120000, Purpose: "ung ho lu lut"},
			"00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C"},
		{Payment{BIN: "970423", Account: "0099999999"},
			"00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"},
		{Payment{BIN: "970416", Account: "257678859", Amount: 10000, Purpose: "Chuyen tien"},
			"00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6"},
	}
	for _, c := range cases {
		got, err := Build(c.p)
		if err != nil || got != c.want {
			t.Errorf("Build(%+v)\n got %s %v\nwant %s", c.p, got, err, c.want)
		}
		back, err := Parse(c.want)
		if err != nil || back.BIN != c.p.BIN || back.Account != c.p.Account || back.Amount != c.p.Amount || back.Purpose != c.p.Purpose {
			t.Errorf("Parse(%s) = %+v %v", c.want, back, err)
		}
	}
}

func TestCRC(t *testing.T) {
	if got := CRC16("123456789"); got != 0x29B1 {
		t.Fatalf("CRC16 check value %04X", got)
	}
}

func TestValidation(t *testing.T) {
	ok := Payment{BIN: "970415", Account: "113366668888", Amount: 200000, Purpose: "Lệ phí KIOSK01 P7K3Q9X", Name: "TT PVHCC", City: "Hà Nội"}
	cases := []struct {
		edit  func(*Payment)
		field string
	}{
		{func(p *Payment) { p.BIN = "97041" }, "bin"},
		{func(p *Payment) { p.Account = "12345678901234567890" }, "account"},
		{func(p *Payment) { p.Account = "123-456" }, "account"},
		{func(p *Payment) { p.Amount = 12345678901234 }, "amount"},
		{func(p *Payment) { p.Purpose = strings.Repeat("x", 26) }, "purpose"},
		{func(p *Payment) { p.Name = strings.Repeat("x", 26) }, "name"},
		{func(p *Payment) { p.City = "Thành phố Hồ Chí Minh" }, "city"},
	}
	if s, err := Build(ok); err != nil || !strings.Contains(s, "Le phi KIOSK01 P7K3Q9X") {
		t.Fatalf("ok payment: %s %v", s, err)
	}
	for _, c := range cases {
		p := ok
		c.edit(&p)
		if _, err := Build(p); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: %v", c.field, err)
		}
	}
	// A tampered payload fails its CRC.
	s, _ := Build(ok)
	if _, err := Parse(strings.Replace(s, "200000", "100000", 1)); err == nil {
		t.Fatal("tampered amount accepted")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4")
	f.Add("6304")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err == nil {
			if _, err := Build(p); err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatal(err)
			}
		}
	})
}
