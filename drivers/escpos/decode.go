package escpos

import (
	"errors"
	"fmt"
)

// Cmd is one decoded command.
type Cmd struct {
	Name string // init, leave-kanji, align, bold, size, codepage, text, feed, cut, qr-*, raster, status
	Arg  int
	Data []byte // text bytes, QR data, raster bits
	W, H int    // raster width in bytes, height in dots
}

// ErrTruncated means the stream ends inside a command (wait for more bytes).
var ErrTruncated = errors.New("escpos: truncated command")

// Decode parses one command at the start of p and returns it and its length.
func Decode(p []byte) (Cmd, int, error) {
	if len(p) == 0 {
		return Cmd{}, 0, ErrTruncated
	}
	need := func(n int) error {
		if len(p) < n {
			return ErrTruncated
		}
		return nil
	}
	switch p[0] {
	case 0:
		return Cmd{Name: "nul"}, 1, nil
	case LF:
		return Cmd{Name: "text"}, 1, nil
	case DLE:
		if err := need(3); err != nil {
			return Cmd{}, 0, err
		}
		if p[1] != EOT {
			return Cmd{}, 0, fmt.Errorf("escpos: unknown DLE %#x", p[1])
		}
		return Cmd{Name: "status", Arg: int(p[2])}, 3, nil
	case FS:
		if err := need(2); err != nil {
			return Cmd{}, 0, err
		}
		switch p[1] {
		case '.':
			return Cmd{Name: "leave-kanji"}, 2, nil
		case '&':
			return Cmd{Name: "enter-kanji"}, 2, nil
		}
		return Cmd{}, 0, fmt.Errorf("escpos: unknown FS %q", p[1])
	case ESC:
		if err := need(2); err != nil {
			return Cmd{}, 0, err
		}
		switch p[1] {
		case '@':
			return Cmd{Name: "init"}, 2, nil
		case 'a', 'E', 't', 'd', 'J':
			if err := need(3); err != nil {
				return Cmd{}, 0, err
			}
			name := map[byte]string{'a': "align", 'E': "bold", 't': "codepage", 'd': "feed", 'J': "feed-dots"}[p[1]]
			return Cmd{Name: name, Arg: int(p[2])}, 3, nil
		}
		return Cmd{}, 0, fmt.Errorf("escpos: unknown ESC %q", p[1])
	case GS:
		if err := need(2); err != nil {
			return Cmd{}, 0, err
		}
		switch p[1] {
		case '!':
			if err := need(3); err != nil {
				return Cmd{}, 0, err
			}
			return Cmd{Name: "size", Arg: int(p[2])}, 3, nil
		case 'V':
			if err := need(3); err != nil {
				return Cmd{}, 0, err
			}
			if p[2] == 65 || p[2] == 66 {
				if err := need(4); err != nil {
					return Cmd{}, 0, err
				}
				return Cmd{Name: "cut", Arg: int(p[2])}, 4, nil
			}
			return Cmd{Name: "cut", Arg: int(p[2])}, 3, nil
		case '(':
			if err := need(5); err != nil {
				return Cmd{}, 0, err
			}
			n := int(p[3]) | int(p[4])<<8
			if err := need(5 + n); err != nil {
				return Cmd{}, 0, err
			}
			if p[2] != 'k' || n < 2 || p[5] != 49 {
				return Cmd{}, 0, fmt.Errorf("escpos: unsupported GS ( %q", p[2])
			}
			body := p[7 : 5+n]
			switch p[6] {
			case 80:
				return Cmd{Name: "qr-store", Data: append([]byte(nil), body[1:]...)}, 5 + n, nil
			case 81:
				return Cmd{Name: "qr-print"}, 5 + n, nil
			case 65, 67, 69:
				return Cmd{Name: fmt.Sprintf("qr-fn%d", p[6]), Arg: int(body[0])}, 5 + n, nil
			}
			return Cmd{}, 0, fmt.Errorf("escpos: unsupported QR function %d", p[6])
		case 'v':
			if err := need(8); err != nil {
				return Cmd{}, 0, err
			}
			w := int(p[4]) | int(p[5])<<8
			h := int(p[6]) | int(p[7])<<8
			if err := need(8 + w*h); err != nil {
				return Cmd{}, 0, err
			}
			return Cmd{Name: "raster", W: w, H: h, Data: append([]byte(nil), p[8:8+w*h]...)}, 8 + w*h, nil
		}
		return Cmd{}, 0, fmt.Errorf("escpos: unknown GS %q", p[1])
	}
	// Printable text up to the next control byte.
	i := 0
	for i < len(p) && p[i] != LF && p[i] != ESC && p[i] != GS && p[i] != DLE && p[i] != FS && p[i] != 0 {
		i++
	}
	if i == len(p) {
		return Cmd{}, 0, ErrTruncated // text continues until its LF
	}
	if p[i] == LF {
		return Cmd{Name: "text", Data: append([]byte(nil), p[:i]...)}, i + 1, nil
	}
	return Cmd{Name: "text", Data: append([]byte(nil), p[:i]...)}, i, nil
}
