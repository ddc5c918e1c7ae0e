package core

import (
	"context"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/rating"

	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/queue"
)

// ticketing is where numbers come from: the kiosk's own store (local mode)
// or the centre server ([centre] in the config, centre_backend.go).
type ticketing interface {
	// Services lists the services with today's waiting counts.
	Services(ctx context.Context) ([]queue.ServiceView, error)
	// Issue takes a number for one citizen tap, with what the citizen did
	// at the kiosk (g, nil when they came straight to the queue).
	Issue(ctx context.Context, service, priority string, g *queue.Guidance) (queue.Ticket, error)
	// Rate stores a citizen's rating of a finished ticket found by its QR
	// or code (queue.FindRef): queue.ErrNoTicket, rating.ErrNotServed,
	// rating.ErrRated, or a *centre.Error / centre.ErrUnreachable.
	Rate(ctx context.Context, ref string, stars int, reasons []string, comment string) error
	// Print prints t on the kiosk's printer. On failure the returned ticket
	// is still valid (state failed, advice set) and the error says why.
	Print(ctx context.Context, p doc.Printer, t queue.Ticket) (queue.Ticket, error)
}

// localTicketing is the in-process queue on the kiosk's own SQLite file.
type localTicketing struct {
	q      *queue.Service
	visits rating.VisitStore
	now    func() time.Time
}

func (l localTicketing) Services(ctx context.Context) ([]queue.ServiceView, error) {
	return l.q.Services(ctx)
}

func (l localTicketing) Issue(ctx context.Context, service, priority string, g *queue.Guidance) (queue.Ticket, error) {
	return l.q.IssueGuided(ctx, service, priority, "", g)
}

// Rate checks and stores a visit rating as the centre does
// (rating.NewVisit, one per ticket).
func (l localTicketing) Rate(ctx context.Context, ref string, stars int, reasons []string, comment string) error {
	t, err := l.q.FindRef(ctx, ref)
	if err != nil {
		return err
	}
	v, err := rating.NewVisit(t, stars, reasons, comment, l.now(), centre.RateWithin)
	if err != nil {
		return err
	}
	if l.visits == nil {
		return errNoStore
	}
	return l.visits.AddVisit(ctx, v)
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
		var vs rating.VisitStore
		if k.db != nil {
			vs = k.db
		}
		return localTicketing{q: k.queue, visits: vs, now: k.now}
	}
	return nil
}
