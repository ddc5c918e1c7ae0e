package centre

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Broker timings and sizes.
var (
	PollEvery  = 2 * time.Second // the broker reads the log even without a signal
	SubBuffer  = 256             // live events queued per client before it is dropped
	WriteGrace = 10 * time.Second
)

const pageSize = 500

// logEmitter appends the domain services' events to the event log.
// Emitter is the server's emitter: events go to the log every device
// follows. A lone kiosk's own queue uses it, so the pages it serves see
// its tickets.
func (s *Server) Emitter() events.Emitter { return s.emit }

type logEmitter struct {
	log events.Log
	now func() time.Time
	lg  *slog.Logger
}

// Emit implements events.Emitter.
func (e *logEmitter) Emit(name string, data any) {
	if v, ok := data.(payment.View); ok { // the kiosk that shows the QR has it: keep events small
		v.QRPng, v.Payload = "", ""
		data = v
	}
	if c, ok := data.(queue.Call); ok && c.At == "" { // the hall display skips replayed calls by their age
		c.At = e.now().UTC().Format(time.RFC3339)
		data = c
	}
	raw, err := json.Marshal(data)
	if err != nil {
		e.lg.Error("event not logged: encode", "event", name, "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := e.log.AppendEvent(ctx, name, raw, e.now()); err != nil {
		e.lg.Error("event not logged; displays miss it until they reload", "event", name, "err", err)
	}
}

// broker fans the event log out to connected SSE clients: one goroutine
// waits on the log's signal and reads what is new.
type broker struct {
	log events.Log
	lg  *slog.Logger

	mu   sync.Mutex
	last int64 // newest event handed to subscribers
	subs map[*subscriber]struct{}
}

// subscriber is one SSE client's queue of live events.
type subscriber struct {
	name string // the device, for logs
	ch   chan events.Stored
	gone chan struct{} // closed when dropped for being slow
}

func newBroker(ctx context.Context, log events.Log, lg *slog.Logger) (*broker, error) {
	last, err := log.LastEventID(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the event log: %w", err)
	}
	return &broker{log: log, lg: lg, last: last, subs: map[*subscriber]struct{}{}}, nil
}

// subscribe registers a client; events with ID > upto come through the
// subscriber, the caller reads the ones up to upto from the log.
func (b *broker) subscribe(name string) (sub *subscriber, upto int64) {
	sub = &subscriber{name: name, ch: make(chan events.Stored, SubBuffer), gone: make(chan struct{})}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[sub] = struct{}{}
	return sub, b.last
}

func (b *broker) unsubscribe(sub *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[sub]; ok {
		delete(b.subs, sub)
		close(sub.gone)
	}
}

// run reads new events after every signal (and every PollEvery) until ctx ends.
func (b *broker) run(ctx context.Context) {
	sig := b.log.EventSignal(ctx)
	poll := time.NewTicker(PollEvery)
	defer poll.Stop()
	for {
		b.fetch(ctx)
		select {
		case <-ctx.Done():
			return
		case <-sig:
		case <-poll.C:
		}
	}
}

// fetch hands every event after b.last to the subscribers.
func (b *broker) fetch(ctx context.Context) {
	for ctx.Err() == nil {
		b.mu.Lock()
		after := b.last
		b.mu.Unlock()
		evs, err := b.log.EventsAfter(ctx, after, pageSize)
		if err != nil {
			if ctx.Err() == nil {
				b.lg.Error("event broker: reading the log failed; retrying", "after", after, "err", err)
			}
			return
		}
		b.publish(evs)
		if len(evs) < pageSize {
			return
		}
	}
}

func (b *broker) publish(evs []events.Stored) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range evs {
		if e.ID <= b.last {
			continue
		}
		for sub := range b.subs {
			select {
			case sub.ch <- e:
			default:
				b.lg.Warn("event stream client too slow; dropped (it reconnects and resumes)", "device", sub.name, "event", e.ID)
				delete(b.subs, sub)
				close(sub.gone)
			}
		}
		b.last = e.ID
	}
}

// events is GET /api/v1/events: the backlog after Last-Event-ID (or
// ?after=) from the log, then live events, with pings.
func (s *Server) events(w http.ResponseWriter, r *http.Request, dev device.Device) {
	after, resume, err := lastEventID(r)
	if err != nil {
		writeError(w, Error{Code: CodeBadRequest, Message: err.Error()})
		return
	}
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{}) // the server's ReadTimeout would end a long stream
	sub, upto := s.broker.subscribe(dev.Name)
	defer s.broker.unsubscribe(sub)
	if !resume {
		// A new client starts live: it reads the state, not the history.
		// "Live" is the log's newest event, read after subscribing (the
		// broker may not have fetched it yet): newer ones come through sub,
		// older ones that still arrive there are skipped below.
		if after, err = s.opt.Events.LastEventID(r.Context()); err != nil {
			s.unavailable(w, r, err)
			return
		}
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(f func() error) bool {
		rc.SetWriteDeadline(time.Now().Add(WriteGrace))
		if err := f(); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	ping := func() error { _, err := fmt.Fprint(w, ": ping\n\n"); return err }
	// The hello sets the client's last event ID (an SSE block with only an
	// id), so a client that drops before its first event resumes from here.
	if !write(func() error { _, err := fmt.Fprintf(w, ": hello\nid: %d\n\n", after); return err }) {
		return
	}
	s.log.Info("event stream opened", "device", dev.Name, "after", after, "remote", r.RemoteAddr)
	defer s.log.Info("event stream closed", "device", dev.Name, "remote", r.RemoteAddr)
	last := after
	send := func(e events.Stored) bool {
		if e.ID <= last {
			return true
		}
		last = e.ID
		return write(func() error { return writeEvent(w, e) })
	}
	for last < upto { // the backlog, up to where live events begin
		evs, err := s.opt.Events.EventsAfter(r.Context(), last, pageSize)
		if err != nil {
			s.log.Error("event stream: reading the backlog failed; the client reconnects", "device", dev.Name, "err", err)
			return
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			if e.ID > upto {
				break
			}
			if !send(e) {
				return
			}
		}
		if evs[len(evs)-1].ID >= upto || len(evs) < pageSize {
			break
		}
	}
	t := time.NewTicker(PingEvery)
	defer t.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-sub.gone:
			return
		case <-s.closing:
			return
		case e := <-sub.ch:
			if !send(e) {
				return
			}
		case <-t.C:
			if !write(ping) {
				return
			}
		}
	}
}

// writeEvent writes one SSE block.
func writeEvent(w http.ResponseWriter, e events.Stored) error {
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	_, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.ID, e.Name, data)
	return err
}

// lastEventID is where a client resumes: Last-Event-ID, else ?after=;
// resume is false when it gave neither (a new client: live events only).
func lastEventID(r *http.Request) (after int64, resume bool, err error) {
	v := r.Header.Get(HeaderLastEventID)
	if v == "" {
		v = r.URL.Query().Get("after")
	}
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, false, fmt.Errorf("bad event id %q", v)
	}
	return n, true, nil
}
