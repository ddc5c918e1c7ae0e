package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/postgres"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/rating"
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
	// Officers and Visits: counter sign-in and visit ratings.
	Officers officer.Store
	Visits   rating.VisitStore
	// Fleet: the kiosks' latest heartbeats (remote health).
	Fleet fleet.Store
	Ping  func(context.Context) error
}

// openStore opens the store a DSN names: postgres:// or postgresql:// for
// PostgreSQL, anything else a SQLite file path. close releases it.
func openStore(ctx context.Context, dsn string) (st stores, close func() error, err error) {
	if dsn == "" {
		return stores{}, nil, errors.New("no store: give --db PATH (SQLite file) or --db postgres://…")
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return stores{}, nil, fmt.Errorf("open PostgreSQL store %s: %w", redactDSN(dsn), err)
		}
		return stores{Kind: "postgres", Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(),
			Officers: db, Visits: db, Fleet: db, Ping: db.Ping}, db.Close, nil
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return stores{}, nil, fmt.Errorf("open SQLite store %s: %w", dsn, err)
	}
	return stores{Kind: "sqlite", Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: db.Events(),
		Officers: db, Visits: db, Fleet: db, Ping: db.PingContext}, db.Close, nil
}

// redactDSN hides a password in a DSN for logs and errors.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
