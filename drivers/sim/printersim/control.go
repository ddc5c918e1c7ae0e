package printersim

import (
	"context"
	"fmt"
	"strings"

	"github.com/motcua/kiosk/drivers/escpos"
)

// Conditions a technician or a test can put the emulator in. They are
// the words of a control file (see WatchControl) and of Sim.Set.
const (
	CondOK        = "ok"
	CondPaperEnd  = "paper_end"
	CondNearEnd   = "near_end"
	CondCoverOpen = "cover_open"
	CondOffline   = "offline"
	CondUnplugged = "unplugged" // the pty closes: the port sees a hang-up
	CondPlugged   = "plugged"   // a new pty at the same link
)

// ParseConditions reads words such as "near_end cover-open" (space, comma
// or newline separated; '-' or '_'; "ok" clears) into a status, and says
// whether the printer should be unplugged.
func ParseConditions(s string) (st escpos.Status, unplugged bool, err error) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' || r == '\r' })
	for _, w := range words {
		switch strings.ReplaceAll(w, "-", "_") {
		case CondOK, CondPlugged:
		case CondPaperEnd:
			st.PaperEnd = true
		case CondNearEnd:
			st.PaperNearEnd = true
		case CondCoverOpen:
			st.CoverOpen = true
		case CondOffline:
			st.Offline = true
		case CondUnplugged:
			unplugged = true
		default:
			return escpos.Status{}, false, fmt.Errorf("printersim: unknown condition %q (ok, paper_end, near_end, cover_open, offline, unplugged)", w)
		}
	}
	return st, unplugged, nil
}

// Status returns what DLE EOT answers now.
func (m *Machine) Status() escpos.Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.status
}

// WaitJob waits until job n (1-based) is finished and returns it.
func (m *Machine) WaitJob(ctx context.Context, n int) (Job, error) {
	for {
		ch := m.Changed()
		if js := m.Jobs(); len(js) >= n {
			return js[n-1], nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Job{}, fmt.Errorf("printersim: waiting for job %d (have %d): %w", n, len(m.Jobs()), ctx.Err())
		}
	}
}
