// Package session owns the citizen session: it starts on first touch, warns
// after the idle time, and on timeout or end wipes everything personal held
// for that citizen. It is the only place in the kiosk that holds data read
// from an ID card, and it holds it in memory only.
package session

import (
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/events"
)

// States of the kiosk screen as the session sees it.
const (
	Attract = "attract" // nobody is using the kiosk
	Active  = "active"  // a citizen is using it
	Warning = "warning" // "Bạn còn ở đây không?" countdown
)

// Event names pushed to the UI.
const (
	EventState = "session:state"
)

// Wiper is personal data that can zero itself.
type Wiper interface{ Wipe() }

// State is what the UI needs to draw the session.
type State struct {
	State       string `json:"state"`
	SessionID   int64  `json:"sessionId"`
	SecondsLeft int    `json:"secondsLeft"` // in Warning: until the wipe
	Reason      string `json:"reason,omitempty"`
	Language    string `json:"language"`
}

// Manager is safe for concurrent use.
type Manager struct {
	idle, countdown time.Duration
	defaultLang     string
	ev              events.Emitter

	mu        sync.Mutex
	state     string
	id        int64
	lastTouch time.Time
	warnAt    time.Time
	lang      string
	personal  map[string]Wiper
	onEnd     []func(id int64, reason string)
}

// New makes a manager. idle is the quiet time before the warning, countdown
// the length of the warning.
func New(idle, countdown time.Duration, defaultLang string, ev events.Emitter) *Manager {
	if ev == nil {
		ev = events.Discard
	}
	return &Manager{idle: idle, countdown: countdown, defaultLang: defaultLang, lang: defaultLang, ev: ev, state: Attract, personal: map[string]Wiper{}}
}

// OnEnd registers fn to run (outside the lock) after a session ends, e.g. to
// cancel an unpaid payment screen or drop a reader event.
func (m *Manager) OnEnd(fn func(id int64, reason string)) {
	m.mu.Lock()
	m.onEnd = append(m.onEnd, fn)
	m.mu.Unlock()
}

// SetTimings changes the idle and countdown durations (config change).
func (m *Manager) SetTimings(idle, countdown time.Duration) {
	m.mu.Lock()
	m.idle, m.countdown = idle, countdown
	m.mu.Unlock()
}

// Touch records citizen activity at now; it starts a session from Attract
// and cancels a Warning.
func (m *Manager) Touch(now time.Time) State {
	m.mu.Lock()
	changed := m.state != Active
	if m.state == Attract {
		m.id++
	}
	m.state = Active
	m.lastTouch = now
	s := m.snapshot(now, "")
	m.mu.Unlock()
	if changed {
		m.ev.Emit(EventState, s)
	}
	return s
}

// Tick advances the idle logic to now. The app calls it a few times a
// second; tests call it with a fake clock.
func (m *Manager) Tick(now time.Time) {
	m.mu.Lock()
	switch m.state {
	case Active:
		if now.Sub(m.lastTouch) >= m.idle {
			m.state = Warning
			m.warnAt = now
			s := m.snapshot(now, "idle")
			m.mu.Unlock()
			m.ev.Emit(EventState, s)
			return
		}
	case Warning:
		if now.Sub(m.warnAt) >= m.countdown {
			m.mu.Unlock()
			m.End(now, "timeout")
			return
		}
	}
	m.mu.Unlock()
}

// End wipes the session's personal data and returns to Attract.
func (m *Manager) End(now time.Time, reason string) {
	m.mu.Lock()
	if m.state == Attract {
		m.mu.Unlock()
		return
	}
	id := m.id
	for k, w := range m.personal {
		w.Wipe()
		delete(m.personal, k)
	}
	m.state = Attract
	m.lang = m.defaultLang
	s := m.snapshot(now, reason)
	hooks := append([]func(int64, string){}, m.onEnd...)
	m.mu.Unlock()
	for _, h := range hooks {
		h(id, reason)
	}
	m.ev.Emit(EventState, s)
}

// Put stores personal data for the current session, replacing (and wiping)
// what was under key. It returns false, wiping v, when no session is active.
func (m *Manager) Put(key string, v Wiper) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state == Attract {
		v.Wipe()
		return false
	}
	if old, ok := m.personal[key]; ok && old != v {
		old.Wipe()
	}
	m.personal[key] = v
	return true
}

// Get returns the personal data under key for the current session.
func (m *Manager) Get(key string) (Wiper, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.personal[key]
	return v, ok
}

// Drop wipes and removes one item ("Quét lại").
func (m *Manager) Drop(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.personal[key]; ok {
		v.Wipe()
		delete(m.personal, key)
	}
}

// SetLanguage switches the UI language for this session only.
func (m *Manager) SetLanguage(lang string) {
	m.mu.Lock()
	m.lang = lang
	m.mu.Unlock()
}

// Current returns the state at now.
func (m *Manager) Current(now time.Time) State {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.snapshot(now, "")
}

// ID is the current session number (0 before the first touch).
func (m *Manager) ID() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.id
}

func (m *Manager) snapshot(now time.Time, reason string) State {
	s := State{State: m.state, SessionID: m.id, Reason: reason, Language: m.lang}
	if m.state == Warning {
		left := m.countdown - now.Sub(m.warnAt)
		s.SecondsLeft = int((left + time.Second - 1) / time.Second)
	}
	return s
}
