package vietqr

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"testing"
)

// The published vectors in FACTS.md reproduce byte for byte, and parse back.
var vectors = []struct {
	src  string
	p    Payment
	want string
}{
	{"subiz/vietqr README (dynamic)", Payment{BIN: "970415", Account: "0011001932418", Amount: 120000, Purpose: "ung ho lu lut"},
		"00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C"},
	{"subiz/vietqr tests (static)", Payment{BIN: "970423", Account: "0099999999"},
		"00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"},
	{"vietnam-qr-pay README", Payment{BIN: "970416", Account: "257678859", Amount: 10000, Purpose: "Chuyen tien"},
		"00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6"},
}

func TestPublishedVectors(t *testing.T) {
	for _, v := range vectors {
		got, err := Build(v.p)
		if err != nil || got != v.want {
			t.Errorf("%s: Build\n got %s (%v)\nwant %s", v.src, got, err, v.want)
		}
		back, err := Parse(v.want)
		if err != nil || back != v.p {
			t.Errorf("%s: Parse = %+v (%v), want %+v", v.src, back, err, v.p)
		}
	}
}

func TestCRC(t *testing.T) {
	if got := CRC16([]byte("123456789")); got != 0x29B1 {
		t.Fatalf("check value %04X, want 29B1", got)
	}
	if got := CRCHex("123456789"); got != "29B1" {
		t.Fatalf("CRCHex %s", got)
	}
	if got := CRC16(nil); got != 0xFFFF {
		t.Fatalf("empty input %04X, want the initial FFFF", got)
	}
	// The table matches the bitwise definition, and a CRC below 0x1000 keeps
	// its leading zero (the %X pitfall).
	padded := false
	for i := range 5000 {
		s := []byte(fmt.Sprintf("0002010102%d6304", i))
		if CRC16(s) != crc16Bitwise(s) {
			t.Fatalf("table and bitwise differ on %q", s)
		}
		if h := CRCHex(string(s)); CRC16(s) < 0x1000 {
			padded = true
			if len(h) != 4 || h[0] != '0' {
				t.Fatalf("CRC %04X written as %q", CRC16(s), h)
			}
		}
	}
	if !padded {
		t.Fatal("no CRC below 0x1000 among the samples: the padding case was not exercised")
	}
}

func TestBuildValidation(t *testing.T) {
	ok := Payment{BIN: "970415", Account: "113366668888", Amount: 200000, Purpose: "Lệ phí KIOSK01 P7K3Q9X", Name: "TT PVHCC", City: "Hà Nội"}
	s, err := Build(ok)
	if err != nil || !strings.Contains(s, "0822Le phi KIOSK01 P7K3Q9X") || !strings.Contains(s, "6006Ha Noi") {
		t.Fatalf("ok payment: %s %v", s, err)
	}
	cases := []struct {
		name  string
		edit  func(*Payment)
		field string
	}{
		{"BIN 5 digits", func(p *Payment) { p.BIN = "97041" }, "bin"},
		{"BIN 7 digits", func(p *Payment) { p.BIN = "9704150" }, "bin"},
		{"BIN letters", func(p *Payment) { p.BIN = "97041A" }, "bin"},
		{"account empty", func(p *Payment) { p.Account = "" }, "account"},
		{"account 20", func(p *Payment) { p.Account = strings.Repeat("1", 20) }, "account"},
		{"account dash", func(p *Payment) { p.Account = "123-456" }, "account"},
		{"account accented", func(p *Payment) { p.Account = "12Đ" }, "account"},
		{"amount negative", func(p *Payment) { p.Amount = -1 }, "amount"},
		{"amount 14 digits", func(p *Payment) { p.Amount = 10_000_000_000_000 }, "amount"},
		{"purpose 26", func(p *Payment) { p.Purpose = strings.Repeat("x", 26) }, "purpose"},
		{"purpose 26 after folding", func(p *Payment) { p.Purpose = "Lệ phí cấp phiếu lý lịch tư" }, "purpose"},
		{"name 26", func(p *Payment) { p.Name = strings.Repeat("x", 26) }, "name"},
		{"city 16", func(p *Payment) { p.City = "Thành phố Hồ Chí Minh" }, "city"},
	}
	for _, c := range cases {
		p := ok
		c.edit(&p)
		_, err := Build(p)
		var fe *FieldError
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s: got %v, want a %s error", c.name, err, c.field)
		}
	}
	// Edges that are allowed.
	for _, p := range []Payment{
		{BIN: "970415", Account: strings.Repeat("9", 19), Amount: 9_999_999_999_999, Purpose: strings.Repeat("y", 25), Name: strings.Repeat("n", 25), City: strings.Repeat("c", 15)},
		{BIN: "970415", Account: "ABC123", Card: true},
	} {
		s, err := Build(p)
		if err != nil {
			t.Errorf("%+v: %v", p, err)
			continue
		}
		if back, err := Parse(s); err != nil || back != p {
			t.Errorf("round trip %+v -> %+v %v", p, back, err)
		}
	}
}

func TestStaticAndDynamic(t *testing.T) {
	st, _ := Build(Payment{BIN: "970436", Account: "0123456789"})
	dy, _ := Build(Payment{BIN: "970436", Account: "0123456789", Amount: 50000})
	if !strings.HasPrefix(st, "000201010211") || strings.Contains(st, "5405") {
		t.Errorf("static: %s", st)
	}
	if !strings.HasPrefix(dy, "000201010212") || !strings.Contains(dy, "540550000") {
		t.Errorf("dynamic: %s", dy)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Lệ phí cấp phiếu LLTP": "Le phi cap phieu LLTP", "ĐỒNG đồng": "DONG dong", "  a\tb\n": "a b",
		"Nguyễn Thị Ánh": "Nguyen Thi Anh", "phí 50€": "phi 50", "Ưu tiên Ơ": "Uu tien O",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for i := range 300 {
		p := Payment{BIN: Banks[i%len(Banks)].BIN, Account: fmt.Sprintf("%0*d", 1+i%19, i*7919), Card: i%5 == 0}
		if i%3 != 0 {
			p.Amount = int64(i) * 1000
		}
		if i%2 == 0 {
			p.Purpose = fmt.Sprintf("KIOSK%02d P%06d", i%100, i)
		}
		if i%4 == 0 {
			p.Name, p.City = "TT PVHCC TINH", "HA NOI"
		}
		s, err := Build(p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		d, err := Decode(s)
		if err != nil || d.Payment != p || len(d.Warnings) != 0 {
			t.Fatalf("round trip %+v -> %+v %v %v", p, d.Payment, err, d.Warnings)
		}
	}
}

// raw builds an unvalidated static payload body (without the CRC digits).
func raw(bin, acct string) string {
	tlv := func(id, v string) string { return fmt.Sprintf("%s%02d%s", id, len(v), v) }
	return tlv("00", "01") + tlv("01", "11") + tlv("38", tlv("00", GUID)+tlv("01", tlv("00", bin)+tlv("01", acct))+tlv("02", ServiceAcct)) + "5303704" + "5802VN" + "6304"
}

func TestParseErrors(t *testing.T) {
	good := vectors[0].want
	withCRC := func(body string) string { return body + CRCHex(body) }
	body := good[:len(good)-4]
	cases := []struct {
		name, payload, field string
	}{
		{"empty", "", "63"},
		{"no CRC", body[:len(body)-4], "63"},
		{"CRC mismatch", body + "0000", "63"},
		{"tampered amount", strings.Replace(good, "120000", "100000", 1), "63"},
		{"bad length digit", withCRC("00020101X212" + body[12:]), "01"},
		{"negative length", withCRC("00-1" + body[4:]), "00"},
		{"length past end", withCRC("0002010102123899386304"), "38"},
		{"format not first", withCRC("010212000201" + body[12:]), "00"},
		{"wrong currency", withCRC(strings.Replace(body, "5303704", "5303840", 1)), "53"},
		{"wrong country", withCRC(strings.Replace(body, "5802VN", "5802TH", 1)), "58"},
		{"wrong GUID", withCRC(strings.Replace(body, "A000000727", "A000000728", 1)), "38.00"},
		{"wrong service", withCRC(strings.Replace(body, "QRIBFTTA", "QRPUSHXX", 1)), "38.02"},
		{"decimal amount", withCRC(strings.Replace(body, "5406120000", "54061200.0", 1)), "54"},
		{"duplicate tag", withCRC(strings.Replace(body, "5802VN", "5802VN5802VN", 1)), "58"},
		{"no account field", withCRC("0002010102115303704" + "5802VN6304"), "38"},
		{"short BIN", withCRC(raw("97041", "0011001932418")), "38.01.00"},
		{"account with a dash", withCRC(raw("970415", "0011-001932418")), "38.01.01"},
		{"account 20 digits", withCRC(raw("970415", strings.Repeat("1", 20))), "38.01.01"},
	}
	for _, c := range cases {
		_, err := Parse(c.payload)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s: %v, want a %s error", c.name, err, c.field)
		}
	}
}

func TestDecodeExplains(t *testing.T) {
	d, err := Decode(vectors[0].want)
	if err != nil {
		t.Fatal(err)
	}
	if d.Bank != "VietinBank" {
		t.Errorf("bank %q", d.Bank)
	}
	var flat []string
	var walk func([]Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			flat = append(flat, f.ID+"="+f.Meaning)
			walk(f.Sub)
		}
	}
	walk(d.Fields)
	all := strings.Join(flat, "\n")
	for _, want := range []string{"01=point of initiation: dynamic, one amount", "38.01.00=acquirer BIN (bank): VietinBank", "38.02=service code: transfer to an account", "62.08=purpose (transfer memo)", "63=CRC-16/CCITT-FALSE"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	// A bank's QR with an over-long memo and an unknown BIN parses with warnings.
	body := "00020101021138540010A00000072701240006999999011000999999990208QRIBFTTA53037045802VN6234" + "0830" + strings.Repeat("m", 30) + "6304"
	d, err = Decode(body + CRCHex(body))
	if err != nil || len(d.Warnings) != 2 {
		t.Fatalf("warnings: %v %v", d.Warnings, err)
	}
}

func TestPNGKeepsQuietZoneAndWholeModules(t *testing.T) {
	b, err := PNG(vectors[0].want, ScreenPixels)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	w := img.Bounds().Dx()
	if w > ScreenPixels || w < ScreenPixels*3/4 {
		t.Fatalf("width %d, want close to %d", w, ScreenPixels)
	}
	dark := func(x, y int) bool { r, _, _, _ := img.At(x, y).RGBA(); return r < 0x8000 }
	// Find the first dark pixel on the diagonal: the finder pattern's corner.
	first := -1
	for i := 0; i < w; i++ {
		if dark(i, i) {
			first = i
			break
		}
	}
	if first < 0 || first%4 != 0 {
		t.Fatalf("finder starts at %d px", first)
	}
	scale := first / 4 // quiet zone = 4 modules
	if scale < 8 || w%scale != 0 {
		t.Fatalf("module %d px in a %d px image", scale, w)
	}
	for x := 0; x < first; x++ {
		for y := 0; y < w; y++ {
			if dark(x, y) || dark(y, x) {
				t.Fatalf("dark pixel in the quiet zone at %d,%d", x, y)
			}
		}
	}
	u, err := DataURL(vectors[0].want, 300)
	if err != nil || !strings.HasPrefix(u, "data:image/png;base64,") {
		t.Fatalf("data URL: %.40s %v", u, err)
	}
}

func TestBanks(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range Banks {
		if len(b.BIN) != 6 || !isDigits(b.BIN) || seen[b.BIN] || b.Short == "" {
			t.Errorf("bad or duplicate entry %+v", b)
		}
		seen[b.BIN] = true
	}
	if BankName("970436") != "Vietcombank" || BankName("123456") != "123456" {
		t.Error("BankName")
	}
	if b, ok := BankByName("vietinbank"); !ok || b.BIN != "970415" {
		t.Error("BankByName")
	}
}

func FuzzDecode(f *testing.F) {
	for _, v := range vectors {
		f.Add(v.want)
	}
	f.Add("6304")
	f.Add("00-16304FFFF")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Decode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			return
		}
		// Whatever decodes cleanly and is within our limits rebuilds to a payload that decodes the same.
		if len(d.Warnings) == 0 {
			s2, err := Build(d.Payment)
			if err != nil {
				t.Fatalf("decoded %+v does not rebuild: %v", d.Payment, err)
			}
			if d2, err := Decode(s2); err != nil || d2.Payment != d.Payment {
				t.Fatalf("rebuild changed %+v -> %+v %v", d.Payment, d2.Payment, err)
			}
		}
	})
}

func BenchmarkBuild(b *testing.B) {
	p := Payment{BIN: "970415", Account: "113366668888", Amount: 200000, Purpose: "KIOSK01 P7K3Q9XA", Name: "TT PVHCC", City: "HA NOI"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildNaive is the baseline: fmt.Sprintf per field and the
// bit-at-a-time CRC, as most public code writes it.
func BenchmarkBuildNaive(b *testing.B) {
	p := Payment{BIN: "970415", Account: "113366668888", Amount: 200000, Purpose: "KIOSK01 P7K3Q9XA", Name: "TT PVHCC", City: "HA NOI"}
	tlv := func(id, v string) string { return fmt.Sprintf("%s%02d%s", id, len(v), v) }
	b.ReportAllocs()
	for b.Loop() {
		s := tlv("00", "01") + tlv("01", "12") + tlv("38", tlv("00", GUID)+tlv("01", tlv("00", p.BIN)+tlv("01", p.Account))+tlv("02", ServiceAcct)) +
			tlv("53", "704") + tlv("54", fmt.Sprint(p.Amount)) + tlv("58", "VN") + tlv("59", Fold(p.Name)) + tlv("60", Fold(p.City)) + tlv("62", tlv("08", Fold(p.Purpose))) + "6304"
		_ = s + fmt.Sprintf("%04X", crc16Bitwise([]byte(s)))
	}
}
