package escpos

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/motcua/kiosk/drivers/doc"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	var e Encoder
	bits := []byte{0xff, 0x00, 0x81, 0x7e}
	e.Init().Align(AlignCenter).Bold(true).Size(2, 3).CodePage(52).Text([]byte("A-0012")).
		FeedDots(300).QR([]byte("HT-0012"), 6).Raster(bits, 2, 2, 1).Feed(3).Cut()
	want := []struct {
		name string
		arg  int
	}{{"init", 0}, {"leave-kanji", 0}, {"align", 1}, {"bold", 1}, {"size", 0x12}, {"codepage", 52}, {"text", 0},
		{"feed-dots", 255}, {"feed-dots", 45}, {"qr-fn65", 50}, {"qr-fn67", 6}, {"qr-fn69", 49}, {"qr-store", 0}, {"qr-print", 0},
		{"raster", 0}, {"raster", 0}, {"feed", 3}, {"cut", 66}}
	p := e.Bytes()
	for i, w := range want {
		c, n, err := Decode(p)
		if err != nil {
			t.Fatalf("command %d (%s): %v", i, w.name, err)
		}
		if c.Name != w.name || (w.arg != 0 && c.Arg != w.arg) {
			t.Fatalf("command %d: got %s %d, want %s %d", i, c.Name, c.Arg, w.name, w.arg)
		}
		switch c.Name {
		case "text":
			if string(c.Data) != "A-0012" {
				t.Fatalf("text %q", c.Data)
			}
		case "qr-store":
			if string(c.Data) != "HT-0012" {
				t.Fatalf("qr %q", c.Data)
			}
		case "raster":
			if c.W != 2 || c.H != 1 || len(c.Data) != 2 {
				t.Fatalf("raster %+v", c)
			}
		}
		p = p[n:]
	}
	if len(p) != 0 {
		t.Fatalf("%d bytes left", len(p))
	}
	if _, _, err := Decode([]byte{GS, 'v', '0', 0, 2, 0, 5, 0, 1}); err != ErrTruncated {
		t.Fatalf("partial raster: %v", err)
	}
}

func TestStatusBits(t *testing.T) {
	cases := []Status{{}, {Offline: true}, {CoverOpen: true}, {PaperEnd: true}, {PaperNearEnd: true}, {PaperEnd: true, PaperNearEnd: true, CoverOpen: true}}
	for _, want := range cases {
		var got Status
		for _, n := range []byte{1, 2, 4} {
			b := StatusByte(want, n)
			if !ValidStatus(b) {
				t.Fatalf("%+v n=%d: %#x has not the fixed bits", want, n, b)
			}
			ApplyStatus(&got, n, b)
		}
		if got != want {
			t.Errorf("round trip %+v → %+v", want, got)
		}
	}
	var s Status
	if err := ApplyStatus(&s, 2, 0x00); err != ErrBadStatus {
		t.Fatal("noise accepted as status")
	}
	if !bytes.Equal(StatusRequest(4), []byte{DLE, EOT, 4}) {
		t.Fatal("DLE EOT")
	}
}

// Reply bytes as a printer sends them (FACTS.md bit layout), not made by StatusByte.
func TestApplyStatusBytes(t *testing.T) {
	cases := []struct {
		n, b byte
		want Status
		err  bool
	}{
		{1, 0x12, Status{}, false},
		{1, 0x1A, Status{Offline: true}, false},
		{1, 0x16, Status{}, false}, // bit 2: drawer pin, not ours
		{2, 0x16, Status{CoverOpen: true}, false},
		{2, 0x32, Status{PaperEnd: true}, false},
		{2, 0x52, Status{Error: true}, false},
		{4, 0x1E, Status{PaperNearEnd: true}, false},
		{4, 0x72, Status{PaperEnd: true}, false},
		{4, 0x7E, Status{PaperEnd: true, PaperNearEnd: true}, false},
		{4, 0x00, Status{}, true},
		{4, 0xFF, Status{}, true},
		{2, 0x13, Status{}, true}, // bit 0 set
		{2, 0x92, Status{}, true}, // bit 7 set
		{1, 0x02, Status{}, true}, // bit 4 clear: GS a automatic status, not DLE EOT
	}
	for _, c := range cases {
		var s Status
		err := ApplyStatus(&s, c.n, c.b)
		if (err != nil) != c.err || s != c.want {
			t.Errorf("DLE EOT %d → %#x: %+v %v, want %+v err=%v", c.n, c.b, s, err, c.want, c.err)
		}
	}
}

func TestDecodeCommandForms(t *testing.T) {
	cases := []struct {
		in   []byte
		name string
		arg  int
		n    int
		err  bool
	}{
		{[]byte{GS, 'V', 0}, "cut", 0, 3, false},
		{[]byte{GS, 'V', 1}, "cut", 1, 3, false},
		{[]byte{GS, 'V', 65, 5}, "cut", 65, 4, false},
		{[]byte{FS, '.'}, "leave-kanji", 0, 2, false},
		{[]byte{FS, '&'}, "enter-kanji", 0, 2, false},
		{[]byte{DLE, EOT, 4}, "status", 4, 3, false},
		{[]byte{'V', 'i', 0xD6, 't', LF}, "text", 0, 5, false},
		{[]byte{'a', 'b', ESC, '@'}, "text", 0, 2, false},
		{[]byte{ESC, 'Z'}, "", 0, 0, true},
		{[]byte{GS, '(', 'k', 3, 0, 49, 80, 48}, "qr-store", 0, 8, false},
	}
	for _, c := range cases {
		cmd, n, err := Decode(c.in)
		if (err != nil) != c.err || cmd.Name != c.name || cmd.Arg != c.arg || n != c.n {
			t.Errorf("Decode(% x) = %s %d (%d bytes) %v", c.in, cmd.Name, cmd.Arg, n, err)
		}
	}
	for _, partial := range [][]byte{{ESC}, {GS, 'v', '0', 0, 1, 0, 2, 0, 0xff}, {'a', 'b'}, {GS, '(', 'k', 4, 0, 49, 80}} {
		if _, _, err := Decode(partial); err != ErrTruncated {
			t.Errorf("Decode(% x): %v, want truncated", partial, err)
		}
	}
}

// Renders from several goroutines at once give the same bytes as one
// alone (the shared font faces are not safe for concurrent use unguarded;
// -race catches a regression).
func TestRenderConcurrent(t *testing.T) {
	d := doc.Doc{Title: "Vé", Blocks: []doc.Block{doc.Text{Text: "Số thứ tự A-0012", Size: 4, Bold: true, Align: doc.Center},
		doc.Text{Text: "Hộ tịch — quầy 1, 2", Size: 2}}}
	want, err := Render(d, RenderOptions{Dots: 576})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := Render(d, RenderOptions{Dots: 576})
			if err == nil && (len(got) != len(want) || !bytes.Equal(got[0].Raster.Bits, want[0].Raster.Bits)) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
