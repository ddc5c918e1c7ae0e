package serialport

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Info describes one candidate port.
type Info struct {
	Name   string `json:"name"`             // what to put in the config
	Device string `json:"device,omitempty"` // the device a by-id link points at
	Kind   string `json:"kind"`             // by-id | usb | acm | builtin | com
}

// List returns the names of candidate ports (see Ports).
func List() []string {
	var out []string
	for _, p := range Ports() {
		out = append(out, p.Name)
	}
	return out
}

// listLinux lists under a /dev and /sys root (tests use a fake tree):
// the stable /dev/serial/by-id links first, then ttyUSB*, ttyACM*, and the
// built-in ttyS* ports whose UART the kernel found (sysfs type ≠ 0: Linux
// creates ttyS0..31 nodes whether or not a UART is behind them).
func listLinux(dev, sys string) []Info {
	var out []Info
	byID, _ := filepath.Glob(filepath.Join(dev, "serial/by-id/*"))
	sort.Strings(byID)
	for _, l := range byID {
		target, err := filepath.EvalSymlinks(l)
		if err != nil {
			continue // dangling: the adapter is gone
		}
		out = append(out, Info{Name: l, Device: target, Kind: "by-id"})
	}
	for _, g := range []struct{ pat, kind string }{{"ttyUSB*", "usb"}, {"ttyACM*", "acm"}, {"ttyS*", "builtin"}} {
		m, _ := filepath.Glob(filepath.Join(dev, g.pat))
		sortNatural(m)
		for _, name := range m {
			if g.kind == "builtin" {
				t, err := os.ReadFile(filepath.Join(sys, "class/tty", filepath.Base(name), "type"))
				if err != nil || strings.TrimSpace(string(t)) == "0" {
					continue
				}
			}
			out = append(out, Info{Name: name, Kind: g.kind})
		}
	}
	return out
}

// sortNatural orders ttyS2 before ttyS10 and COM2 before COM10.
func sortNatural(s []string) { sort.Slice(s, func(a, b int) bool { return naturalLess(s[a], s[b]) }) }

func naturalLess(a, b string) bool {
	pa, na := numSuffix(a)
	pb, nb := numSuffix(b)
	if pa != pb {
		return pa < pb
	}
	return na < nb
}

func numSuffix(v string) (string, int) {
	i := len(v)
	for i > 0 && v[i-1] >= '0' && v[i-1] <= '9' {
		i--
	}
	n := 0
	for _, c := range v[i:] {
		n = n*10 + int(c-'0')
	}
	return v[:i], n
}
