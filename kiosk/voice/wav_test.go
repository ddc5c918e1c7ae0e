package voice

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

// chunk is one RIFF chunk, padded to an even size.
func chunk(id string, body []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// riff wraps chunks in a RIFF WAVE header.
func riff(chunks ...[]byte) []byte {
	var body []byte
	for _, c := range chunks {
		body = append(body, c...)
	}
	b := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(4+len(body)))
	return append(append(b, "WAVE"...), body...)
}

// fmtBody is a fmt chunk body.
func fmtBody(tag, channels, rate, bits int) []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint16(b[0:], uint16(tag))
	binary.LittleEndian.PutUint16(b[2:], uint16(channels))
	binary.LittleEndian.PutUint32(b[4:], uint32(rate))
	binary.LittleEndian.PutUint32(b[8:], uint32(rate*channels*bits/8))
	binary.LittleEndian.PutUint16(b[12:], uint16(channels*bits/8))
	binary.LittleEndian.PutUint16(b[14:], uint16(bits))
	return b
}

func TestWAVRoundTrip(t *testing.T) {
	a := Audio{Format{22050, 1, 16}, []byte{1, 0, 2, 0, 0xff, 0xff}}
	got, err := ParseWAV(EncodeWAV(a))
	if err != nil {
		t.Fatal(err)
	}
	if got.Format != a.Format || string(got.Data) != string(a.Data) || got.Frames() != 3 {
		t.Errorf("round trip: %+v, want %+v", got, a)
	}
	if d := (Audio{Format{8000, 2, 16}, make([]byte, 8000*4*3/2)}).Duration(); d != 1500*time.Millisecond {
		t.Errorf("Duration = %v", d)
	}
}

func TestParseWAVChunks(t *testing.T) {
	data := []byte{1, 0, 2, 0}
	ext := append(fmtBody(waveExtensible, 1, 16000, 16), make([]byte, 24)...)
	binary.LittleEndian.PutUint16(ext[24:], wavePCM)
	good := []struct {
		name string
		file []byte
		rate int
	}{
		{"plain", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)), chunk("data", data)), 22050},
		{"LIST odd-size before data", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)), chunk("LIST", []byte("INFOabc")), chunk("data", data)), 22050},
		{"data before fmt, trailing chunk", riff(chunk("data", data), chunk("fmt ", fmtBody(1, 1, 44100, 16)), chunk("id3 ", []byte{9})), 44100},
		{"extensible PCM", riff(chunk("fmt ", ext), chunk("data", data)), 16000},
	}
	for _, c := range good {
		a, err := ParseWAV(c.file)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a.SampleRate != c.rate || string(a.Data) != string(data) {
			t.Errorf("%s: %+v", c.name, a)
		}
	}
	bad := []struct {
		name string
		file []byte
	}{
		{"empty", nil},
		{"not RIFF", []byte("RIFX\x00\x00\x00\x00WAVE")},
		{"no fmt", riff(chunk("data", data))},
		{"no data", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)))},
		{"8-bit", riff(chunk("fmt ", fmtBody(1, 1, 22050, 8)), chunk("data", data))},
		{"float", riff(chunk("fmt ", fmtBody(3, 1, 22050, 32)), chunk("data", data))},
		{"short fmt", riff(chunk("fmt ", []byte{1, 0}), chunk("data", data))},
		{"half a frame", riff(chunk("fmt ", fmtBody(1, 2, 22050, 16)), chunk("data", []byte{1, 0}))},
		{"truncated", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)), chunk("data", data))[:46]},
	}
	for _, c := range bad {
		if _, err := ParseWAV(c.file); !errors.Is(err, ErrWAV) {
			t.Errorf("%s: error %v, want ErrWAV", c.name, err)
		}
	}
}
