// Package uiapi is the whole surface the kiosk's screens may call: the only
// object bound into the Wails window. Each method names the role it needs
// (citizen, staff, technician) and checks it here in Go before it reaches the
// runtime in kiosk/core, which checks the finer action permissions again.
// Nothing here returns a configuration, a key, a PIN hash or a token, and the
// runtime's lifecycle (start, stop, reload) is not reachable from the page.
//
// Simulator hooks for the end-to-end tests live in sim_e2e.go, compiled only
// with the e2e build tag (never in `make build` output).
package uiapi

import (
	"errors"
	"fmt"

	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/staff"
)

// Role is who may call a method.
type Role int

// Roles, from least to most trusted. Staff and technicians hold different
// powers: neither role includes the other.
const (
	Citizen Role = iota
	Staff
	Technician
	StaffOrTechnician
)

func (r Role) String() string {
	switch r {
	case Citizen:
		return "citizen"
	case Staff:
		return staff.Staff
	case Technician:
		return staff.Technician
	default:
		return "staff or technician"
	}
}

// ErrForbidden is returned when the mode a method needs is not open.
var ErrForbidden = errors.New("not allowed")

// API is bound into the window as window.go.uiapi.API.
type API struct {
	k *core.Kiosk
}

// New wraps a runtime.
func New(k *core.Kiosk) *API { return &API{k: k} }

// need checks that the open staff/technician mode satisfies r.
func (a *API) need(r Role) error {
	if r == Citizen {
		return nil
	}
	open := a.k.StaffMode().Role
	switch {
	case r == Staff && open == staff.Staff,
		r == Technician && open == staff.Technician,
		r == StaffOrTechnician && open != "":
		return nil
	}
	if open == "" {
		open = "none"
	}
	return fmt.Errorf("%w: needs %s mode (open: %s)", ErrForbidden, r, open)
}
