//go:build e2e

package core

import (
	"context"

	"github.com/motcua/kiosk/kiosk/queue"
)

// Simulator hooks for the end-to-end tests, compiled only with the e2e tag.

// SimPrinterSet sets the simulated printer's condition (see simPrinterSet).
func (k *Kiosk) SimPrinterSet(cond string) error { return k.simPrinterSet(cond) }

// SimPrinterJobs lists what the simulated printer printed.
func (k *Kiosk) SimPrinterJobs() []SimJob { return k.simPrinterJobs() }

// SimReaderSend makes the simulated reader send a generated card.
func (k *Kiosk) SimReaderSend(kind string) error { return k.simReaderSend(kind) }

// SimTicket reads a ticket of the kiosk's own store by its code or QR, with
// the guidance it carries (local mode).
func (k *Kiosk) SimTicket(ref string) (queue.Ticket, error) {
	if k.queue == nil {
		return queue.Ticket{}, errNoStore
	}
	return k.queue.FindRef(context.Background(), ref)
}

// SimServe calls a ticket to counter ("": its first) out of order, starts and finishes it,
// as an officer would (local mode), so the tests can rate it.
func (k *Kiosk) SimServe(ref, counter string) (queue.Ticket, error) {
	t, err := k.SimTicket(ref)
	if err != nil {
		return t, err
	}
	if counter == "" && len(t.Counters) > 0 {
		counter = t.Counters[0]
	}
	ctx := context.Background()
	d := queue.Desk{Counter: counter, Officer: "e2e"}
	if t, err = k.queue.CallOut(ctx, t.ID, d, "e2e"); err != nil {
		return t, err
	}
	if t, err = k.queue.Start(ctx, t.ID, d); err != nil {
		return t, err
	}
	return k.queue.Finish(ctx, t.ID, d)
}
