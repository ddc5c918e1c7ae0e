package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/dossier"
	"github.com/motcua/kiosk/kiosk/voice"
)

func providerName(p string) string {
	if p == "" {
		return "sim"
	}
	return p
}

// listening is called with the bound address once serve listens (tests).
var listening = func(addr string) {}

// serveCmd runs the centre until SIGINT/SIGTERM (ctx).
func serveCmd(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
	cfgPath := fs.String("config", "", "TOML config ([queue], [payment], [kiosk] timezone); default: the sample services and counters")
	host, _ := os.Hostname()
	instance := fs.String("instance", host, "this instance's name (logs, X-Centre-Instance)")
	cert := fs.String("tls-cert", "", "TLS certificate file (with --tls-key)")
	key := fs.String("tls-key", "", "TLS key file")
	bundles := fs.String("bundles", "", "folder of signed bundle folders (kioskctl bundle sign) the kiosks pull; empty: none published")
	proxy := fs.Bool("behind-proxy", false, "TLS ends at a reverse proxy in front of this listener (README: centre)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*cert == "") != (*key == "") {
		return fail(stderr, "serve: --tls-cert and --tls-key go together")
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg := config.Default()
	if *cfgPath != "" {
		c, exists, err := config.Load(*cfgPath)
		if err != nil {
			return fail(stderr, "serve: %v", err)
		}
		if !exists {
			return fail(stderr, "serve: config %s: no such file", *cfgPath)
		}
		cfg = c
	} else {
		log.Info("no --config: serving the sample services and counters", "services", len(cfg.Queue.Services))
	}
	var pack *voice.Pack // nil: the built-in voice, loaded on the first call
	if cfg.Voice.Pack != "" {
		var err error
		if pack, err = voice.LoadDir(cfg.Voice.Pack); err != nil {
			return fail(stderr, "serve: [voice] pack: %v", err)
		}
		log.Info("hall calls use a recorded voice pack", "pack", cfg.Voice.Pack)
	}
	if *bundles != "" {
		if fi, err := os.Stat(*bundles); err != nil || !fi.IsDir() {
			return fail(stderr, "serve: --bundles %s: not a folder", *bundles)
		}
		log.Info("publishing signed bundles to the kiosks", "dir", *bundles)
	}
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "serve: %v", err)
	}
	defer closeStore()
	// The dossier lookup: the province's credentials stay in this config.
	lookup, err := dossier.FromConfig(cfg.Dossier, log, nil)
	if err != nil {
		return fail(stderr, "serve: %v", err)
	}
	log.Info("dossier lookup", "provider", providerName(cfg.Dossier.Provider), "province", cfg.Dossier.Province)
	srv, err := centre.New(centre.Options{Dossiers: lookup, Queue: st.Queue, Payment: st.Payment, Devices: st.Devices, Staff: st.Staff,
		Audit: st.Audit, Events: st.Events, Officers: st.Officers, Visits: st.Visits, Fleet: st.Fleet, Config: cfg, Log: log, Instance: *instance, Store: st.Kind, Ping: st.Ping, Voice: pack, Bundles: *bundles})
	if err != nil {
		return fail(stderr, "serve: %v", err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fail(stderr, "serve: listen on %s: %v (is another centre running there?)", *listen, err)
	}
	listening(ln.Addr().String())
	if !config.Loopback(*listen) && *cert == "" && !*proxy {
		log.Warn("listening on the network over plain HTTP: device tokens, staff PINs and bank notices cross it unencrypted; "+
			"give --tls-cert/--tls-key, or put the centre behind the reverse proxy (README: centre) and pass --behind-proxy", "listen", *listen)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); srv.Run(ctx) }()
	err = srv.Serve(ctx, ln, *cert, *key)
	cancel()
	wg.Wait()
	if err != nil {
		log.Error("centre stopped", "err", err)
		return 1
	}
	log.Info("centre stopped", "at", time.Now().Format(time.RFC3339))
	return 0
}
