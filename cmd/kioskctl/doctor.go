package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

func init() {
	register("doctor", "check config, store and devices; JSON; exit 1 when something is down", doctor)
}

type check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

func doctor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "config file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var checks []check
	add := func(name string, err error, okDetail string) {
		c := check{Name: name, OK: err == nil, Detail: okDetail}
		if err != nil {
			c.Detail = err.Error()
		}
		checks = append(checks, c)
	}
	path := config.Resolve(*cfgPath)
	cfg, exists, err := config.Load(path)
	add("config", err, map[bool]string{true: path, false: "no file: defaults (simulated devices)"}[exists])
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	storePath, _ := cfg.StorePath()
	if db, err := sqlite.Open(ctx, storePath); err != nil {
		add("store", err, "")
	} else {
		v, _ := db.Version(ctx)
		db.Close()
		add("store", nil, storePath+" (schema "+itoa(v)+")")
	}
	dir := filepath.Dir(storePath)
	switch cfg.Printer.Driver {
	case "serial":
		p := printer.New(serialport.OpenerFor(cfg.Printer.Port, cfg.Printer.Baud, serialport.ReadTimeout), printer.Options{Profile: cfg.Profile(), Baud: cfg.Printer.Baud})
		st, err := p.Status(ctx)
		p.Close()
		detail := cfg.Printer.Port
		if err == nil && (st.PaperEnd || st.CoverOpen || !st.Online) {
			err = errString("printer reports paper end, cover open or offline")
		} else if st.PaperNearEnd {
			detail += " (paper near end)"
		}
		add("printer", err, detail)
	case "sim":
		add("printer", nil, "simulated (started by the kiosk at "+filepath.Join(dir, "printer.pty")+")")
	default:
		add("printer", nil, "disabled")
	}
	switch cfg.Reader.Driver {
	case "serial":
		p, err := serialport.Open(cfg.Reader.Port, cfg.Reader.Baud, serialport.ReadTimeout)
		if err == nil {
			p.Close()
		}
		add("reader", err, cfg.Reader.Port)
	case "sim":
		add("reader", nil, "simulated")
	default:
		add("reader", nil, "disabled")
	}
	out := map[string]any{"version": buildinfo.Version, "go": runtime.Version(), "os": runtime.GOOS + "/" + runtime.GOARCH, "kioskId": cfg.Kiosk.KioskID, "checks": checks}
	if h, err := os.Hostname(); err == nil {
		out["host"] = h
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
	for _, c := range checks {
		if !c.OK {
			return 1
		}
	}
	return 0
}

type errString string

func (e errString) Error() string { return string(e) }

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
