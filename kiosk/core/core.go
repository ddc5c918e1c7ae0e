// Package core wires the kiosk together: config, store, session, devices and
// the domain services. Its exported methods are what the UI calls (the root
// package binds them into Wails unchanged), so everything here is testable
// with plain `go test`.
package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
	"github.com/motcua/kiosk/kiosk/sdnotify"
	"github.com/motcua/kiosk/kiosk/session"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
)

// Kiosk is the application facade.
type Kiosk struct {
	cfg       config.Config
	cfgPath   string
	cfgExists bool
	log       *slog.Logger
	ev        events.Emitter
	now       func() time.Time
	loc       *time.Location
	Session   *session.Manager
	db        *sqlite.DB // implements every domain Store and audit.Store

	started  time.Time
	painted  sync.Once
	staff    *staff.Service
	mode     staff.Mode
	modeOpen bool
	onConfig []func(old, new config.Config)
	assist   *assist.Book
	devices  deviceBook
	ratings  *rating.Book
	reader   readerDev
	monitor  readerMonitor
	catalog  catalogState
	printer  printerDev
	// printerWatch tunes the printer's reconnect loop (tests: a fake
	// clock); OnChange is always the kiosk's.
	printerWatch printer.WatchOptions
	queue        *queue.Service
	ledger       *payment.Ledger
	centre       *centreBackend // nil in local mode
	ring         *LogRing
	ui           *sdnotify.UI   // systemd's watchdog, fed by the screen's Alive pings
	quit         func(code int) // Options.Quit
	restart      restartState   // the clock's nightly restart (restart.go)

	mu       sync.Mutex
	problems []Problem
	hallAddr string    // where the hall pages listen ([centre] listen), once started
	lastErr  string    // newest fault, for the heartbeat
	upSince  time.Time // when Start ran (the heartbeat's uptime)
	stop     context.CancelFunc
	wg       sync.WaitGroup
}

// Problem is a start-up or device fault shown to staff on the service screen.
type Problem struct {
	Area      string `json:"area"`      // config | store | printer | reader | catalog | payment
	Citizen   string `json:"citizen"`   // plain Vietnamese for the screen
	CitizenEN string `json:"citizenEn"` // English second
	Detail    string `json:"detail"`    // for the technician; never personal data
}

// Options configure New.
type Options struct {
	Config     config.Config
	ConfigPath string
	ConfigSeen bool  // the file existed
	ConfigErr  error // the file existed but was invalid; defaults are in use
	Logger     *slog.Logger
	Now        func() time.Time
	Started    time.Time // process start, for the start-up figure
	Ring       *LogRing  // recent log lines for technicians (optional)
	// Quit asks the shell to close the window and exit the process with
	// code (ExitRestart for the nightly restart). The root package wires it
	// to the Wails runtime; nil (tests, tools): the kiosk only logs. It is
	// called on its own goroutine.
	Quit func(code int)
}

// New builds the kiosk without touching disk or devices; call Start.
func New(o Options) *Kiosk {
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	loc, err := time.LoadLocation(o.Config.Kiosk.Timezone)
	if err != nil {
		loc = time.FixedZone("ICT", 7*3600)
	}
	k := &Kiosk{ui: &sdnotify.UI{}, quit: o.Quit, ring: o.Ring, started: o.Started, cfg: o.Config, cfgPath: o.ConfigPath, cfgExists: o.ConfigSeen, log: o.Logger, now: o.Now, loc: loc, ev: events.Discard}
	if o.ConfigErr != nil {
		k.addProblem(Problem{Area: "config",
			Citizen:   text.KioskReconfiguring.VI,
			CitizenEN: text.KioskReconfiguring.EN,
			Detail:    o.ConfigErr.Error()})
		k.log.Error("config invalid, running on defaults", "path", o.ConfigPath, "err", o.ConfigErr)
	}
	k.mode.Timeout = 2 * time.Minute
	k.Session = session.New(
		time.Duration(o.Config.Session.IdleSeconds)*time.Second,
		time.Duration(o.Config.Session.CountdownSeconds)*time.Second,
		o.Config.Kiosk.Language, k)
	k.onConfigChange(func(_, c config.Config) {
		k.Session.SetTimings(time.Duration(c.Session.IdleSeconds)*time.Second, time.Duration(c.Session.CountdownSeconds)*time.Second)
	})
	return k
}

// Emit forwards to the UI emitter set by Start (a Kiosk is itself an Emitter
// so services built before Start still reach the UI).
func (k *Kiosk) Emit(name string, data any) {
	k.mu.Lock()
	ev := k.ev
	k.mu.Unlock()
	ev.Emit(name, data)
}

// Start opens the store and devices and starts the session clock. Failures
// become Problems on the service screen; Start itself only fails on a bug.
func (k *Kiosk) Start(ctx context.Context, ev events.Emitter) {
	k.mu.Lock()
	if ev != nil {
		k.ev = ev
	}
	ctx, k.stop = context.WithCancel(ctx)
	k.upSince = k.started
	if k.upSince.IsZero() {
		k.upSince = k.now()
	}
	k.mu.Unlock()

	if err := k.openStore(ctx); err != nil {
		k.addProblem(storeProblem(err))
		k.log.Error("store unavailable", "err", err)
	}
	k.loadCatalog(ctx)
	k.startReader(ctx, k.Config().Reader)
	k.startPrinter(k.Config())
	k.startCentre(ctx)
	k.startHall(ctx)
	if k.centre == nil {
		k.startPayments(ctx) // with a centre, bank notices go to the centre
	}
	k.onConfigChange(func(old, c config.Config) {
		if old.Reader != c.Reader {
			k.startReader(ctx, c.Reader)
		}
		if old.Printer != c.Printer {
			k.startPrinter(c)
		}
	})
	k.wg.Add(1)
	go k.clock(ctx)
	k.wg.Add(1)
	go func() { defer k.wg.Done(); k.ui.Start(ctx) }()
	k.log.Info("kiosk started", "version", buildinfo.Version, "kiosk_id", k.cfg.Kiosk.KioskID, "config", k.cfgPath, "config_file", k.cfgExists)
}

func (k *Kiosk) openStore(ctx context.Context) error {
	path, err := k.cfg.StorePath()
	if err != nil {
		return fmt.Errorf("locate data dir: %w", err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	k.db = db
	k.staff = staff.New(db, k.now, 0)
	k.assist = assist.New(db, k.now)
	k.ratings = rating.New(db, k.loc, k.now)
	k.queue = queue.New(db, k.Config(), k.now)
	k.ledger = payment.New(db, time.Duration(k.Config().Payment.ExpiryMinutes)*time.Minute, k.now)
	k.logEvent(ctx, "kiosk_start", buildinfo.Version)
	return nil
}

func storeProblem(err error) Problem {
	p := Problem{Area: "store",
		Citizen:   text.KioskOutOfService.VI,
		CitizenEN: text.KioskOutOfService.EN,
		Detail:    err.Error()}
	switch {
	case errors.Is(err, sqlite.ErrLocked):
		p.Detail = "Store file is locked (is another kiosk process running?): " + err.Error()
	case errors.Is(err, sqlite.ErrUnwritable):
		p.Detail = "Data directory is not writable (check permissions or set store.path): " + err.Error()
	case errors.Is(err, sqlite.ErrCorrupt):
		p.Detail = "Store file is damaged (restore a backup or move it aside): " + err.Error()
	}
	return p
}

// clock drives the idle logic, mode timeout and nightly restart four times a
// second, and expires overdue payments every few seconds: the kiosk's one timer.
func (k *Kiosk) clock(ctx context.Context) {
	defer k.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	var swept time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			now := k.now()
			k.Session.Tick(now)
			k.tickMode(now)
			k.tickRestart(now)
			if k.centre == nil && now.Sub(swept) >= 5*time.Second {
				swept = now
				k.sweepPayments()
			}
		}
	}
}

// Stop ends the session, stops background work and closes the store.
func (k *Kiosk) Stop() {
	k.Session.End(k.now(), "shutdown")
	k.mu.Lock()
	stop := k.stop
	k.mu.Unlock()
	if stop != nil {
		stop()
	}
	k.wg.Wait()
	k.printer.mu.Lock()
	if k.printer.drv != nil {
		k.printer.drv.Close()
	}
	if k.printer.sim != nil {
		k.printer.sim.Close()
	}
	k.printer.mu.Unlock()
	k.reader.stop()
	k.reader.mu.Lock()
	if k.reader.sim != nil {
		k.reader.sim.Close()
	}
	k.reader.mu.Unlock()
	if k.db != nil {
		k.db.Close()
	}
}

func (k *Kiosk) addProblem(p Problem) {
	k.mu.Lock()
	k.problems = append(k.problems, p)
	k.mu.Unlock()
	k.noteError(p.Area + ": " + p.Detail)
}

// logEvent writes a non-personal operational event to the store.
func (k *Kiosk) logEvent(ctx context.Context, kind, detail string) {
	if k.db == nil {
		return
	}
	if err := (audit.Log{Store: k.db, Now: k.now}).Event(ctx, kind, detail); err != nil {
		k.log.Warn("event not recorded", "kind", kind, "err", err)
	}
}

// RecentLog is what the log ring holds ("" without one).
func (k *Kiosk) RecentLog() string {
	if k.ring == nil {
		return ""
	}
	return k.ring.String()
}
