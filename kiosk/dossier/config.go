package dossier

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/motcua/kiosk/config"
)

// FromConfig builds the lookup [dossier] asks for, wrapped in Logged.
// procedures names a procedure by its code for the national interface
// (nil: the dossier's own summary).
func FromConfig(c config.Dossier, log *slog.Logger, procedures func(code string) string) (Lookup, error) {
	timeout := time.Duration(c.TimeoutSeconds) * time.Second
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var l Lookup
	provider := c.Provider
	switch provider {
	case "", "sim":
		provider, l = "sim", Sim{}
	case "igate":
		l = &IGate{BaseURL: c.IGate.BaseURL, Realm: c.IGate.Realm, Token: c.IGate.Token, Timeout: timeout}
	case "dvcqg":
		l = &DVCQG{URL: c.DVCQG.URL, Token: c.DVCQG.Token, Timeout: timeout, Procedures: procedures}
	default:
		return nil, fmt.Errorf("dossier: unknown provider %q (sim, igate, dvcqg)", c.Provider)
	}
	if log != nil && c.Province != "" {
		log = log.With("province", c.Province)
	}
	return Logged(l, log, provider), nil
}
