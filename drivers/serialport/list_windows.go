//go:build windows

package serialport

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"golang.org/x/sys/windows/registry"
)

// list reads HKLM\HARDWARE\DEVICEMAP\SERIALCOMM, where every serial driver,
// USB adapters included, registers its ports while they are present: each
// value is named after the device (\Device\Serial0) and holds the port (COM1).
// Windows leaves the key out when there is no port at all.
func list() ([]PortInfo, error) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `HARDWARE\DEVICEMAP\SERIALCOMM`, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("serialport: list: open SERIALCOMM: %w", err)
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return nil, fmt.Errorf("serialport: list: read SERIALCOMM: %w", err)
	}
	var out []PortInfo
	for _, n := range names {
		com, _, err := k.GetStringValue(n)
		if err != nil || com == "" {
			continue
		}
		out = append(out, PortInfo{Name: com, Device: n, Kind: "com"})
	}
	sort.Slice(out, func(a, b int) bool { return naturalLess(out[a].Name, out[b].Name) })
	return out, nil
}

// fallbackNames: when the registry cannot be read, COM1..COM32 to try by hand.
func fallbackNames() []string {
	out := make([]string, 0, 32)
	for i := 1; i <= 32; i++ {
		out = append(out, "COM"+strconv.Itoa(i))
	}
	return out
}
