package staff

import (
	"sync"
	"time"
)

// Mode is the open staff or technician mode on the shared touchscreen. It
// closes itself after Timeout without staff activity, so a mode left open
// falls back to the citizen screen.
type Mode struct {
	Timeout time.Duration

	mu   sync.Mutex
	role string
	last time.Time
}

// Open enters role's mode at now.
func (m *Mode) Open(role string, now time.Time) {
	m.mu.Lock()
	m.role, m.last = role, now
	m.mu.Unlock()
}

// Role returns the open role, or "" when closed (timing out at now).
func (m *Mode) Role(now time.Time) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.role != "" && now.Sub(m.last) >= m.Timeout {
		m.role = ""
	}
	return m.role
}

// Touch extends the mode; it reports whether a mode is open.
func (m *Mode) Touch(now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.role == "" || now.Sub(m.last) >= m.Timeout {
		m.role = ""
		return false
	}
	m.last = now
	return true
}

// Close leaves the mode.
func (m *Mode) Close() {
	m.mu.Lock()
	m.role = ""
	m.mu.Unlock()
}

// Require returns the open role if it may take action, else an error.
func (m *Mode) Require(action string, now time.Time) (string, error) {
	role := m.Role(now)
	if err := Authorize(role, action); err != nil {
		return role, err
	}
	m.Touch(now)
	return role, nil
}
