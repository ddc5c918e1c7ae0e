package staff

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/audit"
)

// Audit appends one row to the audit log: who (role), did what, to what.
// Callers pass codes and ids only, never a citizen's personal data.
func Audit(ctx context.Context, st audit.Store, at time.Time, role, action, target, detail string) error {
	if err := st.AppendAudit(ctx, audit.Entry{At: at, Role: role, Action: action, Target: target, Detail: detail}); err != nil {
		return fmt.Errorf("audit %s %s: %w", role, action, err)
	}
	return nil
}

// Actions a mode can take. Staff handle citizens and money; technicians
// handle devices, configuration and data. Neither does the other's job.
var permissions = map[string]map[string]bool{
	Staff: {
		"reprint": true, "service_open_close": true, "payment_confirm": true, "payment_void": true,
		"session_end": true, "report_export": true, "assist_view": true,
	},
	Technician: {
		"devices": true, "config_edit": true, "catalog_import": true, "logs_view": true,
		"diagnostics": true, "test_print": true, "session_end": true,
	},
}

// Allowed reports whether role may take action.
func Allowed(role, action string) bool { return permissions[role][action] }

// Authorize returns ErrForbidden unless role may take action.
func Authorize(role, action string) error {
	if !Allowed(role, action) {
		return fmt.Errorf("%s may not %s: %w", role, action, ErrForbidden)
	}
	return nil
}
