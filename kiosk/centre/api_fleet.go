package centre

import (
	"github.com/motcua/kiosk/kiosk/fleet"
)

// Fleet routes (issue 14, remote health): every kiosk beats every N
// seconds; a counter with the staff PIN (the technician's page, kioskctl
// fleet status) reads every kiosk's latest beat and card colour. A change of
// a kiosk's paper to near-end or out, and back to ok (fleet.AlertCleared),
// is the event fleet.EventAlert (fleet.Alert) on PathEvents, for the
// counters' and staff screens; a page opened later reads the alerts in
// force from PathFleetAlerts.
const (
	PathHeartbeat   = "/api/v1/heartbeat"    // POST fleet.Beat → 204 (kiosk)
	PathFleet       = "/api/v1/fleet"        // GET → []KioskHealth, every enrolled kiosk by name (counter + staff PIN)
	PathFleetAlerts = "/api/v1/fleet/alerts" // GET → []fleet.Alert in force, by kiosk name (counter, no PIN)
	PathPageFleet   = "/fleet/"              // the technician's page: one card per kiosk (counter device + staff PIN)
)

// KioskHealth is one kiosk's card: its state and its latest beat (nil when
// it never sent one).
type KioskHealth struct {
	Kiosk    string      `json:"kiosk"`
	State    fleet.State `json:"state"`              // green | amber | red | offline
	LastBeat string      `json:"lastBeat,omitempty"` // RFC 3339, when the latest beat arrived
	Beat     *fleet.Beat `json:"beat,omitempty"`
}
