// Package fleet is the centre's view of its kiosks' health: each kiosk
// sends a heartbeat (Beat) every few seconds, the centre keeps the latest
// one per kiosk (Store) and judges it (Status): green, amber, red, or
// offline when beats stop coming. A change of a kiosk's paper to near-end
// or out is an Alert for the counters' and staff screens.
//
// A beat carries no personal data: versions, device states, a technician's
// error string, free disk and the catalog version.
package fleet

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/text"
)

// Printer states (Beat.Printer).
const (
	PrinterOK        = "ok"
	PrinterNearEnd   = "paper_near_end"
	PrinterOut       = "paper_out"
	PrinterCoverOpen = "cover_open"
	PrinterOffline   = "offline" // unplugged, not answering, or reporting offline
	PrinterNone      = "none"    // disabled in the kiosk's config
)

// Reader states (Beat.Reader).
const (
	ReaderOK    = "ok"
	ReaderFault = "fault" // the port is gone or the reader is not answering
	ReaderNone  = "none"  // disabled in the kiosk's config
)

// State is a kiosk's card colour on the technician's page.
type State string

// States, best to worst.
const (
	Green   State = "green"
	Amber   State = "amber"   // works, needs a visit soon (paper near end, disk low)
	Red     State = "red"     // a citizen-facing device is down (paper out, printer offline, reader fault)
	Offline State = "offline" // missed MissedBeats beats, or never sent one
)

// MissedBeats is how many beats a kiosk may miss before it is shown offline.
const MissedBeats = 3

// DefaultInterval is the heartbeat period when the kiosk says nothing else.
const DefaultInterval = 30 * time.Second

// LowDisk is the free space below which a kiosk is amber.
const LowDisk = 512 << 20

// MaxText bounds the free-text fields of a beat (the centre truncates).
const MaxText = 300

// Beat is one heartbeat: what a kiosk reports about itself.
type Beat struct {
	Kiosk           string    `json:"kiosk"` // the device name; the centre sets it from the token
	At              time.Time `json:"at"`    // when the centre received it; the centre sets it
	IntervalSeconds int       `json:"intervalSeconds"`
	Version         string    `json:"version"`
	UptimeSeconds   int64     `json:"uptimeSeconds"`
	Printer         string    `json:"printer"` // Printer* constant
	PrinterDetail   string    `json:"printerDetail,omitempty"`
	Reader          string    `json:"reader"` // Reader* constant
	ReaderDetail    string    `json:"readerDetail,omitempty"`
	LastError       string    `json:"lastError,omitempty"` // a technician's string, never personal data
	FreeDiskBytes   uint64    `json:"freeDiskBytes"`
	CatalogVersion  string    `json:"catalogVersion"`
	// Bundles is the version in force of each signed bundle kind the kiosk
	// applied (catalog, guides, …); empty when it applied none.
	Bundles map[string]string `json:"bundles,omitempty"`
}

// MaxBundles bounds how many bundle kinds a beat carries (the centre drops the rest).
const MaxBundles = 16

// Interval is the beat's period (DefaultInterval when not given).
func (b Beat) Interval() time.Duration {
	if b.IntervalSeconds <= 0 {
		return DefaultInterval
	}
	return time.Duration(b.IntervalSeconds) * time.Second
}

// Clean bounds the free-text fields and fills unknown states, so a
// misbehaving kiosk cannot store megabytes or an empty state.
func (b Beat) Clean() Beat {
	cut := func(s string) string {
		s = strings.TrimSpace(s)
		if len(s) > MaxText {
			s = strings.ToValidUTF8(s[:MaxText], "") + "…"
		}
		return s
	}
	b.Version, b.PrinterDetail, b.ReaderDetail = cut(b.Version), cut(b.PrinterDetail), cut(b.ReaderDetail)
	b.LastError, b.CatalogVersion = cut(b.LastError), cut(b.CatalogVersion)
	if len(b.Bundles) > 0 {
		kinds := make([]string, 0, len(b.Bundles))
		for k := range b.Bundles {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		clean := make(map[string]string, min(len(kinds), MaxBundles))
		for _, k := range kinds {
			if len(clean) == MaxBundles {
				break
			}
			if kk := cutTo(k, 64); kk != "" {
				clean[kk] = cutTo(b.Bundles[k], 64)
			}
		}
		b.Bundles = clean
	} else {
		b.Bundles = nil
	}
	switch b.Printer {
	case PrinterOK, PrinterNearEnd, PrinterOut, PrinterCoverOpen, PrinterOffline, PrinterNone:
	default:
		b.Printer = PrinterOffline
	}
	switch b.Reader {
	case ReaderOK, ReaderFault, ReaderNone:
	default:
		b.Reader = ReaderFault
	}
	if b.IntervalSeconds < 0 {
		b.IntervalSeconds = 0
	}
	if b.UptimeSeconds < 0 {
		b.UptimeSeconds = 0
	}
	return b
}

func cutTo(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "")
	}
	return s
}

// EncodeBundles is Beat.Bundles as the stores keep it (JSON; "" for none).
func EncodeBundles(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}

// DecodeBundles reads what EncodeBundles wrote (nil for "" or garbage).
func DecodeBundles(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil || len(m) == 0 {
		return nil
	}
	return m
}

// Store keeps the latest beat of each kiosk.
type Store interface {
	// PutBeat stores b as b.Kiosk's latest beat and returns the one it
	// replaced (had false for a kiosk's first beat).
	PutBeat(ctx context.Context, b Beat) (prev Beat, had bool, err error)
	// Beats lists the latest beat of every kiosk, by kiosk name.
	Beats(ctx context.Context) ([]Beat, error)
}

// Status judges a beat at now. interval is the expected period (0: the
// beat's own, else DefaultInterval); a kiosk whose last beat is older than
// MissedBeats periods, or that never sent one (zero At), is offline.
func Status(b Beat, now time.Time, interval time.Duration) State {
	if interval <= 0 {
		interval = b.Interval()
	}
	if b.At.IsZero() || now.Sub(b.At) > MissedBeats*interval {
		return Offline
	}
	switch {
	case b.Printer == PrinterOut, b.Printer == PrinterOffline, b.Printer == PrinterCoverOpen, b.Reader == ReaderFault:
		return Red
	case b.Printer == PrinterNearEnd, b.FreeDiskBytes > 0 && b.FreeDiskBytes < LowDisk:
		return Amber
	}
	return Green
}

// EventAlert is the event name of an Alert in the centre's event log.
const EventAlert = "fleet:alert"

// Alert kinds. AlertCleared says a kiosk's paper is fine again: the screens
// take that kiosk's banner down.
const (
	AlertPaperNearEnd = PrinterNearEnd
	AlertPaperOut     = PrinterOut
	AlertCleared      = "paper_ok"
)

// Alert is a banner for the counters' and staff screens.
type Alert struct {
	Kiosk string `json:"kiosk"`
	Kind  string `json:"kind"` // AlertPaperNearEnd | AlertPaperOut | AlertCleared
	VI    string `json:"vi"`
	EN    string `json:"en"`
}

// paperAlert reports whether a printer state is one a banner is up for.
func paperAlert(printer string) bool { return printer == PrinterNearEnd || printer == PrinterOut }

// AlertFor is the alert a new beat raises: when it changes the kiosk's
// paper to near-end or out (had false: the kiosk's first beat), so a kiosk
// that stays out of paper raises it once, not on every beat; and
// AlertCleared when the printer comes back to ok from any other state. A
// printer gone offline or with its cover open keeps the banner up (the
// paper is not known to be replaced), but the usual refill is out → cover
// open → ok, so the clear must come from cover open and offline as well; a
// clear for a kiosk with no banner changes nothing on the screens.
func AlertFor(prev Beat, had bool, cur Beat) (Alert, bool) {
	var m text.Msg
	switch {
	case cur.Printer == PrinterOK && had && prev.Printer != PrinterOK && prev.Printer != PrinterNone:
		m = text.FleetPaperOK
	case !paperAlert(cur.Printer), had && prev.Printer == cur.Printer:
		return Alert{}, false
	case cur.Printer == PrinterOut:
		m = text.FleetPaperOut
	default:
		m = text.FleetPaperNearEnd
	}
	kind := cur.Printer
	if kind == PrinterOK {
		kind = AlertCleared
	}
	m = m.Format(cur.Kiosk)
	return Alert{Kiosk: cur.Kiosk, Kind: kind, VI: m.VI, EN: m.EN}, true
}

// Active is the alert in force for a kiosk's latest beat: its paper is
// near-end or out and the kiosk is not offline at now (interval as Status).
func Active(b Beat, now time.Time, interval time.Duration) (Alert, bool) {
	if !paperAlert(b.Printer) || Status(b, now, interval) == Offline {
		return Alert{}, false
	}
	return AlertFor(Beat{}, false, b)
}
