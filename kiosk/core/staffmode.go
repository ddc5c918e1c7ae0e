package core

import (
	"context"
	"errors"
	"time"

	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
)

// ModeView is the staff/technician mode as the UI draws it.
type ModeView struct {
	Role        string `json:"role"` // "" when closed
	NeedsSetup  bool   `json:"needsSetup"`
	LockedUntil string `json:"lockedUntil,omitempty"`
	Error       string `json:"error,omitempty"`
	ErrorEN     string `json:"errorEn,omitempty"`
}

const eventMode = "staff:mode"

func (k *Kiosk) staffReady() error {
	if k.staff == nil {
		return errors.New("store unavailable")
	}
	return nil
}

// StaffMode reports the open mode and whether first-run PIN setup is needed.
func (k *Kiosk) StaffMode() ModeView {
	v := ModeView{Role: k.mode.Role(k.now())}
	if k.staffReady() == nil {
		has, _ := k.staff.HasPIN(context.Background(), staff.Technician)
		v.NeedsSetup = !has
	}
	return v
}

// StaffSetup sets a role's PIN on first run only (when none is set yet);
// later changes go through `kioskctl pin set` or technician mode.
func (k *Kiosk) StaffSetup(role, pin string) ModeView {
	ctx := context.Background()
	if err := k.staffReady(); err != nil {
		return ModeView{Error: text.StaffUnavailable.VI, ErrorEN: text.StaffUnavailable.EN}
	}
	if has, err := k.staff.HasPIN(ctx, role); err != nil || has {
		return ModeView{Error: text.StaffPINAlreadySet.VI, ErrorEN: text.StaffPINAlreadySet.EN}
	}
	if err := k.staff.SetPIN(ctx, role, pin); err != nil {
		if errors.Is(err, staff.ErrWeakPIN) {
			return ModeView{NeedsSetup: true, Error: text.StaffWeakPIN.VI, ErrorEN: text.StaffWeakPIN.EN}
		}
		k.log.Error("PIN setup failed", "role", role, "err", err)
		return ModeView{NeedsSetup: true, Error: text.StaffPINNotSaved.VI, ErrorEN: text.StaffPINNotSaved.EN}
	}
	k.log.Info("PIN set on first run", "role", role)
	return k.StaffMode()
}

// StaffUnlock opens the mode whose PIN this is.
func (k *Kiosk) StaffUnlock(pin string) ModeView {
	if err := k.staffReady(); err != nil {
		return ModeView{Error: text.StaffUnavailable.VI, ErrorEN: text.StaffUnavailable.EN}
	}
	role, err := k.staff.Unlock(context.Background(), pin)
	var le *staff.LockedError
	switch {
	case errors.As(err, &le):
		k.log.Warn("PIN pad locked after repeated wrong PINs", "until", le.Until.Format(time.RFC3339))
		mins := int(le.Until.Sub(k.now()).Round(time.Minute) / time.Minute)
		if mins < 1 {
			mins = 1
		}
		return ModeView{LockedUntil: le.Until.UTC().Format(time.RFC3339),
			Error:   text.StaffLocked.Format(mins).VI,
			ErrorEN: text.StaffLocked.Format(mins).EN}
	case errors.Is(err, staff.ErrNoPIN):
		return ModeView{NeedsSetup: true, Error: text.StaffNoPIN.VI, ErrorEN: text.StaffNoPIN.EN}
	case errors.Is(err, staff.ErrWrongPIN):
		k.log.Warn("wrong staff PIN")
		return ModeView{Error: text.StaffWrongPIN.VI, ErrorEN: text.StaffWrongPIN.EN}
	case err != nil:
		k.log.Error("PIN check failed", "err", err)
		return ModeView{Error: text.StaffError.VI, ErrorEN: text.StaffError.EN}
	}
	k.mode.Open(role, k.now())
	v := ModeView{Role: role}
	k.Emit(eventMode, v)
	return v
}

// StaffLeave closes the mode.
func (k *Kiosk) StaffLeave() ModeView {
	if role := k.mode.Role(k.now()); role != "" && k.db != nil {
		staff.Audit(context.Background(), k.db, k.now(), role, "leave", "", "")
	}
	k.mode.Close()
	v := ModeView{}
	k.Emit(eventMode, v)
	return v
}

// StaffEndSession ends the current citizen session on a staff member's tap.
func (k *Kiosk) StaffEndSession() error {
	role, err := k.mode.Require("session_end", k.now())
	if err != nil {
		return err
	}
	k.Session.End(k.now(), "staff")
	return staff.Audit(context.Background(), k.db, k.now(), role, "session_end", "", "")
}

// tickMode closes an idle mode and tells the UI.
func (k *Kiosk) tickMode(now time.Time) {
	k.mu.Lock()
	was := k.modeOpen
	k.mu.Unlock()
	open := k.mode.Role(now) != ""
	if was && !open {
		k.Emit(eventMode, ModeView{})
	}
	k.mu.Lock()
	k.modeOpen = open
	k.mu.Unlock()
}
