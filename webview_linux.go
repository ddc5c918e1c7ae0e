//go:build linux

package main

/*
#cgo linux pkg-config: gtk+-3.0
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#include <webkit2/webkit2.h>

void motcua_hook_web_view(void);
*/
import "C"

import (
	"log/slog"
	"os"
	"sync"
	"time"
)

// A kiosk runs for weeks, and WebKit's web process (the page) can die under
// it: a crash, or the kernel's OOM killer. WebKitGTK then signals
// web-process-terminated and leaves a blank window. Wails v2 neither handles
// the signal nor exposes its web view, so the kiosk finds the view itself
// (webview_linux.c) once the first page has loaded and reloads the page
// whenever the web process dies.
//
// A web process that keeps dying (a broken GPU driver, memory that is never
// enough) is not cured by reloads: more than webProcessDeathsMax deaths within
// webProcessDeathWindow make the kiosk exit with webProcessLoopExit, and
// systemd (Restart=always) starts a fresh kiosk, which also starts a fresh
// WebKit. Three reloads in five minutes still cover a rare crash or two
// without letting a loop spin on a blank screen for long.
const (
	webProcessDeathsMax   = 3
	webProcessDeathWindow = 5 * time.Minute
	// webProcessLoopExit is EX_SOFTWARE: non-zero, and not core.ExitRestart
	// (75), which the systemd unit counts as a planned, successful exit.
	webProcessLoopExit = 70
	// quitGrace bounds the orderly shutdown after a crash loop; then the
	// process exits anyway.
	quitGrace = 15 * time.Second
)

var webview struct {
	once     sync.Once
	mu       sync.Mutex
	deaths   deathLog
	quit     func(code int) // App.quit
	quitting bool           // the crash loop is ending the kiosk
}

// watchWebProcess hooks the web view, once; later calls do nothing. It may be
// called from any goroutine after the window is up (App.domReady).
func watchWebProcess(quit func(code int)) {
	webview.once.Do(func() {
		webview.mu.Lock()
		webview.quit = quit
		webview.deaths = deathLog{max: webProcessDeathsMax, window: webProcessDeathWindow}
		webview.mu.Unlock()
		C.motcua_hook_web_view()
	})
}

//export motcuaWebViewHooked
func motcuaWebViewHooked(found C.int) {
	if found == 0 {
		slog.Error("web view not found: the page will not be reloaded if WebKit's web process dies")
		return
	}
	slog.Info("watching the web process", "max_deaths", webProcessDeathsMax, "window", webProcessDeathWindow)
}

// motcuaWebProcessTerminated runs on the GTK main thread when the web process
// has died. It returns 1 to reload the page, 0 when the kiosk exits instead.
//
//export motcuaWebProcessTerminated
func motcuaWebProcessTerminated(reason C.int) C.int {
	why := terminationReason(reason)
	webview.mu.Lock()
	if webview.quitting {
		webview.mu.Unlock()
		slog.Warn("web process ended while the kiosk quits", "reason", why)
		return 0
	}
	n, loop := webview.deaths.add(time.Now())
	webview.quitting = loop
	quit := webview.quit
	webview.mu.Unlock()
	if loop {
		slog.Error("web process keeps dying; exiting so the kiosk is started afresh",
			"reason", why, "deaths", n, "window", webProcessDeathWindow, "exit_code", webProcessLoopExit)
		go func() {
			// If the orderly quit hangs (the window is half gone), exit anyway.
			time.AfterFunc(quitGrace, func() {
				slog.Error("orderly quit timed out; exiting", "exit_code", webProcessLoopExit)
				os.Exit(webProcessLoopExit)
			})
			quit(webProcessLoopExit)
		}()
		return 0
	}
	slog.Warn("web process ended; reloading the page", "reason", why, "deaths", n, "window", webProcessDeathWindow)
	return 1
}

func terminationReason(r C.int) string {
	switch r {
	case C.WEBKIT_WEB_PROCESS_CRASHED:
		return "crashed"
	case C.WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
		return "exceeded_memory_limit"
	case C.WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
		return "terminated_by_api"
	}
	return "unknown"
}
