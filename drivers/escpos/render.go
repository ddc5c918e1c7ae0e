package escpos

import (
	"embed"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"sync"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/motcua/kiosk/drivers/doc"
)

//go:embed font/NotoSans-Regular.ttf font/NotoSans-Bold.ttf
var fontFS embed.FS

var (
	fontsOnce sync.Once
	regular   *opentype.Font
	bold      *opentype.Font
	fontErr   error
	faces     sync.Map // faceKey → font.Face

	// drawMu: an opentype face caches glyph masks in a buffer of its own, so
	// it is not safe for concurrent use; Render and DrawLines take turns
	// (a ticket print and a technician's preview may render at once).
	drawMu sync.Mutex
)

type faceKey struct {
	bold bool
	px   int
}

func loadFonts() {
	for name, dst := range map[string]**opentype.Font{"font/NotoSans-Regular.ttf": &regular, "font/NotoSans-Bold.ttf": &bold} {
		b, err := fontFS.ReadFile(name)
		if err == nil {
			*dst, err = opentype.Parse(b)
		}
		if err != nil {
			fontErr = fmt.Errorf("escpos: font %s: %w", name, err)
		}
	}
}

// SizePx is the text height in dots for a doc.Text size on 576-dot paper.
func SizePx(size, dots int) int {
	base := []int{0, 26, 36, 56, 120}[min(max(size, 1), 4)]
	return base * dots / 576
}

func face(b bool, px int) (font.Face, error) {
	fontsOnce.Do(loadFonts)
	if fontErr != nil {
		return nil, fontErr
	}
	k := faceKey{b, px}
	if f, ok := faces.Load(k); ok {
		return f.(font.Face), nil
	}
	src := regular
	if b {
		src = bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	faces.Store(k, f)
	return f, nil
}

// Bitmap is a 1-bit image: rows of WidthBytes, MSB leftmost, 1 = black.
type Bitmap struct {
	Width, Height, WidthBytes int
	Bits                      []byte
}

// Image returns the bitmap as a grayscale image (for PNG previews).
func (b Bitmap) Image() *image.Gray {
	img := image.NewGray(image.Rect(0, 0, b.Width, b.Height))
	for y := 0; y < b.Height; y++ {
		for x := 0; x < b.Width; x++ {
			if b.Bits[y*b.WidthBytes+x/8]&(0x80>>(x%8)) != 0 {
				img.Pix[y*img.Stride+x] = 0
			} else {
				img.Pix[y*img.Stride+x] = 255
			}
		}
	}
	return img
}

// ToBitmap thresholds a grayscale image.
func ToBitmap(img *image.Gray) Bitmap {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	wb := (w + 7) / 8
	bm := Bitmap{Width: w, Height: h, WidthBytes: wb, Bits: make([]byte, wb*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if img.Pix[y*img.Stride+x] < 128 {
				bm.Bits[y*wb+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	return bm
}

// Part is a rendered piece of a document: a raster, or a QR left to the
// printer (native QR) when the profile can draw it.
type Part struct {
	Raster *Bitmap
	QR     *doc.QR
}

// RenderOptions describe the paper.
type RenderOptions struct {
	Dots     int  // printable width
	NativeQR bool // leave QR blocks to the printer
}

// Render lays the document out on paper Dots wide: NFC text wrapped to the
// width in the embedded Vietnamese font, QR codes, rules and feeds.
func Render(d doc.Doc, o RenderOptions) ([]Part, error) {
	drawMu.Lock()
	defer drawMu.Unlock()
	var parts []Part
	canvas := image.NewGray(image.Rect(0, 0, o.Dots, 4000))
	draw.Draw(canvas, canvas.Bounds(), image.White, image.Point{}, draw.Src)
	y := 0
	flush := func() {
		if y == 0 {
			return
		}
		bm := ToBitmap(canvas.SubImage(image.Rect(0, 0, o.Dots, y)).(*image.Gray))
		parts = append(parts, Part{Raster: &bm})
		canvas = image.NewGray(image.Rect(0, 0, o.Dots, 4000))
		draw.Draw(canvas, canvas.Bounds(), image.White, image.Point{}, draw.Src)
		y = 0
	}
	grow := func(h int) {
		if y+h > canvas.Bounds().Dy() {
			flush()
		}
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Text:
			f, err := face(b.Bold, SizePx(b.Size, o.Dots))
			if err != nil {
				return nil, err
			}
			m := f.Metrics()
			lineH := (m.Ascent + m.Descent).Ceil() + 4
			for _, line := range Wrap(norm.NFC.String(b.Text), f, o.Dots) {
				grow(lineH)
				w := font.MeasureString(f, line).Ceil()
				x := 0
				switch b.Align {
				case doc.Center:
					x = (o.Dots - w) / 2
				case doc.Right:
					x = o.Dots - w
				}
				dr := font.Drawer{Dst: canvas, Src: image.Black, Face: f, Dot: fixed.P(max(x, 0), y+m.Ascent.Ceil()+2)}
				dr.DrawString(line)
				y += lineH
			}
		case doc.QR:
			if o.NativeQR {
				flush()
				q := b
				parts = append(parts, Part{QR: &q})
				continue
			}
			img, err := QRImage(b.Data, b.Module)
			if err != nil {
				return nil, err
			}
			grow(img.Bounds().Dy() + 8)
			x := (o.Dots - img.Bounds().Dx()) / 2
			draw.Draw(canvas, image.Rect(x, y+4, x+img.Bounds().Dx(), y+4+img.Bounds().Dy()), img, image.Point{}, draw.Src)
			y += img.Bounds().Dy() + 8
		case doc.Rule:
			grow(14)
			draw.Draw(canvas, image.Rect(0, y+6, o.Dots, y+8), image.Black, image.Point{}, draw.Src)
			y += 14
		case doc.Feed:
			grow(b.Lines * 30)
			y += b.Lines * 30
		}
	}
	flush()
	return parts, nil
}

// QRImage draws a QR code with a quiet zone at module dots per module.
func QRImage(data string, module int) (*image.Gray, error) {
	if module <= 0 {
		module = 6
	}
	q, err := qrcode.New(data, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	bm := q.Bitmap() // includes the quiet zone
	n := len(bm)
	img := image.NewGray(image.Rect(0, 0, n*module, n*module))
	for yy := range bm {
		for xx, black := range bm[yy] {
			c := color.Gray{255}
			if black {
				c = color.Gray{0}
			}
			draw.Draw(img, image.Rect(xx*module, yy*module, (xx+1)*module, (yy+1)*module), &image.Uniform{c}, image.Point{}, draw.Src)
		}
	}
	return img, nil
}

// Wrap breaks text into lines no wider than width for face f.
func Wrap(text string, f font.Face, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		cur := ""
		for _, w := range words {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if font.MeasureString(f, try).Ceil() <= width || cur == "" {
				cur = try
				continue
			}
			lines = append(lines, cur)
			cur = w
		}
		lines = append(lines, cur)
	}
	return lines
}

// DrawLines draws text wrapped to dots at a doc.Text size onto img from y,
// and returns the y below it (the emulator draws code-page text with it).
func DrawLines(img draw.Image, y int, text string, size int, b bool, align byte, dots int) (int, error) {
	drawMu.Lock()
	defer drawMu.Unlock()
	f, err := face(b, SizePx(size, dots))
	if err != nil {
		return y, err
	}
	m := f.Metrics()
	lineH := (m.Ascent + m.Descent).Ceil() + 4
	for _, line := range Wrap(norm.NFC.String(text), f, dots) {
		w := font.MeasureString(f, line).Ceil()
		x := 0
		switch align {
		case AlignCenter:
			x = (dots - w) / 2
		case AlignRight:
			x = dots - w
		}
		dr := font.Drawer{Dst: img, Src: image.Black, Face: f, Dot: fixed.P(max(x, 0), y+m.Ascent.Ceil()+2)}
		dr.DrawString(line)
		y += lineH
	}
	return y, nil
}
