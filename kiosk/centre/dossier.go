package centre

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/dossier"
)

// Dossier lookups per kiosk: at most DossierBurst within DossierWindow, so
// the screen cannot be used to walk through receipt codes.
var (
	DossierBurst  = 20
	DossierWindow = time.Minute
	// DossierDeadline bounds one lookup on the centre (the adapter's own
	// deadline from [dossier] timeout_seconds is usually shorter).
	DossierDeadline = 12 * time.Second
)

// dossierLimiter counts each device's lookups in a sliding window.
type dossierLimiter struct {
	mu   sync.Mutex
	seen map[string][]time.Time
}

func (l *dossierLimiter) allow(dev string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string][]time.Time{}
	}
	keep := l.seen[dev][:0]
	for _, t := range l.seen[dev] {
		if now.Sub(t) < DossierWindow {
			keep = append(keep, t)
		}
	}
	if len(keep) >= DossierBurst {
		l.seen[dev] = keep
		return false
	}
	l.seen[dev] = append(keep, now)
	return true
}

// dossiers is the configured lookup (the simulator when Options.Dossiers is nil).
func (s *Server) dossiers() dossier.Lookup {
	s.dossierOnce.Do(func() {
		s.dossierLookup = s.opt.Dossiers
		if s.dossierLookup == nil {
			s.dossierLookup = dossier.Logged(dossier.Sim{Now: s.now}, s.log, "sim")
		}
	})
	return s.dossierLookup
}

// dossierStatus is GET /api/v1/dossiers/{code}.
func (s *Server) dossierStatus(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if !s.dossierLimit.allow(dev.Name, s.now()) {
		s.log.Warn("dossier lookups limited", "device", dev.Name, "burst", DossierBurst, "window", DossierWindow)
		writeDossierError(w, dossier.ErrLimited)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), DossierDeadline)
	defer cancel()
	st, err := s.dossiers().Find(ctx, r.PathValue("code"))
	if err != nil {
		writeDossierError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func writeDossierError(w http.ResponseWriter, err error) {
	e := dossierError(err)
	writeJSON(w, e.Status, e)
}
