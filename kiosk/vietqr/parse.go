package vietqr

import (
	"fmt"
	"strconv"
	"strings"
)

// Field is one TLV field as read from a payload, with its meaning and, for
// templates (38, 62, 38.01), the fields inside.
type Field struct {
	ID      string  `json:"id"` // "38", or "38.01" when nested
	Value   string  `json:"value"`
	Meaning string  `json:"meaning"`
	Sub     []Field `json:"sub,omitempty"`
}

// Decoded is a checked payload: the payment it asks for, every field with
// its meaning, and warnings that do not make it unpayable but that the
// kiosk's own builder would never produce (staff should look twice).
type Decoded struct {
	Payment  Payment  `json:"payment"`
	Bank     string   `json:"bank"` // short name, or "" when the BIN is not in Banks
	Fields   []Field  `json:"fields"`
	Warnings []string `json:"warnings,omitempty"`
}

// splitTLV cuts s into ID(2) LEN(2 decimal digits) VALUE fields.
func splitTLV(s, prefix string) ([]Field, error) {
	var out []Field
	for i := 0; i < len(s); {
		if i+4 > len(s) {
			return nil, invalid(prefix+"?", "truncated field header at offset %d", i)
		}
		id, ln := s[i:i+2], s[i+2:i+4]
		if !isDigits(id) || !isDigits(ln) {
			return nil, invalid(prefix+id, "ID and length must be digits, got %q at offset %d", s[i:i+4], i)
		}
		n := int(ln[0]-'0')*10 + int(ln[1]-'0')
		if i+4+n > len(s) {
			return nil, invalid(prefix+id, "length %d runs past the end at offset %d", n, i)
		}
		out = append(out, Field{ID: prefix + id, Value: s[i+4 : i+4+n]})
		i += 4 + n
	}
	return out, nil
}

func index(fs []Field, prefix string) (map[string]string, error) {
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		id := strings.TrimPrefix(f.ID, prefix)
		if _, dup := m[id]; dup {
			return nil, invalid(f.ID, "appears twice")
		}
		m[id] = f.Value
	}
	return m, nil
}

var meanings = map[string]string{
	"00": "payload format indicator", "01": "point of initiation",
	"38": "merchant account (NAPAS)", "38.00": "NAPAS GUID", "38.01": "beneficiary",
	"38.01.00": "acquirer BIN (bank)", "38.01.01": "account or card number", "38.02": "service code",
	"53": "currency", "54": "amount (VND)", "58": "country", "59": "merchant name", "60": "city",
	"62": "additional data", "62.01": "bill number", "62.05": "reference label",
	"62.07": "terminal label", "62.08": "purpose (transfer memo)", "63": "CRC-16/CCITT-FALSE",
}

func explain(fs []Field) {
	for i := range fs {
		m, ok := meanings[fs[i].ID]
		if !ok {
			m = "not used by VietQR transfers (ignored)"
		}
		switch fs[i].ID {
		case "01":
			m += map[string]string{MethodStatic: ": static, payer types the amount", MethodDynamic: ": dynamic, one amount"}[fs[i].Value]
		case "38.02":
			m += map[string]string{ServiceAcct: ": transfer to an account", ServiceCard: ": transfer to a card"}[fs[i].Value]
		case "38.01.00":
			if b, ok := LookupBank(fs[i].Value); ok {
				m += ": " + b.Short
			}
		}
		fs[i].Meaning = m
		explain(fs[i].Sub)
	}
}

// Parse checks a payload and returns the payment it asks for.
func Parse(payload string) (Payment, error) {
	d, err := Decode(payload)
	return d.Payment, err
}

// Decode checks a payload (structure, CRC, NAPAS fields) and explains it.
// Hard errors (wrapping ErrInvalid): bad TLV, CRC mismatch or not last,
// missing or wrong 00/38/53/58, malformed BIN, account or amount. Over-long
// text fields are warnings: banks' own QR codes sometimes exceed our limits.
func Decode(payload string) (Decoded, error) {
	var d Decoded
	n := len(payload)
	if n < 8 || payload[n-8:n-4] != "6304" {
		return d, invalid("63", "the payload must end with the CRC field 6304XXXX")
	}
	want := CRCHex(payload[:n-4])
	if got := payload[n-4:]; got != want {
		if strings.ToUpper(got) != want {
			return d, invalid("63", "CRC is %s but the payload computes to %s (damaged or edited)", got, want)
		}
		d.Warnings = append(d.Warnings, "CRC written in lower case")
	}
	top, err := splitTLV(payload, "")
	if err != nil {
		return d, err
	}
	if top[0].ID != "00" {
		return d, invalid("00", "payload format indicator must come first")
	}
	m, err := index(top, "")
	if err != nil {
		return d, err
	}
	if m["00"] != "01" {
		return d, invalid("00", "payload format must be 01, got %q", m["00"])
	}
	if m["53"] != CurrencyVND {
		return d, invalid("53", "currency must be %s (VND), got %q", CurrencyVND, m["53"])
	}
	if m["58"] != CountryVN {
		return d, invalid("58", "country must be VN, got %q", m["58"])
	}
	p := &d.Payment
	for i := range top {
		f := &top[i]
		switch f.ID {
		case "38":
			if f.Sub, err = decodeAccount(f.Value, p); err != nil {
				return d, err
			}
		case "62":
			if f.Sub, err = splitTLV(f.Value, "62."); err != nil {
				return d, err
			}
			for _, s := range f.Sub {
				if s.ID == "62.08" {
					p.Purpose = s.Value
				}
			}
		}
	}
	if _, ok := m["38"]; !ok {
		return d, invalid("38", "no NAPAS merchant account field")
	}
	if a, ok := m["54"]; ok {
		if len(a) > MaxAmountLen || !isDigits(a) {
			return d, invalid("54", "amount must be whole VND, ≤ %d digits, got %q", MaxAmountLen, a)
		}
		p.Amount, _ = strconv.ParseInt(a, 10, 64)
	}
	switch method := m["01"]; {
	case method == MethodDynamic && p.Amount == 0:
		d.Warnings = append(d.Warnings, "dynamic QR (01=12) without an amount")
	case method == MethodStatic && p.Amount > 0:
		d.Warnings = append(d.Warnings, "static QR (01=11) that carries an amount")
	case method != MethodStatic && method != MethodDynamic:
		d.Warnings = append(d.Warnings, fmt.Sprintf("point of initiation %q is neither 11 nor 12", method))
	}
	p.Name, p.City = m["59"], m["60"]
	for _, c := range []struct {
		what, v string
		max     int
	}{{"purpose", p.Purpose, MaxPurpose}, {"name", p.Name, MaxName}, {"city", p.City, MaxCity}} {
		if len(c.v) > c.max {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s is %d characters (NAPAS limit %d)", c.what, len(c.v), c.max))
		}
		if Fold(c.v) != c.v {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s has characters some bank apps cannot show", c.what))
		}
	}
	if b, ok := LookupBank(p.BIN); ok {
		d.Bank = b.Short
	} else {
		d.Warnings = append(d.Warnings, fmt.Sprintf("BIN %s is not in the kiosk's bank list", p.BIN))
	}
	explain(top)
	d.Fields = top
	return d, nil
}

func decodeAccount(v string, p *Payment) ([]Field, error) {
	sub, err := splitTLV(v, "38.")
	if err != nil {
		return nil, err
	}
	m, err := index(sub, "38.")
	if err != nil {
		return nil, err
	}
	if m["00"] != GUID {
		return nil, invalid("38.00", "must be the NAPAS GUID %s, got %q", GUID, m["00"])
	}
	switch m["02"] {
	case ServiceAcct:
	case ServiceCard:
		p.Card = true
	default:
		return nil, invalid("38.02", "service must be %s or %s, got %q", ServiceAcct, ServiceCard, m["02"])
	}
	for i := range sub {
		if sub[i].ID != "38.01" {
			continue
		}
		if sub[i].Sub, err = splitTLV(sub[i].Value, "38.01."); err != nil {
			return nil, err
		}
		bm, err := index(sub[i].Sub, "38.01.")
		if err != nil {
			return nil, err
		}
		p.BIN, p.Account = bm["00"], bm["01"]
	}
	if len(p.BIN) != 6 || !isDigits(p.BIN) {
		return nil, invalid("38.01.00", "bank BIN must be 6 digits, got %q", p.BIN)
	}
	if len(p.Account) == 0 || len(p.Account) > MaxAccount || !isAlnum(p.Account) {
		return nil, invalid("38.01.01", "account must be 1-%d letters or digits, got %q", MaxAccount, p.Account)
	}
	return sub, nil
}
