package centre

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/centre/web"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/dossier"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/voice"
)

// MaxBody is the largest request body the centre reads (413 above).
const MaxBody = 64 << 10

// Sweep timings of Run.
var (
	ExpireEvery = 5 * time.Second // payment expiry sweep
	PruneEvery  = time.Hour       // event log pruning
	KeepEvents  = 48 * time.Hour  // events older than this are pruned
)

// Options is what a centre server is made of. The stores are interfaces so
// the SQLite and PostgreSQL stores plug in alike.
type Options struct {
	Queue   queue.Store
	Payment payment.Store
	Devices device.Store
	Staff   staff.Store
	Audit   audit.Store
	Events  events.Log
	// Officers and Visits: nil: counter sign-in and visit ratings are off.
	Officers officer.Store
	Visits   rating.VisitStore
	// Fleet: the kiosks' latest heartbeats; nil: remote health is off.
	Fleet fleet.Store
	// Dossiers answers dossier status lookups; nil: the simulator.
	Dossiers dossier.Lookup

	Config   config.Config
	Log      *slog.Logger                // nil: slog.Default()
	Instance string                      // this instance's name (X-Centre-Instance)
	Now      func() time.Time            // nil: time.Now
	Store    string                      // "sqlite" | "postgres", reported by /healthz
	Ping     func(context.Context) error // store health; nil: read the event log
	Pages    fs.FS                       // the built pages; nil: the embedded ones (web.FS)
	Voice    *voice.Pack                 // the voice of the hall calls; nil: the embedded default pack
	// Bundles is the folder of signed bundle folders the kiosks pull
	// (api_bundles.go); "": no bundles are published.
	Bundles string
}

// Server is the centre's HTTP API over one store.
type Server struct {
	opt      Options
	log      *slog.Logger
	now      func() time.Time
	queue    *queue.Service
	staff    *staff.Service
	officers *officer.Service // nil without an officer store
	broker   *broker
	emit     events.Emitter
	pages    fs.FS
	calls    *callCache

	projected projection // the hall's last replay of the event log (hall.go)

	closing   chan struct{} // closed when the HTTP server shuts down: streams end
	closeOnce sync.Once

	payMu    sync.Mutex
	payments map[string]*payment.Service // by kiosk name (the memo's kiosk id)
	centre   *payment.Service            // notices, expiry, staff actions

	dossierOnce   sync.Once
	dossierLookup dossier.Lookup
	dossierLimit  dossierLimiter
}

// New makes a server; it reads the event log's newest ID so live events
// start where the log ends.
func New(o Options) (*Server, error) {
	if o.Queue == nil || o.Payment == nil || o.Devices == nil || o.Staff == nil || o.Audit == nil || o.Events == nil {
		return nil, errors.New("centre: every store (queue, payment, devices, staff, audit, events) is required")
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Instance == "" {
		o.Instance = "centre"
	}
	if o.Pages == nil {
		o.Pages = web.FS()
	}
	if o.Ping == nil {
		o.Ping = func(ctx context.Context) error { _, err := o.Events.LastEventID(ctx); return err }
	}
	s := &Server{opt: o, log: o.Log.With("instance", o.Instance), now: o.Now, payments: map[string]*payment.Service{}, closing: make(chan struct{})}
	s.pages = o.Pages
	s.calls = newCallCache(o.Voice, voice.Options{TicketAsNumber: o.Config.Voice.TicketAsNumber})
	s.emit = &logEmitter{log: o.Events, now: o.Now, lg: s.log}
	s.queue = queue.New(o.Queue, o.Config, o.Now)
	s.queue.SetEmitter(s.emit)
	s.staff = staff.New(o.Staff, o.Now, 0)
	if o.Officers != nil {
		s.officers = officer.New(o.Officers, o.Now, 0)
	}
	s.centre = s.paymentService(o.Instance)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := newBroker(ctx, o.Events, s.log)
	if err != nil {
		return nil, fmt.Errorf("centre: %w", err)
	}
	s.broker = b
	return s, nil
}

// paymentService is the payment service whose memos carry kioskID.
func (s *Server) paymentService(kioskID string) *payment.Service {
	s.payMu.Lock()
	defer s.payMu.Unlock()
	if p, ok := s.payments[kioskID]; ok {
		return p
	}
	p := payment.NewService(s.opt.Payment, s.opt.Config.Payment, kioskID, nil, s.emit, s.now)
	p.Log = s.log
	p.Centre = s.opt.Config.Kiosk.CentreName
	s.payments[kioskID] = p
	return p
}

// Handler is the centre's HTTP API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathHealth, s.health)
	any := []string{device.Kiosk, device.Counter, device.Display}
	s.route(mux, "GET "+PathServices, any, s.services)
	s.route(mux, "POST "+PathTickets, []string{device.Kiosk}, s.issue)
	s.route(mux, "POST "+PathCounterNext, []string{device.Counter}, s.asOfficer(s.callNext))
	s.route(mux, "GET "+PathOfficers, []string{device.Counter}, s.officersList)
	s.route(mux, "POST "+PathSignIn, []string{device.Counter}, s.signIn)
	s.route(mux, "POST "+PathSignOut, []string{device.Counter}, s.asOfficer(s.signOut))
	s.route(mux, "GET "+PathCounter, []string{device.Counter}, s.asOfficer(s.counterGet))
	s.route(mux, "POST "+PathCounterState, []string{device.Counter}, s.asOfficer(s.counterState))
	s.route(mux, "POST "+PathTicketAction, []string{device.Counter}, s.asOfficer(s.ticketAction))
	s.route(mux, "POST "+PathRatings, []string{device.Display, device.Kiosk}, s.rate)
	s.route(mux, "GET "+PathReports, []string{device.Counter}, s.staffOnly(s.reports))
	s.route(mux, "GET "+PathEvents, any, s.events)
	s.route(mux, "POST "+PathPayments, []string{device.Kiosk}, s.createPayment)
	s.route(mux, "GET "+PathPayment, []string{device.Kiosk, device.Counter}, s.getPayment)
	s.route(mux, "POST "+PathPaymentCancel, []string{device.Kiosk}, s.cancelPayment)
	s.route(mux, "POST "+PathStaffConfirm, []string{device.Counter}, s.staffOnly(s.staffConfirm))
	s.route(mux, "POST "+PathStaffVoid, []string{device.Counter}, s.staffOnly(s.staffVoid))
	s.route(mux, "GET "+PathStaffNotices, []string{device.Counter}, s.staffOnly(s.staffNotices))
	s.route(mux, "POST "+PathStaffRefund, []string{device.Counter}, s.staffOnly(s.staffRefund))
	s.route(mux, "POST "+PathStaffAssign, []string{device.Counter}, s.staffOnly(s.staffAssign))
	s.route(mux, "GET "+PathHall, any, s.hallRoute)
	s.route(mux, "GET "+PathVoiceCall, []string{device.Display, device.Counter}, s.voiceCall)
	s.routePages(mux)
	s.route(mux, "POST "+PathHeartbeat, []string{device.Kiosk}, s.heartbeat)
	s.route(mux, "GET "+PathFleet, []string{device.Counter}, s.staffOnly(s.fleetStatus))
	s.route(mux, "GET "+PathFleetAlerts, []string{device.Counter}, s.fleetAlerts)
	s.route(mux, "GET "+PathDossier, []string{device.Kiosk}, s.dossierStatus)
	s.routeBundles(mux)
	mux.Handle("POST "+PathNotify, http.MaxBytesHandler(s.centre.Receiver(), MaxBody))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(HeaderInstance, s.opt.Instance)
		mux.ServeHTTP(w, r)
	})
}

// Run does the background work until ctx ends: the event broker, the
// payment expiry sweep and event pruning.
func (s *Server) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.broker.run(ctx) }()
	go func() { defer wg.Done(); s.sweep(ctx) }()
	wg.Wait()
	s.centre.Wait()
	return nil
}

func (s *Server) sweep(ctx context.Context) {
	expire := time.NewTicker(ExpireEvery)
	defer expire.Stop()
	prune := time.NewTicker(PruneEvery)
	defer prune.Stop()
	s.prune(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-expire.C:
			if !s.opt.Config.Payment.Enabled {
				continue
			}
			if _, err := s.centre.ExpireDue(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("payment expiry sweep failed; retrying", "err", err)
			}
		case <-prune.C:
			s.prune(ctx)
		}
	}
}

func (s *Server) prune(ctx context.Context) {
	if err := s.opt.Events.PruneEvents(ctx, s.now().Add(-KeepEvents)); err != nil && ctx.Err() == nil {
		s.log.Error("event log pruning failed", "err", err)
	}
}

// health is GET /healthz: 200 when the store answers, 503 otherwise.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	h := Health{OK: true, Store: s.opt.Store, Instance: s.opt.Instance, Version: buildinfo.Version}
	status := http.StatusOK
	if err := s.opt.Ping(ctx); err != nil {
		h.OK, h.Error, status = false, err.Error(), http.StatusServiceUnavailable
		s.log.Error("health check: store not answering", "err", err)
	}
	writeJSON(w, status, h)
}

// services is GET /api/v1/services.
func (s *Server) services(w http.ResponseWriter, r *http.Request, _ device.Device) {
	svs, err := s.queue.Services(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, svs)
}

// writeJSON writes v with a status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError writes an Error body with the code's status.
func writeError(w http.ResponseWriter, e Error) {
	e.Status = StatusOf(e.Code)
	writeJSON(w, e.Status, e)
}

// unavailable answers 503 for a store failure and logs it.
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("store failure; answered 503", "route", r.Pattern, "err", err)
	writeError(w, Error{Code: CodeUnavailable, Message: "the centre's store is not answering; retry"})
}

// decode reads a JSON body of at most MaxBody bytes into v; false when it
// answered an error already.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	dec := json.NewDecoder(r.Body)
	err := dec.Decode(v)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, Error{Code: CodeTooLarge, Message: fmt.Sprintf("body larger than %d bytes", MaxBody)})
		return false
	case err != nil && !(errors.Is(err, io.EOF) && r.ContentLength <= 0):
		writeError(w, Error{Code: CodeBadRequest, Message: "malformed JSON body: " + err.Error()})
		return false
	}
	return true
}
