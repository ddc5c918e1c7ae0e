package core

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// noteError remembers the newest fault for the heartbeat's "last error": a
// technician's string (device and store faults), never personal data.
func (k *Kiosk) noteError(detail string) {
	detail = strings.TrimSpace(detail)
	if detail == "" {
		return
	}
	k.mu.Lock()
	k.lastErr = detail
	k.mu.Unlock()
}

// LastError is the newest fault noted ("" when none).
func (k *Kiosk) LastError() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.lastErr
}

// readerState is the reader's light as a heartbeat state.
func (k *Kiosk) readerState() (state, detail string) {
	if k.Config().Reader.Driver == "none" {
		return fleet.ReaderNone, "disabled in config"
	}
	for _, d := range k.devices.list() {
		if d.Name == "reader" {
			if d.Connected {
				return fleet.ReaderOK, d.Detail
			}
			return fleet.ReaderFault, d.Detail
		}
	}
	return fleet.ReaderFault, "not started"
}

// catalogVersion is the catalog in force: its title, marked when it is the
// shipped sample.
func (k *Kiosk) catalogVersion() string {
	title, _ := k.catalog.title.Load().(string)
	if k.catalog.sample.Load() {
		return "sample: " + title
	}
	return title
}

// Beat is this kiosk's heartbeat as of now (it asks the printer).
func (k *Kiosk) Beat() fleet.Beat {
	c := k.Config()
	b := fleet.Beat{
		IntervalSeconds: int(c.Centre.Heartbeat() / time.Second),
		Version:         buildinfo.Version,
		CatalogVersion:  k.catalogVersion(),
		Bundles:         k.bundleVersions(),
	}
	k.mu.Lock()
	up := k.upSince
	k.mu.Unlock()
	if !up.IsZero() {
		b.UptimeSeconds = int64(k.now().Sub(up) / time.Second)
	}
	_, b.Printer = k.printerStatus()
	for _, d := range k.devices.list() {
		if d.Name == "printer" {
			b.PrinterDetail = d.Detail
		}
	}
	b.Reader, b.ReaderDetail = k.readerState()
	b.LastError = k.LastError() // after asking the printer: its fault is the newest
	if p, err := c.StorePath(); err == nil {
		dir := filepath.Dir(p)
		if p == sqlite.Memory {
			dir = os.TempDir()
		}
		b.FreeDiskBytes = freeDisk(dir)
	}
	return b.Clean()
}

// heartbeat sends a beat to the centre at once and then every
// [centre] heartbeat_seconds until ctx ends, checking for signed updates
// before each beat when [update] is on. A failure is logged when the
// beats stop getting through and again when they resume, not every time.
func (c *centreBackend) heartbeat(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	failing := false
	for {
		if c.upd != nil {
			c.upd.check(ctx) // first, so this beat reports what it applied
		}
		actx, cancel := context.WithTimeout(ctx, c.perTry)
		err := c.client.Heartbeat(actx, c.k.Beat())
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil && !failing:
			failing = true
			var e *centre.Error
			if errors.As(err, &e) && e.Code == centre.CodeNotFound {
				c.k.log.Warn("the centre keeps no kiosk health; heartbeats are not stored", "url", c.url)
			} else {
				c.k.log.Warn("heartbeat to the centre failed; retrying every period", "url", c.url, "every", every, "err", err)
			}
		case err == nil && failing:
			failing = false
			c.k.log.Info("heartbeats reach the centre again", "url", c.url)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
