package centre

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

// testPIN is the staff PIN set on every test centre.
const testPIN = "246813"

// testCentre is a centre on a loopback listener over a fresh SQLite file.
type testCentre struct {
	t   *testing.T
	db  *sqlite.DB
	log *sqlite.EventLog
	srv *Server
	url string
}

// guard is the overall failure guard of a test; nothing waits on it in the
// normal case.
const guard = 60 * time.Second

func newCentre(t *testing.T, mods ...func(*config.Config)) *testCentre {
	t.Helper()
	return newCentreOpt(t, nil, mods...)
}

// newCentreOpt is newCentre with opt adjusting the server's options first.
func newCentreOpt(t *testing.T, opt func(*Options), mods ...func(*config.Config)) *testCentre {
	t.Helper()
	cfg := config.Default()
	for _, m := range mods {
		m(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "centre.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := staff.New(db, nil, 4).SetPIN(ctx, staff.Staff, testPIN); err != nil {
		t.Fatal(err)
	}
	el := db.Events()
	o := Options{Queue: db, Payment: db, Devices: db, Staff: db, Audit: db, Events: el, Officers: db, Visits: db, Fleet: db,
		Config: cfg, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Instance: "test", Store: "sqlite"}
	if opt != nil {
		opt(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(nil)
	hs.Config = srv.HTTPServer()
	hs.Start()
	done := make(chan struct{})
	go func() { defer close(done); srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		srv.endStreams()
		hs.Close()
		<-done
		db.Close()
	})
	return &testCentre{t: t, db: db, log: el, srv: srv, url: hs.URL}
}

// enroll enrolls a device and returns a client with its token.
func (c *testCentre) enroll(kind, name string) *Client {
	c.t.Helper()
	tok, _, err := device.Enroll(context.Background(), c.db, kind, name, time.Now())
	if err != nil {
		c.t.Fatal(err)
	}
	return NewClient(c.url, tok)
}

// lastID is the event log's newest ID.
func (c *testCentre) lastID() int64 {
	c.t.Helper()
	id, err := c.log.LastEventID(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return id
}

// collector follows the stream of a client into a channel.
type collector struct {
	ch     chan events.Stored
	cancel context.CancelFunc
	done   chan struct{}
	last   int64
}

// follow opens a stream after an event ID and returns once the centre accepted it.
func follow(t *testing.T, c *Client, after int64) *collector {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	col := &collector{ch: make(chan events.Stored, 1024), cancel: cancel, done: make(chan struct{})}
	opened := make(chan struct{})
	go func() {
		defer close(col.done)
		col.last, _ = c.stream(ctx, after, true, func() { close(opened) }, func(e events.Stored) { col.ch <- e })
	}()
	select {
	case <-opened:
	case <-col.done:
		t.Fatal("event stream refused")
	case <-ctx.Done():
		t.Fatal("event stream did not open")
	}
	t.Cleanup(col.stop)
	return col
}

func (col *collector) stop() { col.cancel(); <-col.done }

// next waits for the next event (failing after the guard).
func (col *collector) next(t *testing.T) events.Stored {
	t.Helper()
	select {
	case e := <-col.ch:
		return e
	case <-time.After(guard):
		t.Fatal("no event arrived")
		return events.Stored{}
	}
}

// testOfficerPIN is every test officer's PIN.
const testOfficerPIN = "975310"

// officerAt enrolls a counter device, adds an officer for that counter and
// signs them in there: the client acts as that officer.
func (c *testCentre) officerAt(counter string) *Client {
	c.t.Helper()
	ctx := context.Background()
	name := "Cán bộ " + counter
	if _, err := officer.New(c.db, nil, 4).Add(ctx, name, testOfficerPIN); err != nil && !errors.Is(err, officer.ErrExists) {
		c.t.Fatal(err)
	}
	cl := c.enroll(device.Counter, "quay-"+counter)
	if _, err := cl.SignIn(ctx, counter, name, testOfficerPIN); err != nil {
		c.t.Fatalf("sign in at %s: %v", counter, err)
	}
	return cl
}
