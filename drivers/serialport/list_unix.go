//go:build !windows

package serialport

import (
	"path/filepath"
	"runtime"
)

func list() ([]PortInfo, error) {
	if runtime.GOOS == "linux" {
		return listLinux("/dev", "/sys")
	}
	// macOS, BSD: no sysfs; the callout devices of USB adapters.
	var out []PortInfo
	for _, pat := range []string{"/dev/cu.*", "/dev/ttyU*"} {
		m, _ := filepath.Glob(pat)
		sortNatural(m)
		for _, n := range m {
			out = append(out, PortInfo{Name: n, Kind: "usb"})
		}
	}
	return out, nil
}

func fallbackNames() []string { return nil }
