package payment

import (
	"crypto/rand"
	"strings"

	"github.com/motcua/kiosk/kiosk/vietqr"
)

// Reference codes look like "P7K3Q9XA": "P", six random characters and a
// check character, from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z,
// 5/S, 8/B) so they survive being read aloud or retyped in a bank app.
const refAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// RefLen is the length of a reference code.
const RefLen = 8

// NewRef makes a fresh reference (uniformly random, by rejection sampling).
func NewRef() string {
	b := []byte{'P'}
	var buf [16]byte
	for len(b) < RefLen-1 {
		rand.Read(buf[:]) // never fails (crypto/rand, Go ≥ 1.24)
		for _, x := range buf {
			if int(x) < 250 && len(b) < RefLen-1 { // 250 = 10 × 25: no modulo bias
				b = append(b, refAlphabet[int(x)%len(refAlphabet)])
			}
		}
	}
	return string(append(b, refCheck(string(b))))
}

// refWeights weigh the seven characters before the check character; the
// check character weighs 1. No weight is a multiple of 5, and neither is
// the difference of any two neighbours, so (modulo 25) every
// single-character error and every swap of two neighbours changes the sum.
var refWeights = [RefLen - 1]int{1, 2, 3, 4, 6, 7, 8}

// refCheck returns the character that makes the weighted sum of alphabet
// indices ≡ 0 (mod 25).
func refCheck(s string) byte {
	const n = len(refAlphabet)
	sum := 0
	for i := 0; i < len(s) && i < len(refWeights); i++ {
		sum += refWeights[i] * strings.IndexByte(refAlphabet, s[i])
	}
	return refAlphabet[(n-sum%n)%n]
}

// ValidRef checks shape, alphabet and check character.
func ValidRef(ref string) bool {
	if len(ref) != RefLen || ref[0] != 'P' {
		return false
	}
	for i := 1; i < RefLen; i++ {
		if strings.IndexByte(refAlphabet, ref[i]) < 0 {
			return false
		}
	}
	return refCheck(ref[:RefLen-1]) == ref[RefLen-1]
}

// FindRefs returns every valid reference in a transfer description, in
// order. Banks may change case, drop or add spaces, or wrap the memo in
// their own text ("MBVCB.123.KIOSK01P7K3Q9XA.CT tu ..."), so every position
// is tried, overlaps included.
func FindRefs(desc string) []string {
	up := strings.ToUpper(desc)
	var out []string
	for i := 0; i+RefLen <= len(up); i++ {
		if up[i] == 'P' && ValidRef(up[i:i+RefLen]) {
			out = append(out, up[i:i+RefLen])
		}
	}
	return out
}

// FindRef returns the first valid reference in desc, or "".
func FindRef(desc string) string {
	if r := FindRefs(desc); len(r) > 0 {
		return r[0]
	}
	return ""
}

// Memo is the transfer memo the QR pre-fills: the kiosk id (folded to ASCII
// letters and digits, ≤ 16) and the reference, e.g. "KIOSK01 P7K3Q9XA" (≤ 25,
// the VietQR purpose limit).
func Memo(kioskID, ref string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(vietqr.Fold(kioskID)) {
		if (r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') && b.Len() < 16 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ref
	}
	return b.String() + " " + ref
}
