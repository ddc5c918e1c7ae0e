// Package escpos encodes the ESC/POS commands tickets and receipts need,
// decodes the same stream (for the printer emulator and golden tests) and
// reads real-time status bytes. Pure: no I/O.
package escpos

import "bytes"

// Control bytes.
const (
	ESC = 0x1b
	GS  = 0x1d
	DLE = 0x10
	EOT = 0x04
	FS  = 0x1c
	LF  = 0x0a
)

// Alignment values for ESC a.
const (
	AlignLeft   = 0
	AlignCenter = 1
	AlignRight  = 2
)

// Encoder appends commands to a buffer.
type Encoder struct{ b bytes.Buffer }

// Bytes returns what was encoded.
func (e *Encoder) Bytes() []byte { return e.b.Bytes() }

// Len is the number of bytes encoded.
func (e *Encoder) Len() int { return e.b.Len() }

// Init is ESC @, then FS . to leave Chinese double-byte mode on printers
// sold for that market (harmless elsewhere).
func (e *Encoder) Init() *Encoder { e.b.Write([]byte{ESC, '@', FS, '.'}); return e }

// Align is ESC a n.
func (e *Encoder) Align(n byte) *Encoder { e.b.Write([]byte{ESC, 'a', n}); return e }

// Bold is ESC E n.
func (e *Encoder) Bold(on bool) *Encoder { e.b.Write([]byte{ESC, 'E', b2b(on)}); return e }

// Size is GS ! n with width and height magnification 1..8.
func (e *Encoder) Size(w, h int) *Encoder {
	w, h = clamp(w, 1, 8), clamp(h, 1, 8)
	e.b.Write([]byte{GS, '!', byte((w-1)<<4 | (h - 1))})
	return e
}

// CodePage is ESC t n.
func (e *Encoder) CodePage(n byte) *Encoder { e.b.Write([]byte{ESC, 't', n}); return e }

// Text writes already-encoded text bytes followed by LF.
func (e *Encoder) Text(p []byte) *Encoder { e.b.Write(p); e.b.WriteByte(LF); return e }

// Feed is ESC d n (print and feed n lines).
func (e *Encoder) Feed(n int) *Encoder { e.b.Write([]byte{ESC, 'd', byte(clamp(n, 0, 255))}); return e }

// FeedDots is ESC J n: feed n dots (blank paper costs 3 bytes, not a raster).
func (e *Encoder) FeedDots(n int) *Encoder {
	for n > 0 {
		k := min(n, 255)
		e.b.Write([]byte{ESC, 'J', byte(k)})
		n -= k
	}
	return e
}

// Cut is GS V 66 n: feed n dots and cut (partial cut where supported).
func (e *Encoder) Cut() *Encoder { e.b.Write([]byte{GS, 'V', 66, 0}); return e }

// QR stores and prints a native QR code (GS ( k): model 2, module size,
// error level M.
func (e *Encoder) QR(data []byte, module int) *Encoder {
	fn := func(f byte, params ...byte) {
		n := len(params) + 2
		e.b.Write([]byte{GS, '(', 'k', byte(n), byte(n >> 8), 49, f})
		e.b.Write(params)
	}
	fn(65, 50, 0)                      // model 2
	fn(67, byte(clamp(module, 1, 16))) // module size
	fn(69, 49)                         // error correction M
	n := len(data) + 3
	e.b.Write([]byte{GS, '(', 'k', byte(n), byte(n >> 8), 49, 80, 48})
	e.b.Write(data)
	fn(81, 48) // print
	return e
}

// Raster writes a 1-bit image (rows of widthBytes, MSB leftmost, 1 = black)
// as GS v 0 commands of at most strip rows each, so a printer's input
// buffer is never asked to hold a whole ticket.
func (e *Encoder) Raster(bits []byte, widthBytes, height, strip int) *Encoder {
	if strip <= 0 {
		strip = 128
	}
	for y := 0; y < height; y += strip {
		h := min(strip, height-y)
		e.b.Write([]byte{GS, 'v', '0', 0, byte(widthBytes), byte(widthBytes >> 8), byte(h), byte(h >> 8)})
		e.b.Write(bits[y*widthBytes : (y+h)*widthBytes])
	}
	return e
}

// StatusRequest is DLE EOT n.
func StatusRequest(n byte) []byte { return []byte{DLE, EOT, n} }

func b2b(on bool) byte {
	if on {
		return 1
	}
	return 0
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
