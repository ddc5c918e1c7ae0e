// Package vietqr builds and checks VietQR payloads (EMVCo merchant-presented
// QR as NAPAS 247 uses it): TLV fields, CRC-16/CCITT-FALSE, static and
// dynamic forms, the receiving-bank list and a QR image sized for a phone
// camera. Pure functions, no I/O.
package vietqr

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/motcua/kiosk/drivers/vnfold"
)

// NAPAS constants.
const (
	GUID          = "A000000727" // NAPAS application identifier (tag 38.00)
	ServiceAcct   = "QRIBFTTA"   // inter-bank fund transfer to an account
	ServiceCard   = "QRIBFTTC"   // inter-bank fund transfer to a card
	CurrencyVND   = "704"        // ISO 4217 numeric
	CountryVN     = "VN"
	MethodStatic  = "11" // reusable QR, payer types the amount
	MethodDynamic = "12" // one amount, one payment
)

// Field limits (NAPAS profile of EMVCo).
const (
	MaxAccount   = 19
	MaxAmountLen = 13
	MaxPurpose   = 25
	MaxName      = 25
	MaxCity      = 15
	maxAmount    = 9_999_999_999_999 // 13 digits
)

// Payment is what the QR asks the payer's bank app to do.
type Payment struct {
	BIN     string // 6-digit acquirer BIN of the receiving bank
	Account string // 1..19 letters or digits
	Card    bool   // Account is a card number (QRIBFTTC)
	Amount  int64  // whole VND; 0 = static QR (payer types the amount)
	Purpose string // transfer memo (tag 62.08), folded to ASCII, ≤ 25
	Name    string // merchant (account) name, tag 59, ≤ 25, optional
	City    string // tag 60, ≤ 15, optional
}

// Static reports whether the payload leaves the amount to the payer.
func (p Payment) Static() bool { return p.Amount == 0 }

// ErrInvalid is wrapped by every validation and parse error; a FieldError
// names the field.
var ErrInvalid = errors.New("vietqr: invalid")

// FieldError says which field is wrong and why.
type FieldError struct {
	Field  string // bin, account, amount, purpose, name, city, or a tag like "38.01"
	Reason string
}

func (e *FieldError) Error() string { return "vietqr: invalid " + e.Field + ": " + e.Reason }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, a ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, a...)}
}

// Fold turns Vietnamese (or any Latin text) into printable ASCII for a bank
// memo: marks dropped, đ → d, anything else non-ASCII becomes a space, runs of
// spaces collapse. "Lệ phí cấp phiếu LLTP" → "Le phi cap phieu LLTP".
// It is vnfold.ASCII: the kiosk's one folding table.
func Fold(s string) string { return vnfold.ASCII(s) }

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Validate checks every field and returns the payment with its text fields
// folded to ASCII, as Build will encode them.
func Validate(p Payment) (Payment, error) {
	if len(p.BIN) != 6 || !isDigits(p.BIN) {
		return p, invalid("bin", "must be 6 digits, got %q", p.BIN)
	}
	if len(p.Account) == 0 || len(p.Account) > MaxAccount || !isAlnum(p.Account) {
		return p, invalid("account", "must be 1-%d letters or digits, got %q", MaxAccount, p.Account)
	}
	if p.Amount < 0 || p.Amount > maxAmount {
		return p, invalid("amount", "must be 0 (static) or 1..%d whole VND (≤ %d digits), got %d", int64(maxAmount), MaxAmountLen, p.Amount)
	}
	p.Purpose, p.Name, p.City = Fold(p.Purpose), Fold(p.Name), Fold(p.City)
	if len(p.Purpose) > MaxPurpose {
		return p, invalid("purpose", "at most %d characters after folding to ASCII, got %d (%q)", MaxPurpose, len(p.Purpose), p.Purpose)
	}
	if len(p.Name) > MaxName {
		return p, invalid("name", "at most %d characters after folding, got %d", MaxName, len(p.Name))
	}
	if len(p.City) > MaxCity {
		return p, invalid("city", "at most %d characters after folding, got %d", MaxCity, len(p.City))
	}
	return p, nil
}

// appendTLV writes ID, two-digit length, value. Values here are ≤ 99 bytes by
// construction (Validate bounds every variable part).
func appendTLV(b []byte, id, v string) []byte {
	b = append(b, id...)
	b = append(b, byte('0'+len(v)/10), byte('0'+len(v)%10))
	return append(b, v...)
}

// Build validates p and returns the payload, CRC included. Amount 0 gives the
// static form (01=11, no tag 54); otherwise the dynamic form (01=12).
func Build(p Payment) (string, error) {
	p, err := Validate(p)
	if err != nil {
		return "", err
	}
	service, method := ServiceAcct, MethodStatic
	if p.Card {
		service = ServiceCard
	}
	if p.Amount > 0 {
		method = MethodDynamic
	}
	var scratch [64]byte
	ben := appendTLV(appendTLV(scratch[:0], "00", p.BIN), "01", p.Account)
	var acct [96]byte
	ma := appendTLV(appendTLV(appendTLV(acct[:0], "00", GUID), "01", string(ben)), "02", service)

	b := make([]byte, 0, 160)
	b = appendTLV(b, "00", "01")
	b = appendTLV(b, "01", method)
	b = appendTLV(b, "38", string(ma))
	b = appendTLV(b, "53", CurrencyVND)
	if p.Amount > 0 {
		b = appendTLV(b, "54", strconv.FormatInt(p.Amount, 10))
	}
	b = appendTLV(b, "58", CountryVN)
	if p.Name != "" {
		b = appendTLV(b, "59", p.Name)
	}
	if p.City != "" {
		b = appendTLV(b, "60", p.City)
	}
	if p.Purpose != "" {
		var add [32]byte
		b = appendTLV(b, "62", string(appendTLV(add[:0], "08", p.Purpose)))
	}
	b = append(b, "6304"...)
	b = appendHex4(b, CRC16(b))
	return string(b), nil
}

const hexUpper = "0123456789ABCDEF"

// appendHex4 writes v as exactly four upper-case hex digits (zero-padded).
func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexUpper[v>>12], hexUpper[v>>8&0xF], hexUpper[v>>4&0xF], hexUpper[v&0xF])
}

// CRCHex is the CRC of s as the four upper-case hex digits tag 63 carries.
func CRCHex(s string) string { return string(appendHex4(nil, CRC16([]byte(s)))) }
