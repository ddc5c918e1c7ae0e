package printersim

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/drivers/escpos"
)

func ticketStream(page byte, text []byte) []byte {
	var e escpos.Encoder
	e.Init().CodePage(page).Align(escpos.AlignCenter).Size(4, 4).Text([]byte("A-0012")).Size(1, 1).Text(text).
		QR([]byte("HT-0012"), 5).Raster([]byte{0xff, 0x81, 0xff}, 1, 3, 2).FeedDots(40).Feed(2).Cut()
	return e.Bytes()
}

func TestMachineDecodesAJob(t *testing.T) {
	for _, c := range []struct {
		page byte
		text []byte
	}{{30, escpos.TCVN3("Quầy số 3")}, {52, escpos.CP1258("Quầy số 3")}} {
		m := NewMachine(384, "")
		if reply := m.Feed(ticketStream(c.page, c.text)); len(reply) != 0 {
			t.Fatalf("reply % x to a job", reply)
		}
		js := m.Jobs()
		if len(js) != 1 || !js[0].Cut || len(js[0].QRs) != 1 || js[0].QRs[0] != "HT-0012" || js[0].Rasters != 2 {
			t.Fatalf("page %d: jobs %+v", c.page, js)
		}
		if strings.Join(js[0].Texts, "|") != "A-0012|Quầy số 3" {
			t.Fatalf("page %d: texts %q", c.page, js[0].Texts)
		}
		if errs := m.Errors(); len(errs) != 0 {
			t.Fatal(errs)
		}
	}
}

func TestMachineSplitAcrossReads(t *testing.T) {
	stream := ticketStream(30, escpos.TCVN3("Hộ tịch"))
	m := NewMachine(384, "")
	for i := range stream {
		m.Feed(stream[i : i+1]) // one byte per read, as a slow line delivers it
	}
	if js := m.Jobs(); len(js) != 1 || js[0].Bytes != len(stream) || len(m.Errors()) != 0 {
		t.Fatalf("jobs %+v errors %v", js, m.Errors())
	}
}

func TestMachineStatusAndStoppedPrinter(t *testing.T) {
	m := NewMachine(384, "")
	m.SetStatus(escpos.Status{PaperEnd: true, PaperNearEnd: true})
	reply := m.Feed(append(append(escpos.StatusRequest(2), escpos.StatusRequest(4)...), ticketStream(30, []byte("x"))...))
	if len(reply) != 2 || reply[0] != 0x32 || reply[1] != 0x7E {
		t.Fatalf("replies % x, want 32 7e", reply)
	}
	if len(m.Jobs()) != 0 {
		t.Fatal("a printer out of paper printed")
	}
	if m.Received() != len(ticketStream(30, []byte("x"))) {
		t.Fatalf("received %d", m.Received())
	}
}

func TestParseConditions(t *testing.T) {
	cases := []struct {
		in     string
		want   escpos.Status
		unplug bool
		err    bool
	}{
		{"ok\n", escpos.Status{}, false, false},
		{"", escpos.Status{}, false, false},
		{"paper_end", escpos.Status{PaperEnd: true}, false, false},
		{"near-end, cover_open", escpos.Status{PaperNearEnd: true, CoverOpen: true}, false, false},
		{"OFFLINE", escpos.Status{Offline: true}, false, false},
		{"unplugged", escpos.Status{}, true, false},
		{"paper_jam", escpos.Status{}, false, true},
	}
	for _, c := range cases {
		st, un, err := ParseConditions(c.in)
		if st != c.want || un != c.unplug || (err != nil) != c.err {
			t.Errorf("%q: %+v %v %v", c.in, st, un, err)
		}
	}
}

func TestPreviewAndWaitJob(t *testing.T) {
	img, j, err := Preview(ticketStream(30, escpos.TCVN3("Hộ tịch")), 384)
	if err != nil || img.Bounds().Dx() != 384 || img.Bounds().Dy() != j.Height || j.Height < 100 {
		t.Fatalf("preview %v %+v %v", img.Bounds(), j, err)
	}
	if _, _, err := Preview([]byte{escpos.ESC, 'Z', 1}, 384); err == nil {
		t.Fatal("garbage previewed")
	}
	m := NewMachine(384, "")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go m.Feed(ticketStream(30, []byte("x")))
	if j, err := m.WaitJob(ctx, 1); err != nil || j.N != 1 {
		t.Fatalf("wait: %+v %v", j, err)
	}
	short, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := m.WaitJob(short, 2); err == nil {
		t.Fatal("job 2 never printed")
	}
}
