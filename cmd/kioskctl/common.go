package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// storeFlags adds --config and --db to a subcommand's flags.
type storeFlags struct {
	config string
	db     string
}

func (s *storeFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&s.config, "config", "", "config file (default: $KIOSK_CONFIG or <data dir>/kiosk.toml)")
	fs.StringVar(&s.db, "db", "", "store file (default: from the config)")
}

// load returns the config and opens the store the kiosk uses.
func (s *storeFlags) open(ctx context.Context) (config.Config, *sqlite.DB, error) {
	cfg, _, err := config.Load(config.Resolve(s.config))
	if err != nil {
		return cfg, nil, err
	}
	path := s.db
	if path == "" {
		if path, err = cfg.StorePath(); err != nil {
			return cfg, nil, err
		}
	}
	db, err := sqlite.Open(ctx, path)
	return cfg, db, err
}

func fail(w io.Writer, format string, a ...any) int {
	fmt.Fprintf(w, format+"\n", a...)
	return 1
}
