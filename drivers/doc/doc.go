// Package doc is the printable-document model shared by everything that
// prints (queue tickets, payment receipts, dossier checklists) and the
// printer drivers that render it: raster or code-page ESC/POS, or a PNG preview.
package doc

import (
	"context"
	"errors"
)

// Align is horizontal alignment.
type Align int

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Block is one element of a document, printed top to bottom.
type Block interface{ block() }

// Text is a run of text (NFC Vietnamese allowed), wrapped to the paper width.
// Size is the magnification 1..4 (1 = normal body text, 4 = the queue number).
type Text struct {
	Text  string
	Size  int
	Bold  bool
	Align Align
}

// QR is a QR code holding Data; Module is the module size in dots (0 = driver default).
type QR struct {
	Data   string
	Module int
	Align  Align
}

// Rule is a full-width separator line.
type Rule struct{}

// Feed advances the paper by Lines text lines.
type Feed struct{ Lines int }

func (Text) block() {}
func (QR) block()   {}
func (Rule) block() {}
func (Feed) block() {}

// Doc is a whole print job. Cut asks for a cut at the end when the printer has a cutter.
type Doc struct {
	Title  string // for logs and transcripts only; never personal data
	Blocks []Block
	Cut    bool
}

// Status is the printer's real-time state (DLE EOT).
type Status struct {
	Online       bool `json:"online"`
	CoverOpen    bool `json:"coverOpen"`
	PaperEnd     bool `json:"paperEnd"`
	PaperNearEnd bool `json:"paperNearEnd"`
	Connected    bool `json:"connected"`
}

// Printer prints documents. Implementations check status before and after
// each job and return one of the errors below when the job did not print.
type Printer interface {
	Print(ctx context.Context, d Doc) error
	Status(ctx context.Context) (Status, error)
}

// Print failures a caller must tell apart (wrap them with %w).
var (
	ErrPaperEnd   = errors.New("printer: out of paper")
	ErrCoverOpen  = errors.New("printer: cover open")
	ErrOffline    = errors.New("printer: offline")
	ErrUnplugged  = errors.New("printer: not connected")
	ErrNoResponse = errors.New("printer: no status response")
)
