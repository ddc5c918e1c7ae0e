// Package serialport lists the serial ports a technician can pick for the
// printer and the reader. (Ports are opened with github.com/tarm/serial by
// the drivers themselves.)
package serialport

import (
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
)

// List returns candidate ports: on Linux the stable /dev/serial/by-id names
// first, then ttyUSB, ttyACM and the first ttyS ports; on Windows COM1..COM32.
func List() []string {
	if runtime.GOOS == "windows" {
		out := make([]string, 0, 32)
		for i := 1; i <= 32; i++ {
			out = append(out, "COM"+strconv.Itoa(i))
		}
		return out
	}
	var out []string
	for _, pat := range []string{"/dev/serial/by-id/*", "/dev/ttyUSB*", "/dev/ttyACM*", "/dev/ttyS[0-3]", "/dev/cu.*"} {
		m, _ := filepath.Glob(pat)
		sort.Strings(m)
		out = append(out, m...)
	}
	return out
}
