//go:build e2e

package uiapi

import (
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Sim is bound as window.go.uiapi.Sim in the e2e build only: the tests use it
// to change the simulated devices' condition and read what was printed.
type Sim struct{ k *core.Kiosk }

// NewSim wraps a runtime's simulators.
func NewSim(k *core.Kiosk) *Sim { return &Sim{k: k} }

// PrinterSet sets the simulated printer's condition ("ok", "paper_end", …).
func (s *Sim) PrinterSet(cond string) error { return s.k.SimPrinterSet(cond) }

// PrinterJobs lists what the simulated printer printed.
func (s *Sim) PrinterJobs() []core.SimJob { return s.k.SimPrinterJobs() }

// ReaderSend makes the simulated reader send a card: "qr", "mrz" or "garbled".
func (s *Sim) ReaderSend(kind string) error { return s.k.SimReaderSend(kind) }

// Ticket reads a stored ticket by code or QR, with its guidance (local mode).
func (s *Sim) Ticket(ref string) (queue.Ticket, error) { return s.k.SimTicket(ref) }

// Serve calls, starts and finishes a ticket at counter (local mode).
func (s *Sim) Serve(ref, counter string) (queue.Ticket, error) { return s.k.SimServe(ref, counter) }
