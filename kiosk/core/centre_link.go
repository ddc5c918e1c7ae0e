package core

import (
	"context"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/text"
)

// eventCentreLink is emitted with a CentreLink on every change of the link.
const eventCentreLink = "centre:link"

// CentreLink is the citizen-safe view of where numbers and payments come
// from: mode "local" (this kiosk's own store, always up) or "centre" (the
// centre server; Up false while it cannot be reached).
type CentreLink struct {
	Mode  string `json:"mode"` // local | centre
	Up    bool   `json:"up"`
	Since string `json:"since"` // RFC 3339, when the link last changed ("" in local mode)
}

// CentreInfo is the technician's view of the link: the URL and the last
// error, never the token.
type CentreInfo struct {
	CentreLink
	URL       string `json:"url"`
	LastError string `json:"lastError"`
}

// startCentre makes the kiosk a client of the centre when [centre] is set,
// and follows the centre's event stream for the life of ctx.
func (k *Kiosk) startCentre(ctx context.Context) {
	c := k.Config().Centre
	if !c.Enabled() {
		return
	}
	b, err := newCentreBackend(k, c)
	if err != nil {
		k.addProblem(Problem{Area: "centre", Citizen: text.CentrePausedQueue.VI, CitizenEN: text.CentrePausedQueue.EN, Detail: err.Error()})
		k.log.Error("centre client set-up", "err", err)
	}
	b.upd = newUpdater(k, k.Config().Update, b.client)
	k.centre = b
	k.log.Info("kiosk is a client of the centre", "url", b.url)
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		b.client.Follow(ctx, centre.Live, b.onEvent, func(s centre.LinkState) { b.onLink(ctx, s) })
	}()
	k.wg.Add(1)
	go func() { defer k.wg.Done(); b.heartbeat(ctx, c.Heartbeat()) }()
}

// onLink records a change of the link and tells the screens.
func (c *centreBackend) onLink(ctx context.Context, s centre.LinkState) {
	c.mu.Lock()
	c.link = s
	if s.Err != nil {
		c.lastErr = s.Err.Error()
	}
	c.mu.Unlock()
	if s.Up {
		c.k.log.Info("centre link up", "url", c.url)
		c.k.wg.Add(1)
		go func() { defer c.k.wg.Done(); c.refresh(ctx) }()
	} else {
		c.k.log.Warn("centre link down", "url", c.url, "err", s.Err)
	}
	c.k.Emit(eventCentreLink, c.linkView())
}

func (c *centreBackend) linkView() CentreLink {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CentreLink{Mode: "centre", Up: c.link.Up, Since: c.link.Since.UTC().Format(time.RFC3339)}
}

// CentreLink reports the link for the screens.
func (k *Kiosk) CentreLink() CentreLink {
	if k.centre == nil {
		return CentreLink{Mode: "local", Up: true}
	}
	return k.centre.linkView()
}

// TechCentre is the link with the centre URL and the last error (technician mode).
func (k *Kiosk) TechCentre() (CentreInfo, error) {
	if _, err := k.mode.Require("devices", k.now()); err != nil {
		return CentreInfo{}, err
	}
	info := CentreInfo{CentreLink: k.CentreLink()}
	if c := k.centre; c != nil {
		c.mu.Lock()
		info.URL, info.LastError = c.url, c.lastErr
		c.mu.Unlock()
	}
	return info, nil
}
