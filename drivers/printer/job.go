// Package printer drives an ESC/POS ticket printer over a serial port: it
// renders documents (raster Vietnamese or a code page), checks real-time
// status before and after each job, and paces writes so a printer without
// flow control never overflows.
package printer

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/escpos"
)

// Strip is the raster strip height in dots: small enough for any printer's buffer.
const Strip = 128

// Encode turns a document into the byte stream for a printer profile:
// Vietnamese rendered as raster (the default, always correct), or text in
// the profile's code page (many times fewer bytes) when it declares one.
func Encode(d doc.Doc, p config.PrinterProfile) ([]byte, error) {
	var e escpos.Encoder
	e.Init()
	if p.CodePage != "" {
		if err := encodeText(&e, d, p); err != nil {
			return nil, err
		}
	} else {
		parts, err := escpos.Render(d, escpos.RenderOptions{Dots: p.Dots, NativeQR: p.NativeQR})
		if err != nil {
			return nil, err
		}
		for _, part := range parts {
			if part.Raster != nil {
				rasterBands(&e, *part.Raster)
			} else {
				e.Align(align(part.QR.Align))
				e.QR([]byte(part.QR.Data), qrModule(part.QR.Module, p))
			}
		}
	}
	e.Feed(4)
	if d.Cut && p.Cutter {
		e.Cut()
	}
	return e.Bytes(), nil
}

// rasterBands sends a bitmap as bands: blank runs become a dot feed, and
// each inked band is cropped by the blank bytes common to both sides and
// centred, so the ink lands where it was while far fewer bytes cross the wire.
func rasterBands(e *escpos.Encoder, bm escpos.Bitmap) {
	wb := bm.WidthBytes
	blankRow := func(y int) bool {
		for _, b := range bm.Bits[y*wb : (y+1)*wb] {
			if b != 0 {
				return false
			}
		}
		return true
	}
	e.Align(escpos.AlignCenter)
	for y := 0; y < bm.Height; {
		start := y
		if blankRow(y) {
			for y < bm.Height && blankRow(y) {
				y++
			}
			e.FeedDots(y - start)
			continue
		}
		for y < bm.Height && !blankRow(y) && y-start < Strip {
			y++
		}
		left, right := wb, wb
		for r := start; r < y; r++ {
			row := bm.Bits[r*wb : (r+1)*wb]
			l := 0
			for l < wb && row[l] == 0 {
				l++
			}
			rr := 0
			for rr < wb && row[wb-1-rr] == 0 {
				rr++
			}
			left, right = min(left, l), min(right, rr)
		}
		k := min(left, right)
		w := wb - 2*k
		band := make([]byte, 0, w*(y-start))
		for r := start; r < y; r++ {
			band = append(band, bm.Bits[r*wb+k:r*wb+k+w]...)
		}
		e.Raster(band, w, y-start, Strip)
	}
}

func qrModule(m int, p config.PrinterProfile) int {
	if m > 0 {
		return m
	}
	if p.Dots <= 384 {
		return 5
	}
	return 7
}

func align(a doc.Align) byte {
	switch a {
	case doc.Center:
		return escpos.AlignCenter
	case doc.Right:
		return escpos.AlignRight
	}
	return escpos.AlignLeft
}

// ErrCodePage marks a profile whose code page cannot be used.
var ErrCodePage = escpos.ErrCodePage

func encodeText(e *escpos.Encoder, d doc.Doc, p config.PrinterProfile) error {
	if _, err := escpos.EncodeText(p.CodePage, ""); err != nil {
		return fmt.Errorf("%w (use cp1258 or tcvn3, or leave code_page empty for raster)", err)
	}
	e.CodePage(byte(p.CodePageNumber))
	cols := p.Dots / 12 // font A: 12 dots per column
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Text:
			size := min(max(b.Size, 1), 4)
			e.Align(align(b.Align)).Bold(b.Bold).Size(size, size)
			for _, line := range wrapCols(norm.NFC.String(b.Text), cols/size) {
				enc, err := escpos.EncodeText(p.CodePage, line)
				if err != nil {
					return err
				}
				e.Text(enc)
			}
			e.Size(1, 1).Bold(false)
		case doc.QR:
			if p.NativeQR {
				e.Align(align(b.Align)).QR([]byte(b.Data), qrModule(b.Module, p))
			} else {
				img, err := escpos.QRImage(b.Data, 6)
				if err != nil {
					return err
				}
				bm := escpos.ToBitmap(img)
				e.Align(escpos.AlignCenter).Raster(bm.Bits, bm.WidthBytes, bm.Height, Strip)
			}
		case doc.Rule:
			e.Align(escpos.AlignLeft).Text([]byte(strings.Repeat("-", cols)))
		case doc.Feed:
			e.Feed(b.Lines)
		}
	}
	return nil
}

// wrapCols wraps at spaces to cols characters (a word longer than a line
// is cut), counting a Vietnamese letter as one column however it is encoded.
func wrapCols(s string, cols int) []string {
	cols = max(cols, 1)
	var lines []string
	cur := []rune{}
	for _, w := range strings.Fields(s) {
		wr := []rune(w)
		for len(wr) > cols {
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = cur[:0]
			}
			lines = append(lines, string(wr[:cols]))
			wr = wr[cols:]
		}
		if len(cur) > 0 && len(cur)+1+len(wr) > cols {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	return append(lines, string(cur))
}

// CP1258 encodes Vietnamese for Windows-1258 (see escpos.CP1258).
func CP1258(s string) ([]byte, error) { return escpos.CP1258(s), nil }

// EncodeFullRaster is the naive encoding (every dot row sent full width),
// kept as the baseline `kioskctl bench print` compares against.
func EncodeFullRaster(d doc.Doc, p config.PrinterProfile) ([]byte, error) {
	var e escpos.Encoder
	e.Init()
	parts, err := escpos.Render(d, escpos.RenderOptions{Dots: p.Dots, NativeQR: false})
	if err != nil {
		return nil, err
	}
	for _, part := range parts {
		e.Raster(part.Raster.Bits, part.Raster.WidthBytes, part.Raster.Height, Strip)
	}
	e.Feed(4).Cut()
	return e.Bytes(), nil
}
