package readersim

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/idcard"
)

func TestReadFramesAndWire(t *testing.T) {
	in := "# comment\r\nA|B\r\n\r\n\r\nL1\nL2\nL3\n\n"
	frames, err := ReadFrames(strings.NewReader(in))
	if err != nil || len(frames) != 2 || string(frames[0]) != "A|B" || string(frames[1]) != "L1\nL2\nL3" {
		t.Fatalf("frames %q, %v", frames, err)
	}
	if got := string(Wire(frames[1], "\r")); got != "L1\rL2\rL3\r" {
		t.Errorf("Wire = %q", got)
	}
}

type sink struct{ sent []string }

func (s *sink) Send(p []byte) error { s.sent = append(s.sent, string(p)); return nil }

func TestEmulateGarble(t *testing.T) {
	var s sink
	var garbled []int
	err := Emulate(context.Background(), &s, Synthetic(3, FormatMixed), EmulateOptions{
		Every: time.Microsecond, Count: 4, Garble: true, Seed: 9,
		OnSend: func(n int, g bool) {
			if g {
				garbled = append(garbled, n)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	// 4 cards + one noise line before card 3.
	if len(s.sent) != 5 || len(garbled) != 1 || garbled[0] != 4 {
		t.Fatalf("sent %d writes, garbled %v", len(s.sent), garbled)
	}
	for i, w := range s.sent {
		_, err := idcard.Parse([]byte(w))
		bad := i == 2 || i == 4 // the noise line and the corrupted card
		if bad != (err != nil) {
			t.Errorf("write %d: parse error %v, want error=%v", i, err, bad)
		}
	}
	for seed := uint64(0); seed < 200; seed++ { // any card, any draw: corrupted means unreadable
		src := Synthetic(seed, FormatMixed)
		for k := 0; k < 2; k++ {
			f := src()
			Corrupt(f, rand.New(rand.NewPCG(seed, 2)))
			if _, err := idcard.Parse(f); err == nil {
				t.Fatalf("seed %d frame %d: corrupted card still parses", seed, k)
			}
		}
	}
	var e *idcard.Error
	if _, err := idcard.Parse([]byte(s.sent[4])); !errors.As(err, &e) {
		t.Errorf("corrupted card: %v", err)
	}
}
