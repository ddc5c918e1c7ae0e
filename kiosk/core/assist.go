package core

import (
	"context"
	"errors"

	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/staff"
)

var errNoStore = errors.New("store unavailable")

// RequestAssistance records "Cần cán bộ hỗ trợ" from the screen the citizen is on.
func (k *Kiosk) RequestAssistance(screen, procedure string) (assist.Request, error) {
	if k.assist == nil {
		return assist.Request{}, errNoStore
	}
	r, err := k.assist.Raise(context.Background(), k.Session.ID(), screen, procedure)
	if err != nil {
		k.log.Error("assistance request not recorded", "err", err)
		return r, err
	}
	k.log.Info("assistance requested", "screen", screen, "procedure", procedure)
	k.Emit("assist:new", r)
	return r, nil
}

// StaffAssistList lists open requests (staff mode).
func (k *Kiosk) StaffAssistList() ([]assist.Request, error) {
	if _, err := k.mode.Require("assist_view", k.now()); err != nil {
		return nil, err
	}
	if k.assist == nil {
		return nil, errNoStore
	}
	return k.assist.Open(context.Background())
}

// StaffAssistResolve closes a request (staff mode).
func (k *Kiosk) StaffAssistResolve(id int64) error {
	role, err := k.mode.Require("assist_view", k.now())
	if err != nil {
		return err
	}
	if err := k.assist.Resolve(context.Background(), id, role); err != nil {
		return err
	}
	return staff.Audit(context.Background(), k.db, k.now(), role, "assist_resolve", "", "")
}
