//go:build windows

package serialport

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

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
	usb := usbPorts()
	var out []PortInfo
	for _, n := range names {
		com, _, err := k.GetStringValue(n)
		if err != nil || com == "" {
			continue
		}
		p := PortInfo{Name: com, Device: n, Kind: "com"}
		if u, ok := usb[strings.ToUpper(com)]; ok {
			p.Kind, p.VID, p.PID, p.Manufacturer, p.Product, p.Serial = "usb", u.VID, u.PID, u.Manufacturer, u.Product, u.Serial
		}
		out = append(out, p)
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

// usbPorts maps the COM names of USB serial adapters present or once plugged
// in to their USB ids and strings, from the device keys under
// HKLM\SYSTEM\CurrentControlSet\Enum\USB (and FTDIBUS, where FTDI's own
// driver keeps its ports): each instance's "Device Parameters" holds
// PortName. Best effort: what cannot be read is left out.
func usbPorts() map[string]PortInfo {
	out := map[string]PortInfo{}
	for _, bus := range []string{"USB", "FTDIBUS"} {
		busKey, err := registry.OpenKey(registry.LOCAL_MACHINE, `SYSTEM\CurrentControlSet\Enum\`+bus, registry.ENUMERATE_SUB_KEYS)
		if err != nil {
			continue
		}
		devs, _ := busKey.ReadSubKeyNames(0)
		for _, dev := range devs {
			vid, pid, serial, ok := parseHardwareID(dev)
			if !ok {
				continue
			}
			devKey, err := registry.OpenKey(busKey, dev, registry.ENUMERATE_SUB_KEYS)
			if err != nil {
				continue
			}
			insts, _ := devKey.ReadSubKeyNames(0)
			for _, inst := range insts {
				if p, ok := usbInstance(devKey, inst, vid, pid, serial); ok {
					out[strings.ToUpper(p.Name)] = p
				}
			}
			devKey.Close()
		}
		busKey.Close()
	}
	return out
}

func usbInstance(devKey registry.Key, inst, vid, pid, serial string) (PortInfo, bool) {
	params, err := registry.OpenKey(devKey, inst+`\Device Parameters`, registry.QUERY_VALUE)
	if err != nil {
		return PortInfo{}, false
	}
	port, _, err := params.GetStringValue("PortName")
	params.Close()
	if err != nil || !strings.HasPrefix(strings.ToUpper(port), "COM") {
		return PortInfo{}, false
	}
	p := PortInfo{Name: port, VID: vid, PID: pid, Serial: serial}
	if p.Serial == "" && !strings.Contains(inst, "&") {
		p.Serial = inst // Windows makes up instance ids with '&' for devices without a serial number
	}
	if k, err := registry.OpenKey(devKey, inst, registry.QUERY_VALUE); err == nil {
		if v, _, err := k.GetStringValue("Mfg"); err == nil {
			p.Manufacturer = registryText(v)
		}
		if v, _, err := k.GetStringValue("FriendlyName"); err == nil {
			p.Product = registryText(v)
		} else if v, _, err := k.GetStringValue("DeviceDesc"); err == nil {
			p.Product = registryText(v)
		}
		k.Close()
	}
	return p, true
}
