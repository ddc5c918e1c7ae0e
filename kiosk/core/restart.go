package core

import (
	"context"
	"sync"
	"time"

	"github.com/motcua/kiosk/kiosk/payment"
)

// ExitRestart is the exit code of the nightly restart ("restart me", BSD's
// EX_TEMPFAIL). systemd (Restart=always), Shell Launcher and the supervisor
// of the Windows logon task start the kiosk again after any exit; the code
// tells a technician reading the logs that the exit was planned.
const ExitRestart = 75

// RestartGrace is how long the nightly restart waits for a citizen to
// finish before it ends the session itself.
const RestartGrace = 30 * time.Minute

// restartMissed: a restart time passed more than this long ago (the PC was
// asleep, the clock jumped) is skipped until the next night rather than
// restarting the kiosk in the middle of the day.
const restartMissed = 2 * time.Hour

// restartState is the nightly-restart bookkeeping of the clock.
type restartState struct {
	mu   sync.Mutex
	due  time.Time // the restart time that is pending; zero: none
	done time.Time // the last restart time handled (fired or skipped)
	quit bool      // Quit has been asked for; nothing more to do
}

// tickRestart runs from the clock. When the local time passes
// [window] restart_at it waits for the attract screen, or ends a citizen's
// session after RestartGrace, and then asks the shell to quit with
// ExitRestart. It never fires while a QR payment awaits the bank's notice
// (that ends by itself: paid, cancelled or expired). A process started after
// tonight's restart time waits for tomorrow's, so the restarted kiosk does
// not restart again.
func (k *Kiosk) tickRestart(now time.Time) {
	r := &k.restart
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.quit {
		return
	}
	h, m, ok := k.Config().Window.RestartClock()
	if !ok {
		r.due = time.Time{}
		return
	}
	if r.due.IsZero() {
		local := now.In(k.loc)
		at := time.Date(local.Year(), local.Month(), local.Day(), h, m, 0, 0, k.loc)
		if local.Before(at) || !at.After(r.done) {
			return // not yet, or tonight's is handled
		}
		if !k.started.IsZero() && !k.started.Before(at) {
			r.done = at // started after tonight's time: this process is fresh
			return
		}
		if now.Sub(at) > restartMissed {
			r.done = at
			k.log.Warn("nightly restart missed (the kiosk was asleep or the clock jumped); next one tomorrow", "restart_at", at.Format("15:04"))
			return
		}
		r.due = at
		k.log.Info("nightly restart due", "restart_at", at.Format("15:04"))
	}
	if k.paymentAwaiting(now) {
		return
	}
	if st := k.Session.Current(now); st.State != "attract" {
		if now.Sub(r.due) < RestartGrace {
			return
		}
		k.log.Info("nightly restart: ending the citizen session after the grace period", "grace", RestartGrace)
		k.Session.End(now, "restart")
	}
	r.done, r.due, r.quit = r.due, time.Time{}, true
	k.logEvent(context.Background(), "nightly_restart", k.Config().Window.RestartAt)
	k.log.Info("nightly restart: asking the shell to quit", "code", ExitRestart)
	if k.quit == nil {
		k.log.Warn("nightly restart: no Quit callback; the kiosk keeps running")
		return
	}
	// Not on the clock goroutine: the shell's quit runs the shutdown hook,
	// which calls Stop, which waits for this goroutine.
	go k.quit(ExitRestart)
}

// paymentAwaiting reports a QR payment of this kiosk that still awaits the
// bank's notice and has not expired.
func (k *Kiosk) paymentAwaiting(now time.Time) bool {
	stamp := now.UTC().Format(time.RFC3339)
	if c := k.centre; c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, p := range c.refs {
			if p.last.Status == payment.Awaiting && p.last.ExpiresAt > stamp {
				return true
			}
		}
		return false
	}
	if k.ledger == nil {
		return false
	}
	ps, err := k.ledger.List(context.Background(), now.Add(-24*time.Hour), payment.Awaiting)
	if err != nil {
		k.log.Warn("nightly restart: payments not readable; restarting anyway", "err", err)
		return false
	}
	for _, p := range ps {
		if p.ExpiresAt > stamp {
			return true
		}
	}
	return false
}
