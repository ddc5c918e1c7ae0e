package voice

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Format is the PCM format of a clip or a call. Packs hold 16-bit PCM only.
type Format struct {
	SampleRate int // frames per second
	Channels   int // 1 (mono) or 2
	Bits       int // bits per sample, 16
}

// FrameSize is the bytes of one frame (one sample of every channel).
func (f Format) FrameSize() int { return f.Channels * f.Bits / 8 }

// String is like "22050 Hz, 1 ch, 16-bit".
func (f Format) String() string {
	return fmt.Sprintf("%d Hz, %d ch, %d-bit", f.SampleRate, f.Channels, f.Bits)
}

// Audio is decoded PCM: little-endian signed 16-bit samples, interleaved.
type Audio struct {
	Format
	Data []byte
}

// Frames is the number of frames in a.
func (a Audio) Frames() int { return len(a.Data) / a.FrameSize() }

// Duration is the play time of a, exact to the nanosecond.
func (a Audio) Duration() time.Duration {
	return time.Duration(a.Frames()) * time.Second / time.Duration(a.SampleRate)
}

const (
	wavePCM        = 1
	waveExtensible = 0xFFFE
)

// ErrWAV is wrapped by every error about a WAV file that is not one, or
// not 16-bit PCM.
var ErrWAV = errors.New("not a 16-bit PCM WAV")

// ParseWAV reads a RIFF WAVE file of 16-bit PCM, walking its chunks and
// skipping those it does not need (LIST, fact, cue…).
func ParseWAV(b []byte) (Audio, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return Audio{}, fmt.Errorf("%w: no RIFF WAVE header", ErrWAV)
	}
	var (
		a                 Audio
		haveFmt, haveData bool
	)
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), int(binary.LittleEndian.Uint32(b[off+4:off+8]))
		body := off + 8
		if size < 0 || size > len(b)-body {
			return Audio{}, fmt.Errorf("%w: chunk %q of %d bytes runs past the end of the file", ErrWAV, id, size)
		}
		switch id {
		case "fmt ":
			f, err := parseFmt(b[body : body+size])
			if err != nil {
				return Audio{}, err
			}
			a.Format, haveFmt = f, true
		case "data":
			a.Data, haveData = b[body:body+size], true
		}
		off = body + size + size%2 // chunks are padded to an even size
	}
	switch {
	case !haveFmt:
		return Audio{}, fmt.Errorf("%w: no fmt chunk", ErrWAV)
	case !haveData:
		return Audio{}, fmt.Errorf("%w: no data chunk", ErrWAV)
	case len(a.Data)%a.FrameSize() != 0:
		return Audio{}, fmt.Errorf("%w: data of %d bytes is not whole %d-byte frames", ErrWAV, len(a.Data), a.FrameSize())
	}
	return a, nil
}

// parseFmt reads a fmt chunk body.
func parseFmt(c []byte) (Format, error) {
	if len(c) < 16 {
		return Format{}, fmt.Errorf("%w: fmt chunk of %d bytes", ErrWAV, len(c))
	}
	tag := binary.LittleEndian.Uint16(c[0:2])
	if tag == waveExtensible && len(c) >= 26 {
		tag = binary.LittleEndian.Uint16(c[24:26]) // the sub-format GUID starts with the tag
	}
	f := Format{
		Channels:   int(binary.LittleEndian.Uint16(c[2:4])),
		SampleRate: int(binary.LittleEndian.Uint32(c[4:8])),
		Bits:       int(binary.LittleEndian.Uint16(c[14:16])),
	}
	switch {
	case tag != wavePCM:
		return Format{}, fmt.Errorf("%w: format tag %#x, not PCM", ErrWAV, tag)
	case f.Bits != 16:
		return Format{}, fmt.Errorf("%w: %d-bit samples", ErrWAV, f.Bits)
	case f.Channels < 1 || f.Channels > 2:
		return Format{}, fmt.Errorf("%w: %d channels", ErrWAV, f.Channels)
	case f.SampleRate < 8000 || f.SampleRate > 192000:
		return Format{}, fmt.Errorf("%w: sample rate %d Hz", ErrWAV, f.SampleRate)
	}
	return f, nil
}

// EncodeWAV writes a as a canonical 44-byte-header RIFF WAVE file.
func EncodeWAV(a Audio) []byte {
	b := make([]byte, 44, 44+len(a.Data))
	le := binary.LittleEndian
	copy(b[0:], "RIFF")
	le.PutUint32(b[4:], uint32(36+len(a.Data)))
	copy(b[8:], "WAVEfmt ")
	le.PutUint32(b[16:], 16)
	le.PutUint16(b[20:], wavePCM)
	le.PutUint16(b[22:], uint16(a.Channels))
	le.PutUint32(b[24:], uint32(a.SampleRate))
	le.PutUint32(b[28:], uint32(a.SampleRate*a.FrameSize()))
	le.PutUint16(b[32:], uint16(a.FrameSize()))
	le.PutUint16(b[34:], uint16(a.Bits))
	copy(b[36:], "data")
	le.PutUint32(b[40:], uint32(len(a.Data)))
	return append(b, a.Data...) // whole 16-bit frames: always an even size
}
