//go:build !windows

package serialport

import (
	"path/filepath"
	"runtime"
)

// Ports lists candidate ports: on Linux by-id links, ttyUSB, ttyACM and
// built-in ttyS that have a UART; elsewhere (macOS, BSD) /dev/cu.* and
// /dev/ttyU*.
func Ports() []Info {
	if runtime.GOOS == "linux" {
		return listLinux("/dev", "/sys")
	}
	var out []Info
	for _, pat := range []string{"/dev/cu.*", "/dev/ttyU*"} {
		m, _ := filepath.Glob(pat)
		sortNatural(m)
		for _, n := range m {
			out = append(out, Info{Name: n, Kind: "usb"})
		}
	}
	return out
}
