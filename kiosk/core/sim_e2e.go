//go:build e2e

package core

// Simulator hooks for the end-to-end tests, compiled only with the e2e tag.

// SimPrinterSet sets the simulated printer's condition (see simPrinterSet).
func (k *Kiosk) SimPrinterSet(cond string) error { return k.simPrinterSet(cond) }

// SimPrinterJobs lists what the simulated printer printed.
func (k *Kiosk) SimPrinterJobs() []SimJob { return k.simPrinterJobs() }

// SimReaderSend makes the simulated reader send a generated card.
func (k *Kiosk) SimReaderSend(kind string) error { return k.simReaderSend(kind) }
