package config

import (
	"strings"
	"testing"
)

func TestWarnings(t *testing.T) {
	cases := []struct {
		listen  string
		enabled bool
		warn    bool
	}{
		{"127.0.0.1:8787", true, false},
		{"localhost:8787", true, false},
		{"[::1]:8787", true, false},
		{"", true, false},
		{"0.0.0.0:8787", true, true},
		{":8787", true, true},
		{"[::]:8787", true, true},
		{"192.168.1.20:8787", true, true},
		{"0.0.0.0:8787", false, false}, // payments off: nothing listens
	}
	for _, c := range cases {
		cfg := Default()
		cfg.Payment.Listen, cfg.Payment.Enabled = c.listen, c.enabled
		w := Warnings(cfg)
		if got := len(w) > 0; got != c.warn {
			t.Errorf("listen %q enabled %v: warnings %q, want warning %v", c.listen, c.enabled, w, c.warn)
			continue
		}
		if c.warn && (!strings.HasPrefix(w[0], "payment.listen: ") || !strings.Contains(w[0], "reverse proxy (README: centre) or enable TLS")) {
			t.Errorf("warning text %q", w[0])
		}
	}
}
