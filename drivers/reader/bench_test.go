package reader

import (
	"strings"
	"testing"

	"github.com/motcua/kiosk/drivers/idcard/synth"
)

// BenchmarkAssembleAndDecode: bytes of one MRZ burst in 8-byte reads to a
// parsed event.
func BenchmarkAssembleAndDecode(b *testing.B) {
	_, l := synth.New(1).MRZ()
	burst := []byte(strings.Join(l[:], "\r\n") + "\r\n")
	a := NewAssembler(Options{})
	for b.Loop() {
		var n int
		for i := 0; i < len(burst); i += 8 {
			for _, f := range a.Feed(burst[i:min(i+8, len(burst))], t0) {
				if ev := Decode(ModeAuto, f, t0); ev.Err != nil {
					b.Fatal(ev.Err)
				}
				n++
			}
		}
		if n != 1 {
			b.Fatalf("%d events", n)
		}
	}
}
