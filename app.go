package main

import (
	"context"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/sdnotify"
)

// processStart is taken as the package initialises, before Wails and WebKit load.
var processStart = time.Now()

// App holds the kiosk runtime and the Wails lifecycle hooks, the only code
// that calls the Wails runtime. It is not bound: the page sees only the UI
// API (kiosk/uiapi), see bound().
type App struct {
	kiosk *core.Kiosk
	ctx   context.Context
	// exitCode is what the process exits with once the window has closed:
	// set by quit (core.ExitRestart for the nightly restart).
	exitCode atomic.Int32
	ctxReady chan struct{} // closed by startup
	loads    atomic.Int64  // pages loaded into the window (domReady)
}

// NewApp builds the facade without touching disk or devices.
func NewApp(cfg config.Config, path string, exists bool, cfgErr error) *App {
	ring := core.NewLogRing(500)
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	logger := slog.New(core.Tee{slog.NewTextHandler(os.Stderr, opts), slog.NewTextHandler(ring, opts)})
	slog.SetDefault(logger)
	a := &App{ctxReady: make(chan struct{})}
	a.kiosk = core.New(core.Options{Config: cfg, ConfigPath: path, ConfigSeen: exists, ConfigErr: cfgErr, Logger: logger, Started: processStart, Ring: ring, Quit: a.quit})
	return a
}

// quit closes the window and makes main exit with code (the core calls it
// on its own goroutine, only after Start, so ctx is set).
func (a *App) quit(code int) {
	a.exitCode.Store(int32(code))
	<-a.ctxReady
	runtime.Quit(a.ctx)
}

// wailsEmitter adapts runtime.EventsEmit to events.Emitter; it must only be
// used with the context Wails handed to startup.
func wailsEmitter(ctx context.Context) events.Emitter {
	return events.Func(func(name string, data any) { runtime.EventsEmit(ctx, name, data) })
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	close(a.ctxReady)
	a.kiosk.Start(ctx, wailsEmitter(ctx))
}

// domReady runs each time a page has finished loading into the window: the
// first start and every reload (webview_linux.go reloads the page when
// WebKit's web process dies). The first one hooks the web view.
// A reload starts the screen from its home page, so the citizen session
// the dead page was in ends here too: whatever was read from a card is
// wiped now, not at the idle timeout, before the next citizen walks up.
func (a *App) domReady(ctx context.Context) {
	n := a.loads.Add(1)
	slog.Info("page loaded", "load", n)
	if n > 1 {
		a.kiosk.EndSession()
	}
	watchWebProcess(a.quit)
}

func (a *App) beforeClose(ctx context.Context) bool { return false }

// shutdown tells systemd the kiosk is stopping (so the watchdog does not
// count the shutdown as a hang) and stops the runtime.
func (a *App) shutdown(ctx context.Context) {
	if err := sdnotify.Stopping(); err != nil {
		slog.Warn("systemd notification failed", "err", err)
	}
	a.kiosk.Stop()
}

// onSecondInstance brings the running kiosk to the front instead of opening a
// second window over the same devices and store.
func (a *App) onSecondInstance(data options.SecondInstanceData) {
	if a.ctx == nil {
		return
	}
	slog.Warn("second kiosk instance refused", "args", len(data.Args))
	runtime.WindowUnminimise(a.ctx)
	runtime.Show(a.ctx)
}
