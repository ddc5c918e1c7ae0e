package qrimg

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"strings"
	"testing"
)

func TestDataURLIsAPNGOfTheRequestedSize(t *testing.T) {
	u, err := DataURL("https://dichvucong.gov.vn", 300)
	if err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(u, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 300 {
		t.Fatalf("width %d", img.Bounds().Dx())
	}
	// The corner pixel is white: the quiet zone is there.
	if r, g, bl, _ := img.At(1, 1).RGBA(); r != 0xffff || g != 0xffff || bl != 0xffff {
		t.Fatal("no quiet zone")
	}
}
