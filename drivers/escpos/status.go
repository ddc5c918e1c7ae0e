package escpos

import "errors"

// Status is the printer's state read with DLE EOT 1, 2 and 4.
type Status struct {
	Offline      bool
	CoverOpen    bool
	PaperEnd     bool
	PaperNearEnd bool
	Error        bool
}

// ErrBadStatus is a reply byte that is not a DLE EOT answer (fixed bits
// 0xx1xx10), e.g. line noise or an automatic status block.
var ErrBadStatus = errors.New("escpos: not a real-time status byte")

// ValidStatus reports whether b has the fixed bits of a DLE EOT reply.
func ValidStatus(b byte) bool { return b&0x93 == 0x12 }

// ApplyStatus folds reply b to DLE EOT n into s.
func ApplyStatus(s *Status, n, b byte) error {
	if !ValidStatus(b) {
		return ErrBadStatus
	}
	switch n {
	case 1:
		s.Offline = b&0x08 != 0
	case 2:
		s.CoverOpen = b&0x04 != 0
		s.PaperEnd = s.PaperEnd || b&0x20 != 0
		s.Error = b&0x40 != 0
	case 4:
		s.PaperNearEnd = b&0x0c != 0
		s.PaperEnd = s.PaperEnd || b&0x60 != 0
	}
	return nil
}

// StatusByte is what a printer in state s answers to DLE EOT n (the emulator uses it).
func StatusByte(s Status, n byte) byte {
	b := byte(0x12)
	switch n {
	case 1:
		if s.Offline {
			b |= 0x08
		}
	case 2:
		if s.CoverOpen {
			b |= 0x04
		}
		if s.PaperEnd {
			b |= 0x20
		}
		if s.Error {
			b |= 0x40
		}
	case 4:
		if s.PaperNearEnd {
			b |= 0x0c
		}
		if s.PaperEnd {
			b |= 0x60
		}
	}
	return b
}
