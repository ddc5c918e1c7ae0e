// Package qrimg renders a QR code as a PNG data URL for the screen, with the
// quiet zone kept so phone cameras lock on at arm's length.
package qrimg

import (
	"encoding/base64"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// DataURL returns "data:image/png;base64,..." for content at size pixels.
func DataURL(content string, size int) (string, error) {
	png, err := qrcode.Encode(content, qrcode.Medium, size)
	if err != nil {
		return "", fmt.Errorf("qr for %d bytes: %w", len(content), err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png), nil
}
