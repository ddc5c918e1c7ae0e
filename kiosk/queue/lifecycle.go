package queue

import "context"

// Lifecycle is the store side of a ticket's life at the counters,
// embedded in Store; Service.Call uses CallTicket.
//
// Lines: a ticket waits in the line of Ticket.Line (its own service unless
// transferred). Store.Line(ctx, line, day) loads the tickets whose line is
// line; Waiting are those with StatusWaiting, by issue order (ticket ID);
// Called are those called from that line, in call order. A transferred
// ticket keeps its ID, so it keeps its place: it goes where its issue time
// puts it in the new line.
type Lifecycle interface {
	// CallTicket, in one atomic step (per line and day, across processes),
	// loads the line, asks pick which ticket (by ID) to call, applies mark
	// to it (which sets Status, Counter, Officer, CalledAt, Note), stores
	// the lifecycle fields and gives the ticket the next call order of the
	// line; ErrNoneWaiting when pick returns false. Two callers never get
	// the same ticket.
	CallTicket(ctx context.Context, line, day string, pick func(Line) (id int64, ok bool), mark func(*Ticket)) (Ticket, error)
	// Act changes one ticket atomically: it loads the ticket (locked
	// against every other Act and CallTicket on it), calls apply, and,
	// when apply returns nil, stores the lifecycle fields (Line, Status,
	// Counter, Officer, CalledAt, StartedAt, FinishedAt, Recalls,
	// Transfers, Note). When the status leaves StatusWaiting the ticket
	// takes the next call order of its line; when it returns to
	// StatusWaiting (a transfer) it waits again in its (new) line.
	// apply's error is returned as is and nothing is stored. ErrNoTicket.
	Act(ctx context.Context, id int64, apply func(*Ticket) error) (Ticket, error)
}

// Counters is the store side of the counter page: what is at a counter
// and who waits, read through indexes, not the whole day.
type Counters interface {
	// AtCounter lists a day's tickets called, served or parked at a
	// counter, oldest call first.
	AtCounter(ctx context.Context, counter, day string) ([]Ticket, error)
	// WaitingIn lists a day's waiting tickets of the lines, by ID, at most limit.
	WaitingIn(ctx context.Context, lines []string, day string, limit int) ([]Ticket, error)
}
