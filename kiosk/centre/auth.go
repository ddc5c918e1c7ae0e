package centre

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/staff"
)

// deviceHandler is a handler for an authenticated device.
type deviceHandler func(w http.ResponseWriter, r *http.Request, dev device.Device)

// route registers h behind device-token authentication: only the listed
// kinds of device may call it.
func (s *Server) route(mux *http.ServeMux, pattern string, kinds []string, h deviceHandler) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		dev, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		if !slices.Contains(kinds, dev.Kind) {
			s.log.Warn("device refused: its kind may not use this route", "device", dev.Name, "kind", dev.Kind,
				"route", pattern, "allowed", strings.Join(kinds, ","), "remote", r.RemoteAddr)
			writeError(w, Error{Code: CodeForbidden, Message: dev.Kind + " devices may not call " + pattern})
			return
		}
		h(w, r, dev)
	})
}

// authenticate checks the Bearer device token, or without an
// Authorization header the page's device cookie (CookieDevice); it answers
// 401 (or 503) itself when it returns false. The token is never logged.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (device.Device, bool) {
	var token string
	ok := false
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok = strings.CutPrefix(h, "Bearer ")
	} else if c, err := r.Cookie(CookieDevice); err == nil {
		token, ok = c.Value, true
	}
	if !ok || strings.TrimSpace(token) == "" {
		s.log.Warn("request without a device token refused", "route", r.Pattern, "remote", r.RemoteAddr)
		writeError(w, Error{Code: CodeBadToken, Message: "missing device token (Authorization: Bearer …, or the page cookie " + CookieDevice + ")",
			VI: "Thiết bị chưa được ghép với trung tâm.", EN: "This device is not paired with the centre."})
		return device.Device{}, false
	}
	dev, err := device.Authenticate(r.Context(), s.opt.Devices, token)
	if errors.Is(err, device.ErrUnknownToken) {
		s.log.Warn("unknown or revoked device token refused", "route", r.Pattern, "remote", r.RemoteAddr)
		writeError(w, Error{Code: CodeBadToken, Message: "unknown or revoked device token", VI: "Mã thiết bị không hợp lệ hoặc đã bị thu hồi.", EN: "Unknown or revoked device token."})
		return device.Device{}, false
	}
	if err != nil {
		s.unavailable(w, r, err)
		return device.Device{}, false
	}
	return dev, true
}

// staffHandler is a handler for a counter with a staff member's PIN.
type staffHandler func(w http.ResponseWriter, r *http.Request, dev device.Device)

// StaffRecheck is how long a staff PIN that opened a route for a device
// opens it again without a new bcrypt compare and "unlock" audit row: the
// technician's page reads the fleet every 5 s with its PIN, which was
// 17,000 audit rows a day per open page. A wrong, changed or locked-out
// PIN is always checked in full.
const StaffRecheck = 10 * time.Minute

// staffOnly checks X-Staff-PIN: the PIN must unlock the staff role.
func (s *Server) staffOnly(h staffHandler) deviceHandler {
	return func(w http.ResponseWriter, r *http.Request, dev device.Device) {
		pin := r.Header.Get(HeaderStaffPIN)
		if pin == "" {
			s.log.Warn("staff action without a PIN refused", "device", dev.Name, "route", r.Pattern, "remote", r.RemoteAddr)
			writeError(w, Error{Code: CodeBadPIN, Message: "staff PIN missing (" + HeaderStaffPIN + ")"})
			return
		}
		role, err := s.staff.UnlockRecent(r.Context(), dev.Name, pin, StaffRecheck)
		switch {
		case errors.Is(err, staff.ErrWrongPIN), errors.Is(err, staff.ErrLocked), errors.Is(err, staff.ErrNoPIN):
			s.log.Warn("staff action refused: PIN", "device", dev.Name, "route", r.Pattern, "remote", r.RemoteAddr, "why", err.Error())
			writeError(w, Error{Code: CodeBadPIN, Message: err.Error()})
			return
		case err != nil:
			s.unavailable(w, r, err)
			return
		case role != staff.Staff:
			s.log.Warn("staff action refused: the PIN is not the staff role's", "device", dev.Name, "role", role, "route", r.Pattern, "remote", r.RemoteAddr)
			writeError(w, Error{Code: CodeBadPIN, Message: "this PIN is not a staff PIN"})
			return
		}
		h(w, r, dev)
	}
}

// auditStaff records a staff action done from a counter device.
func (s *Server) auditStaff(ctx context.Context, dev device.Device, action, target, detail string) {
	d := "device " + dev.Name
	if detail != "" {
		d += ": " + detail
	}
	if err := staff.Audit(ctx, s.opt.Audit, s.now(), staff.Staff, action, target, d); err != nil {
		s.log.Error("staff action done but not audited", "device", dev.Name, "action", action, "target", target, "err", err)
	}
}
