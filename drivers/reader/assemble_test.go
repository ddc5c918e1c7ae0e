package reader

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/idcard/synth"
)

var t0 = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)

func ms(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }

// step is bytes arriving at a time, or (nil data) a timer firing.
type step struct {
	at   int // ms after t0
	data string
}

// run feeds the steps and describes the frames: "L<lines>[T][O]:<data>".
func run(t *testing.T, opt Options, steps []step) []string {
	t.Helper()
	a := NewAssembler(opt)
	var got []string
	for _, s := range steps {
		var fs []Frame
		if s.data == "" {
			fs = a.Expire(ms(s.at))
		} else {
			fs = a.Feed([]byte(s.data), ms(s.at))
		}
		for _, f := range fs {
			d := "L" + string(rune('0'+f.Lines))
			if f.TimedOut {
				d += "T"
			}
			if f.Overflow {
				d += "O"
			}
			got = append(got, d+":"+string(f.Data))
			f.Wipe()
			if strings.Trim(string(f.Data), "\x00") != "" {
				t.Error("Wipe left bytes")
			}
		}
	}
	return got
}

func TestAssembler(t *testing.T) {
	_, mrz := synth.New(1).MRZ()
	m1, m2, m3 := mrz[0], mrz[1], mrz[2]
	burst := m1 + "\r\n" + m2 + "\r\n" + m3 + "\r\n"
	qr := "QRLINE|a|b|c|d|e|f"            // 7 fields, but the issue date is short: no whole shape
	qrFull := "QRLINE|a|b|c|d|e|01012021" // a whole CCCD QR shape
	tests := []struct {
		name  string
		opt   Options
		steps []step
		want  []string
	}{
		{"qr line CRLF", Options{}, []step{{0, qr + "\r\n"}}, []string{"L1:" + qr}},
		{"qr line in pieces", Options{}, []step{{0, qr[:5]}, {10, qr[5:12]}, {20, qr[12:] + "\r"}}, []string{"L1:" + qr}},
		{"qr no terminator ends by frame timeout", Options{Mode: ModeQR}, []step{{0, qrFull}, {100, ""}, {150, ""}}, []string{"L1T:" + qrFull}},
		{"qr no terminator, more fields: frame timeout", Options{}, []step{{0, qrFull + "|x"}, {149, ""}, {150, ""}}, []string{"L1T:" + qrFull + "|x"}},
		{"incomplete qr waits for the shape timeout", Options{}, []step{{0, qr}, {150, ""}, {1999, ""}, {2000, ""}}, []string{"L1T:" + qr}},
		{"slow reader: gaps past the frame timeout do not split a line", Options{}, []step{{0, qr[:5]}, {400, qr[5:12]}, {1200, qr[12:] + "\r"}}, []string{"L1:" + qr}},
		{"late caller: gap flushes before new bytes", Options{}, []step{{0, "partial"}, {2500, qr + "\n"}}, []string{"L1T:partial", "L1:" + qr}},
		{"late caller: whole qr shape flushes after the frame timeout", Options{}, []step{{0, qrFull}, {400, qr + "\n"}}, []string{"L1T:" + qrFull, "L1:" + qr}},
		{"shape timeout option", Options{FrameTimeout: 100 * time.Millisecond, ShapeTimeout: 500 * time.Millisecond}, []step{{0, "abc"}, {499, ""}, {500, ""}}, []string{"L1T:abc"}},
		{"two cards back to back", Options{}, []step{{0, qr + "\r\n" + qr + "\r\n"}}, []string{"L1:" + qr, "L1:" + qr}},
		{"mrz burst as three lines", Options{}, []step{{0, burst}}, []string{"L3:" + m1 + "\n" + m2 + "\n" + m3}},
		{"mrz burst split across reads", Options{Mode: ModeMRZ}, []step{{0, m1 + "\r"}, {5, "\n" + m2[:10]}, {9, m2[10:] + "\r\n" + m3}, {12, "\r\n"}}, []string{"L3:" + m1 + "\n" + m2 + "\n" + m3}},
		{"short mrz burst times out", Options{}, []step{{0, m1 + "\r\n" + m2 + "\r\n"}, {150, ""}, {1999, ""}, {2000, ""}}, []string{"L2T:" + m1 + "\n" + m2}},
		{"mrz lines with gaps past the frame timeout", Options{}, []step{{0, m1 + "\r"}, {600, m2 + "\r"}, {1500, m3[:10]}, {2400, m3[10:] + "\r"}}, []string{"L3:" + m1 + "\n" + m2 + "\n" + m3}},
		{"third mrz line without terminator: frame timeout", Options{}, []step{{0, m1 + "\r\n" + m2 + "\r\n" + m3}, {149, ""}, {150, ""}}, []string{"L3T:" + m1 + "\n" + m2 + "\n" + m3}},
		{"90 mrz chars without terminator: frame timeout", Options{Mode: ModeMRZ}, []step{{0, m1 + m2 + m3}, {149, ""}, {150, ""}}, []string{"L1T:" + m1 + m2 + m3}},
		{"mrz line 29 chars still grouped", Options{}, []step{{0, m1[:29] + "\r\n" + m2 + "\r\n" + m3 + "\r\n"}}, []string{"L3:" + m1[:29] + "\n" + m2 + "\n" + m3}},
		{"garbled line between cards", Options{}, []step{{0, qr + "\r\n"}, {500, "\x15#@!garbage\r\n"}, {900, burst}},
			[]string{"L1:" + qr, "L1:\x15#@!garbage", "L3:" + m1 + "\n" + m2 + "\n" + m3}},
		{"qr interrupts mrz burst", Options{}, []step{{0, m1 + "\n" + qr + "\n"}}, []string{"L1:" + m1, "L1:" + qr}},
		{"noise lines dropped", Options{}, []step{{0, "\x00\x00\r\n \r\n\x06\n" + qr + "\n"}}, []string{"L1:" + qr}},
		{"terminator cr: LF ignored", Options{Terminator: TermCR}, []step{{0, qr + "\n\r"}}, []string{"L1:" + qr}},
		{"terminator lf: CR ignored", Options{Terminator: TermLF}, []step{{0, qr + "\r\n"}}, []string{"L1:" + qr}},
		{"terminator lf: CR alone does not end", Options{Terminator: TermLF}, []step{{0, "ab\rcd\n"}}, []string{"L1:abcd"}},
		{"terminator crlf: lone CR kept", Options{Terminator: TermCRLF}, []step{{0, "ab\rcd\r"}, {1, "\n"}}, []string{"L1:ab\rcd"}},
		{"terminator crlf: CR at end of partial, timeout", Options{Terminator: TermCRLF, Mode: ModeQR}, []step{{0, "ab\r"}, {200, ""}, {2000, ""}}, []string{"L1T:ab\r"}},
		{"qr mode: mrz lines are separate frames", Options{Mode: ModeQR}, []step{{0, burst}}, []string{"L1:" + m1, "L1:" + m2, "L1:" + m3}},
		{"overflow", Options{MaxLine: 8}, []step{{0, "0123456789abc\nok|1\n"}}, []string{"L1O:01234567", "L1:ok|1"}},
		{"90-char mrz without breaks", Options{Mode: ModeMRZ}, []step{{0, m1 + m2 + m3 + "\r"}}, []string{"L1:" + m1 + m2 + m3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.opt, tt.steps)
			if g, w := strings.Join(got, "\x1e"), strings.Join(tt.want, "\x1e"); g != w {
				// Shapes only: the MRZ lines are synthetic but still look like a card.
				t.Errorf("frames\n got %s\nwant %s", Shape([]byte(g)), Shape([]byte(w)))
			}
		})
	}
}

func TestAssemblerDeadlineAndReset(t *testing.T) {
	a := NewAssembler(Options{FrameTimeout: 100 * time.Millisecond})
	if _, ok := a.Deadline(); ok {
		t.Fatal("deadline with nothing pending")
	}
	// Part of a line: the shape timeout, at least 10 frame timeouts, 2 s by default.
	a.Feed([]byte("abc"), ms(10))
	if d, ok := a.Deadline(); !ok || !d.Equal(ms(2010)) {
		t.Fatalf("deadline = %v,%v", d, ok)
	}
	if fs := a.Expire(ms(2009)); fs != nil {
		t.Fatalf("expired early: %d frames", len(fs))
	}
	a.Reset()
	// A whole QR shape with no terminator: the frame timeout.
	a.Feed([]byte("QRLINE|a|b|c|d|e|01012021"), ms(20))
	if d, ok := a.Deadline(); !ok || !d.Equal(ms(120)) {
		t.Fatalf("deadline = %v,%v", d, ok)
	}
	if fs := a.Expire(ms(119)); fs != nil {
		t.Fatalf("expired early: %d frames", len(fs))
	}
	a.Reset()
	if _, ok := a.Deadline(); ok {
		t.Fatal("deadline after reset")
	}
	if fs := a.Expire(ms(500)); fs != nil {
		t.Fatal("frames after reset")
	}
}

func TestOptionsValidate(t *testing.T) {
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	if err := (Options{Mode: "barcode"}).Validate(); err == nil {
		t.Error("accepted mode barcode")
	}
	if err := (Options{Terminator: "tab"}).Validate(); err == nil {
		t.Error("accepted terminator tab")
	}
}

func TestShape(t *testing.T) {
	in := "079090001234||Trần Văn Bình|15031990\r\nIDVNM<<5\x07\xff"
	want := "999999999999||aaaa aaa aaaa|99999999␍⏎aaaaa<<9^?"
	if got := Shape([]byte(in)); got != want {
		t.Errorf("Shape = %q, want %q", got, want)
	}
}

func TestOptionsFromDefaultConfig(t *testing.T) {
	o := OptionsFrom(config.Default().Reader)
	if err := o.Validate(); err != nil || o.Mode != ModeAuto || o.FrameTimeout != 150*time.Millisecond {
		t.Errorf("options from default config: %+v, %v", o, err)
	}
	if o := NewAssembler(o).Options(); o.ShapeTimeout != DefaultShapeTimeout {
		t.Errorf("shape timeout %v, want %v", o.ShapeTimeout, DefaultShapeTimeout)
	}
}
