package voice

import (
	"errors"
	"strings"
	"testing"
)

func TestScript(t *testing.T) {
	const head = "chime | mời công dân có số thứ tự | "
	cases := []struct {
		code, counter string
		opt           Options
		want          string // Labels of the script, after head
	}{
		{"B-0012", "3", Options{}, "B | không | không | một | hai | đến quầy số | ba"},
		{"B-0012", "3", Options{TicketAsNumber: true}, "B | mười | hai | đến quầy số | ba"},
		{"A-0105", "12", Options{TicketAsNumber: true}, "A | một | trăm | linh | năm | đến quầy số | mười | hai"},
		{"a0021", "21", Options{TicketAsNumber: true}, "A | hai | mươi | mốt | đến quầy số | hai | mươi | mốt"},
		{"AB-7", "24", Options{}, "A | B | bảy | đến quầy số | hai | mươi | tư"},
		{"0042", "15", Options{}, "không | không | bốn | hai | đến quầy số | mười | lăm"},
		{" C-1000 ", " 03 ", Options{TicketAsNumber: true}, "C | một | nghìn | đến quầy số | ba"},
		{"B-0000", "10", Options{TicketAsNumber: true}, "B | không | đến quầy số | mười"},
		{"B-0001", "3B", Options{}, "B | không | không | không | một | đến quầy số | ba | B"},
		{"B-0001", "VIP-2", Options{}, "B | không | không | không | một | đến quầy số | V | I | P | hai"},
		{"B-0001", "123456", Options{}, "B | không | không | không | một | đến quầy số | một | hai | ba | bốn | năm | sáu"},
	}
	for _, c := range cases {
		s, err := Script(c.code, c.counter, c.opt)
		if err != nil {
			t.Errorf("Script(%q, %q, %+v): %v", c.code, c.counter, c.opt, err)
			continue
		}
		if got := Labels(s); got != head+c.want {
			t.Errorf("Script(%q, %q, %+v)\n got %q\nwant %q", c.code, c.counter, c.opt, got, head+c.want)
		}
		for _, n := range s {
			if _, ok := clipIndex[n]; !ok {
				t.Errorf("Script(%q, %q) uses %q, not a clip", c.code, c.counter, n)
			}
		}
	}
}

func TestScriptNames(t *testing.T) {
	s, err := Script("B-0012", "3", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "chime phrase_moi_cong_dan letter_b digit_0 digit_0 digit_1 digit_2 phrase_den_quay_so digit_3"
	if got := strings.Join(s, " "); got != want {
		t.Errorf("Script = %q, want %q", got, want)
	}
	if got := Text(s); got != "mời công dân có số thứ tự bê không không một hai đến quầy số ba" {
		t.Errorf("Text = %q", got)
	}
}

func TestScriptBadInput(t *testing.T) {
	cases := []struct {
		code, counter string
		opt           Options
		mention       string
	}{
		{"", "3", Options{}, "empty ticket"},
		{"   ", "3", Options{}, "empty ticket"},
		{"B-", "3", Options{}, "ticket code"},
		{"B", "3", Options{}, "ticket code"},
		{"Đ-0012", "3", Options{}, "ticket code"},
		{"B-00x2", "3", Options{}, "ticket code"},
		{"B--12", "3", Options{}, "ticket code"},
		{"B-123456789", "3", Options{}, "more than"},
		{"B-12345", "3", Options{TicketAsNumber: true}, "above 9999"},
		{"B-0012", "", Options{}, "empty counter"},
		{"B-0012", "Quầy 3", Options{}, "no clip for 'ầ'"},
		{"B-0012", "3#", Options{}, "no clip for '#'"},
		{"B-0012", " - ", Options{}, "no letter or digit"},
	}
	for _, c := range cases {
		s, err := Script(c.code, c.counter, c.opt)
		if err == nil {
			t.Errorf("Script(%q, %q) = %v, want an error", c.code, c.counter, s)
			continue
		}
		if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("Script(%q, %q): error %q, want ErrInput mentioning %q", c.code, c.counter, err, c.mention)
		}
	}
}
