package vietqr

import (
	"encoding/base64"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// ScreenPixels is the default on-screen QR width. On a 21.5" 1080×1920
// panel (≈0.25 mm pixels) a VietQR payload (version 6-7, 41-45 modules plus
// the 4-module quiet zone each side) gets 10-11 px ≈ 2.6 mm per module, a
// ≈14 cm square: a phone camera locks on from arm's length (40-70 cm) and
// well beyond.
const ScreenPixels = 560

// PNG renders payload as a QR code no wider than px pixels, with the
// 4-module quiet zone kept and whole pixels per module (crisp edges when the
// page scales it with image-rendering: pixelated). Error correction is M
// (15%), which keeps the version — and so the module size — reasonable.
// If px is too small for one pixel per module the image is larger than px.
func PNG(payload string, px int) ([]byte, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("vietqr: qr for %d bytes: %w", len(payload), err)
	}
	q.DisableBorder = false
	modules := len(q.Bitmap()) // includes the quiet zone
	scale := max(px/modules, 1)
	b, err := q.PNG(-scale)
	if err != nil {
		return nil, fmt.Errorf("vietqr: png: %w", err)
	}
	return b, nil
}

// DataURL is PNG as "data:image/png;base64,…" for an <img src>.
func DataURL(payload string, px int) (string, error) {
	b, err := PNG(payload, px)
	if err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b), nil
}
