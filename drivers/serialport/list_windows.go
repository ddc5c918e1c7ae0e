//go:build windows

package serialport

import (
	"sort"
	"strconv"

	"golang.org/x/sys/windows/registry"
)

// Ports lists the COM ports Windows knows (HKLM\HARDWARE\DEVICEMAP\SERIALCOMM,
// where every serial driver, USB adapters included, registers its ports);
// if that key cannot be read, COM1..COM32 to try by hand.
func Ports() []Info {
	var out []Info
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `HARDWARE\DEVICEMAP\SERIALCOMM`, registry.QUERY_VALUE)
	if err == nil {
		defer k.Close()
		names, _ := k.ReadValueNames(0)
		for _, n := range names {
			if com, _, err := k.GetStringValue(n); err == nil {
				out = append(out, Info{Name: com, Device: n, Kind: "com"})
			}
		}
		sort.Slice(out, func(a, b int) bool { return naturalLess(out[a].Name, out[b].Name) })
		return out
	}
	for i := 1; i <= 32; i++ {
		out = append(out, Info{Name: "COM" + strconv.Itoa(i), Kind: "com"})
	}
	return out
}
