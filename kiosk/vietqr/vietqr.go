// Package vietqr builds and checks VietQR payloads (EMVCo merchant-presented
// QR as NAPAS 247 uses it): TLV fields, CRC-16/CCITT-FALSE, static and
// dynamic forms. Pure functions.
package vietqr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
	"unicode"
)

// NAPAS constants.
const (
	GUID         = "A000000727"
	ServiceAcct  = "QRIBFTTA" // transfer to an account
	ServiceCard  = "QRIBFTTC" // transfer to a card
	CurrencyVND  = "704"
	CountryVN    = "VN"
	maxAmountLen = 13
)

// Payment is what the QR asks the payer's bank app to do.
type Payment struct {
	BIN     string // 6-digit acquirer BIN
	Account string // ≤ 19 letters or digits
	Card    bool   // account is a card number
	Amount  int64  // whole VND; 0 = static QR (payer types the amount)
	Purpose string // transfer memo, folded to ASCII, ≤ 25
	Name    string // merchant name ≤ 25 (optional)
	City    string // ≤ 15 (optional)
}

var (
	binRe     = regexp.MustCompile(`^[0-9]{6}$`)
	accountRe = regexp.MustCompile(`^[0-9A-Za-z]{1,19}$`)
)

// Field errors name the field.
var ErrInvalid = errors.New("vietqr: invalid")

func invalid(field, format string, a ...any) error {
	return fmt.Errorf("%w %s: %s", ErrInvalid, field, fmt.Sprintf(format, a...))
}

// Fold turns Vietnamese into plain ASCII (đ → d, marks dropped) for bank memos.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case r < 128 && (unicode.IsPrint(r)):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func tlv(id, v string) string { return fmt.Sprintf("%s%02d%s", id, len(v), v) }

// Build returns the payload string after validating every field.
func Build(p Payment) (string, error) {
	if !binRe.MatchString(p.BIN) {
		return "", invalid("bin", "must be 6 digits, got %q", p.BIN)
	}
	if !accountRe.MatchString(p.Account) {
		return "", invalid("account", "must be 1-19 letters or digits, got %q", p.Account)
	}
	if p.Amount < 0 || len(strconv.FormatInt(p.Amount, 10)) > maxAmountLen {
		return "", invalid("amount", "must be 0..13 digits of whole VND, got %d", p.Amount)
	}
	purpose, name, city := Fold(p.Purpose), Fold(p.Name), Fold(p.City)
	if len(purpose) > 25 {
		return "", invalid("purpose", "at most 25 characters after folding, got %d", len(purpose))
	}
	if len(name) > 25 {
		return "", invalid("name", "at most 25 characters, got %d", len(name))
	}
	if len(city) > 15 {
		return "", invalid("city", "at most 15 characters, got %d", len(city))
	}
	service := ServiceAcct
	if p.Card {
		service = ServiceCard
	}
	method := "11"
	if p.Amount > 0 {
		method = "12"
	}
	var b strings.Builder
	b.WriteString(tlv("00", "01"))
	b.WriteString(tlv("01", method))
	b.WriteString(tlv("38", tlv("00", GUID)+tlv("01", tlv("00", p.BIN)+tlv("01", p.Account))+tlv("02", service)))
	b.WriteString(tlv("53", CurrencyVND))
	if p.Amount > 0 {
		b.WriteString(tlv("54", strconv.FormatInt(p.Amount, 10)))
	}
	b.WriteString(tlv("58", CountryVN))
	if name != "" {
		b.WriteString(tlv("59", name))
	}
	if city != "" {
		b.WriteString(tlv("60", city))
	}
	if purpose != "" {
		b.WriteString(tlv("62", tlv("08", purpose)))
	}
	b.WriteString("6304")
	return b.String() + fmt.Sprintf("%04X", CRC16(b.String()+"")), nil
}

// CRC16 is CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no xorout.
func CRC16(s string) uint16 {
	crc := uint16(0xFFFF)
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for b := 0; b < 8; b++ {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// Field is one parsed TLV field.
type Field struct {
	ID    string
	Value string
}

func parseTLV(s string) ([]Field, error) {
	var out []Field
	for i := 0; i < len(s); {
		if i+4 > len(s) {
			return nil, fmt.Errorf("%w: truncated field at %d", ErrInvalid, i)
		}
		n, err := strconv.Atoi(s[i+2 : i+4])
		if err != nil || i+4+n > len(s) {
			return nil, fmt.Errorf("%w: bad length for field %s at %d", ErrInvalid, s[i:i+2], i)
		}
		out = append(out, Field{s[i : i+2], s[i+4 : i+4+n]})
		i += 4 + n
	}
	return out, nil
}

// Parse checks a payload (structure, CRC, NAPAS fields) and reads it back.
func Parse(payload string) (Payment, error) {
	var p Payment
	if len(payload) < 8 || payload[len(payload)-8:len(payload)-4] != "6304" {
		return p, fmt.Errorf("%w: no CRC field at the end", ErrInvalid)
	}
	want := fmt.Sprintf("%04X", CRC16(payload[:len(payload)-4]))
	if got := strings.ToUpper(payload[len(payload)-4:]); got != want {
		return p, fmt.Errorf("%w: CRC %s, computed %s", ErrInvalid, got, want)
	}
	fields, err := parseTLV(payload)
	if err != nil {
		return p, err
	}
	seen := map[string]string{}
	for _, f := range fields {
		seen[f.ID] = f.Value
	}
	if seen["00"] != "01" {
		return p, invalid("00", "payload format must be 01")
	}
	if seen["53"] != CurrencyVND || seen["58"] != CountryVN {
		return p, invalid("53/58", "must be VND (704) in VN")
	}
	acct, err := parseTLV(seen["38"])
	if err != nil {
		return p, err
	}
	m := map[string]string{}
	for _, f := range acct {
		m[f.ID] = f.Value
	}
	if m["00"] != GUID {
		return p, invalid("38.00", "not the NAPAS GUID")
	}
	ben, err := parseTLV(m["01"])
	if err != nil {
		return p, err
	}
	for _, f := range ben {
		switch f.ID {
		case "00":
			p.BIN = f.Value
		case "01":
			p.Account = f.Value
		}
	}
	p.Card = m["02"] == ServiceCard
	if a := seen["54"]; a != "" {
		if p.Amount, err = strconv.ParseInt(a, 10, 64); err != nil {
			return p, invalid("54", "amount %q", a)
		}
	}
	p.Name, p.City = seen["59"], seen["60"]
	if add := seen["62"]; add != "" {
		ad, err := parseTLV(add)
		if err != nil {
			return p, err
		}
		for _, f := range ad {
			if f.ID == "08" {
				p.Purpose = f.Value
			}
		}
	}
	if !binRe.MatchString(p.BIN) || !accountRe.MatchString(p.Account) {
		return p, invalid("38.01", "bank BIN %q or account %q malformed", p.BIN, p.Account)
	}
	return p, nil
}

// Bank is one bank in the SBV list.
type Bank struct{ BIN, Short string }

// Banks are the common receiving banks (BINs from the SBV list).
var Banks = []Bank{
	{"970436", "Vietcombank"}, {"970415", "VietinBank"}, {"970418", "BIDV"}, {"970405", "Agribank"}, {"970422", "MB"},
	{"970407", "Techcombank"}, {"970416", "ACB"}, {"970432", "VPBank"}, {"970423", "TPBank"}, {"970403", "Sacombank"},
	{"970441", "VIB"}, {"970437", "HDBank"}, {"970443", "SHB"}, {"970426", "MSB"}, {"970448", "OCB"}, {"970431", "Eximbank"},
	{"970440", "SeABank"}, {"970449", "LPBank"}, {"970454", "BVBank"}, {"970428", "Nam A Bank"}, {"970429", "SCB"},
	{"970419", "NCB"}, {"970425", "ABBank"},
}

// BankName returns the short name for a BIN.
func BankName(bin string) string {
	for _, b := range Banks {
		if b.BIN == bin {
			return b.Short
		}
	}
	return bin
}
