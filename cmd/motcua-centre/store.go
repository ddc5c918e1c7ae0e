package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

// stores is one opened store seen through the interfaces the centre uses.
type stores struct {
	Kind    string // sqlite | postgres
	Queue   queue.Store
	Payment payment.Store
	Devices device.Store
	Staff   staff.Store
	Audit   audit.Store
	Events  events.Log
	Ping    func(context.Context) error
}

// errNoPostgres is the answer to a postgres:// DSN until kiosk/postgres lands.
var errNoPostgres = errors.New("PostgreSQL store not built in yet; use a SQLite file path for --db")

// openStore opens the store a DSN names: postgres:// or postgresql:// for
// PostgreSQL, anything else a SQLite file path. close releases it.
func openStore(ctx context.Context, dsn string) (st stores, close func() error, err error) {
	if dsn == "" {
		return stores{}, nil, errors.New("no store: give --db PATH (SQLite file) or --db postgres://…")
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return stores{}, nil, errNoPostgres
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return stores{}, nil, fmt.Errorf("open SQLite store %s: %w", dsn, err)
	}
	return stores{Kind: "sqlite", Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(), Ping: db.PingContext}, db.Close, nil
}
