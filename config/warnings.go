package config

import (
	"fmt"
	"net"
	"strings"
)

// Warnings returns one line per setting that is allowed but risky, each
// naming the key. Unlike Validate's problems they do not stop the kiosk.
func Warnings(c Config) []string {
	var w []string
	if p := c.Payment; p.Enabled && p.Listen != "" && !Loopback(p.Listen) {
		w = append(w, fmt.Sprintf("payment.listen: %q accepts bank notices from other machines over plain HTTP; "+
			"put it behind the reverse proxy (README: centre) or enable TLS, or listen on 127.0.0.1", p.Listen))
	}
	return w
}

// Loopback reports whether addr (host:port) listens on this machine only:
// "localhost" or a loopback IP. ":port", "0.0.0.0:port", "[::]:port" and
// any other host are reachable from the network.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
