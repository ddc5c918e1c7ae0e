package core

import (
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/session"
)

// StatusView is what the UI needs at start.
type StatusView struct {
	CentreName       string        `json:"centreName"`
	KioskID          string        `json:"kioskId"`
	Timezone         string        `json:"timezone"`
	Language         string        `json:"language"`
	IdleSeconds      int           `json:"idleSeconds"`
	CountdownSeconds int           `json:"countdownSeconds"`
	Version          string        `json:"version"`
	Features         []string      `json:"features"`
	Problems         []Problem     `json:"problems"`
	Session          session.State `json:"session"`
	Centre           CentreLink    `json:"centre"` // where numbers and payments come from, and whether that works now
}

// Status reports identity, timings, available features and faults.
func (k *Kiosk) Status() StatusView {
	k.mu.Lock()
	probs := append([]Problem{}, k.problems...)
	k.mu.Unlock()
	cfg := k.Config()
	return StatusView{
		CentreName:       cfg.Kiosk.CentreName,
		KioskID:          cfg.Kiosk.KioskID,
		Timezone:         cfg.Kiosk.Timezone,
		Language:         cfg.Kiosk.Language,
		IdleSeconds:      cfg.Session.IdleSeconds,
		CountdownSeconds: cfg.Session.CountdownSeconds,
		Version:          buildinfo.Version,
		Features:         k.features(),
		Problems:         probs,
		Session:          k.Session.Current(k.now()),
		Centre:           k.CentreLink(),
	}
}

// features lists the tiles whose capability is built and working.
func (k *Kiosk) features() []string {
	f := []string{"skills", "scan", "search", "guide", "queue", "dossier"}
	if c := k.Config().Payment; c.Enabled && (k.ledger != nil || k.centre != nil) {
		f = append(f, "pay")
	}
	return f
}

// Touch records citizen activity (the UI calls it on pointer and key input,
// at most about once a second). It starts a session from the attract screen.
func (k *Kiosk) Touch() session.State {
	s := k.Session.Touch(k.now())
	return s
}

// EndSession ends the citizen session now ("Kết thúc" or staff action).
func (k *Kiosk) EndSession() session.State {
	k.Session.End(k.now(), "ended")
	return k.Session.Current(k.now())
}

// SessionState returns the session as it is now.
func (k *Kiosk) SessionState() session.State { return k.Session.Current(k.now()) }

// SetLanguage switches the language for this session ("vi" or "en").
func (k *Kiosk) SetLanguage(lang string) session.State {
	if lang == "vi" || lang == "en" {
		k.Session.SetLanguage(lang)
	}
	return k.Session.Current(k.now())
}

// Painted is called by the UI once its first screen is on glass. The first
// call logs the start-up time (process start → first paint) that
// scripts/startup.sh measures; later calls (the page reloaded after WebKit's
// web process died) log that the screen is back.
func (k *Kiosk) Painted() {
	first := false
	k.painted.Do(func() {
		first = true
		if !k.started.IsZero() {
			ms := float64(k.now().Sub(k.started).Microseconds()) / 1000
			k.log.Info("ui painted", "startup_ms", ms)
		}
	})
	if !first {
		k.log.Info("ui painted again")
	}
}

// Alive is the screen's heartbeat: its UI loop calls it every few seconds.
// The first call tells systemd the kiosk is up (READY=1); after that the
// watchdog keep-alives (WATCHDOG=1) go out only while these calls keep
// coming, so a hung web view gets the kiosk restarted (kiosk/sdnotify).
func (k *Kiosk) Alive() {
	first := !k.ui.Alive()
	k.ui.Ping()
	if first {
		if err := k.ui.Err(); err != nil {
			k.log.Warn("systemd notification failed", "err", err)
		} else {
			k.log.Info("ui loop alive")
		}
	}
}
