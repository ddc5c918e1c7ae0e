// The kiosk's desktop shell: a Wails v2 window in kiosk mode around the
// Svelte touch UI. Everything it does lives in kiosk/ and drivers/; this
// package only sets up the window and binds the UI API (kiosk/uiapi).
package main

import (
	"embed"
	"fmt"
	"log/slog"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"github.com/motcua/kiosk/config"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	if len(os.Args) > 1 && os.Args[1] == superviseArg {
		os.Exit(supervise(os.Args[2:]))
	}
	// Keep this light: `wails build` runs the binary to generate bindings, and
	// anything slow before wails.Run would hang that step. Devices and the
	// store start in App.startup.
	cfgPath := config.Resolve("")
	cfg, exists, cfgErr := config.Load(cfgPath)
	if cfgErr != nil {
		// Start anyway with the defaults so the screen can tell staff what is wrong.
		cfg = config.Default()
	}
	app := NewApp(cfg, cfgPath, exists, cfgErr)

	err := wails.Run(&options.App{
		Title:                    "Kiosk một cửa",
		Width:                    cfg.Window.Width,
		Height:                   cfg.Window.Height,
		MinWidth:                 320,
		MinHeight:                320,
		WindowStartState:         windowState(cfg),
		Frameless:                cfg.Window.Mode == "fullscreen",
		DisableResize:            cfg.Window.Mode == "fullscreen",
		AlwaysOnTop:              cfg.Window.Mode == "fullscreen",
		BackgroundColour:         &options.RGBA{R: 0, G: 61, B: 122, A: 255},
		AssetServer:              &assetserver.Options{Assets: assets},
		EnableDefaultContextMenu: false,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               "vn.motcua.kiosk",
			OnSecondInstanceLaunch: app.onSecondInstance,
		},
		OnStartup:     app.startup,
		OnDomReady:    app.domReady,
		OnShutdown:    app.shutdown,
		OnBeforeClose: app.beforeClose,
		Bind:          bound(app.kiosk),
		Linux: &linux.Options{
			WebviewGpuPolicy: gpuPolicy(cfg.Window.GPU),
			ProgramName:      "motcua-kiosk",
		},
		Windows: &windows.Options{
			IsZoomControlEnabled: false,
			DisablePinchZoom:     true,
			ZoomFactor:           1.0,
		},
	})
	if err != nil {
		slog.Error("kiosk window failed", "err", err)
		fmt.Fprintln(os.Stderr, "kiosk:", err)
		os.Exit(1)
	}
	// The nightly restart (core.ExitRestart) or another planned exit code.
	if code := app.exitCode.Load(); code != 0 {
		os.Exit(int(code))
	}
}

func windowState(cfg config.Config) options.WindowStartState {
	if cfg.Window.Mode == "fullscreen" {
		return options.Fullscreen
	}
	return options.Normal
}

// gpuPolicy maps the config to WebKitGTK's policy. The default is "never":
// cheap kiosk PCs often have GPU drivers that give WebKit a blank window.
func gpuPolicy(s string) linux.WebviewGpuPolicy {
	switch s {
	case "always":
		return linux.WebviewGpuPolicyAlways
	case "ondemand":
		return linux.WebviewGpuPolicyOnDemand
	default:
		return linux.WebviewGpuPolicyNever
	}
}
