package idcard

import "testing"

func BenchmarkParseQR(b *testing.B) {
	for b.Loop() {
		if _, err := ParseQR(baseQR + "\r\n"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMRZ(b *testing.B) {
	for b.Loop() {
		if _, err := ParseMRZ(baseMRZ[:]); err != nil {
			b.Fatal(err)
		}
	}
}
