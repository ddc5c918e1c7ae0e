package centre

import (
	"net/http"
	"sort"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/fleet"
)

// fleetOn answers 404 when this centre keeps no kiosk health.
func (s *Server) fleetOn(w http.ResponseWriter) bool {
	if s.opt.Fleet == nil {
		writeError(w, Error{Code: CodeNotFound, Message: "this centre keeps no kiosk health (no fleet store)"})
		return false
	}
	return true
}

// heartbeat is POST /api/v1/heartbeat: the kiosk's latest beat replaces
// its previous one; a change of its paper to near-end or out, or back to
// ok, is an alert.
func (s *Server) heartbeat(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if !s.fleetOn(w) {
		return
	}
	var b fleet.Beat
	if !decode(w, r, &b) {
		return
	}
	b = b.Clean()
	b.Kiosk, b.At = dev.Name, s.now().UTC()
	prev, had, err := s.opt.Fleet.PutBeat(r.Context(), b)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	if a, ok := fleet.AlertFor(prev, had, b); ok {
		if a.Kind == fleet.AlertCleared {
			s.log.Info("kiosk paper replaced; alert cleared", "kiosk", b.Kiosk)
		} else {
			s.log.Warn("kiosk paper alert", "kiosk", b.Kiosk, "kind", a.Kind)
		}
		s.emit.Emit(fleet.EventAlert, a)
	}
	if had && prev.Printer != b.Printer {
		s.log.Info("kiosk printer state changed", "kiosk", b.Kiosk, "from", prev.Printer, "to", b.Printer)
	}
	w.WriteHeader(http.StatusNoContent)
}

// fleetRead reads every kiosk's latest beat and the enrolled devices; false:
// it answered the request already (fleet off, or the store failing).
func (s *Server) fleetRead(w http.ResponseWriter, r *http.Request) ([]fleet.Beat, []device.Device, bool) {
	if !s.fleetOn(w) {
		return nil, nil, false
	}
	beats, err := s.opt.Fleet.Beats(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return nil, nil, false
	}
	devs, err := s.opt.Devices.Devices(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return nil, nil, false
	}
	return beats, devs, true
}

// fleetAlerts is GET /api/v1/fleet/alerts: the paper alert in force of
// each kiosk whose latest beat is near-end or out and that is not offline
// (a retired kiosk left out, as on PathFleet), for a counter page opened
// after the event.
func (s *Server) fleetAlerts(w http.ResponseWriter, r *http.Request, _ device.Device) {
	beats, devs, ok := s.fleetRead(w, r)
	if !ok {
		return
	}
	now := s.now()
	out := []fleet.Alert{}
	for _, h := range kioskHealths(beats, devs, now) {
		if h.Beat == nil {
			continue
		}
		if a, ok := fleet.Active(*h.Beat, now, 0); ok {
			out = append(out, a)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// fleetStatus is GET /api/v1/fleet: every enrolled kiosk with its state.
func (s *Server) fleetStatus(w http.ResponseWriter, r *http.Request, _ device.Device) {
	beats, devs, ok := s.fleetRead(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, kioskHealths(beats, devs, s.now()))
}

// kioskHealths is every enrolled kiosk's card at now, by name: its state
// and latest beat (a revoked kiosk's last beat is left out).
func kioskHealths(beats []fleet.Beat, devs []device.Device, now time.Time) []KioskHealth {
	byName := map[string]KioskHealth{}
	revoked := map[string]bool{}
	for _, d := range devs {
		switch {
		case d.Kind != device.Kiosk:
		case d.RevokedAt.IsZero():
			byName[d.Name] = KioskHealth{Kiosk: d.Name, State: fleet.Offline}
		default:
			revoked[d.Name] = true
		}
	}
	for _, b := range beats {
		b := b
		if _, live := byName[b.Kiosk]; !live && revoked[b.Kiosk] {
			continue // a retired kiosk
		}
		byName[b.Kiosk] = KioskHealth{Kiosk: b.Kiosk, State: fleet.Status(b, now, 0), LastBeat: b.At.UTC().Format(time.RFC3339), Beat: &b}
	}
	out := make([]KioskHealth, 0, len(byName))
	for _, k := range byName {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kiosk < out[j].Kiosk })
	return out
}
