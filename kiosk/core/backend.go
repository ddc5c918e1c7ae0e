package core

import (
	"context"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/queue"
)

// ticketing is where numbers come from: the kiosk's own store (local mode)
// or the centre server ([centre] in the config, centre_backend.go).
type ticketing interface {
	// Services lists the services with today's waiting counts.
	Services(ctx context.Context) ([]queue.ServiceView, error)
	// Issue takes a number for one citizen tap.
	Issue(ctx context.Context, service, priority string) (queue.Ticket, error)
	// Print prints t on the kiosk's printer. On failure the returned ticket
	// is still valid (state failed, advice set) and the error says why.
	Print(ctx context.Context, p doc.Printer, t queue.Ticket) (queue.Ticket, error)
}

// localTicketing is the in-process queue on the kiosk's own SQLite file.
type localTicketing struct{ q *queue.Service }

func (l localTicketing) Services(ctx context.Context) ([]queue.ServiceView, error) {
	return l.q.Services(ctx)
}

func (l localTicketing) Issue(ctx context.Context, service, priority string) (queue.Ticket, error) {
	return l.q.Issue(ctx, service, priority)
}

func (l localTicketing) Print(ctx context.Context, p doc.Printer, t queue.Ticket) (queue.Ticket, error) {
	return l.q.Print(ctx, p, t)
}

// tickets is the active ticketing backend (nil when the store is down in
// local mode).
func (k *Kiosk) tickets() ticketing {
	if k.centre != nil {
		return k.centre
	}
	if k.queue != nil {
		return localTicketing{k.queue}
	}
	return nil
}
