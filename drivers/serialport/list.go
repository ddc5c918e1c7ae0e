package serialport

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// PortInfo describes one serial port found on the machine.
type PortInfo struct {
	Name string `json:"name"`            // /dev/ttyUSB0, COM3: what Open takes
	ByID string `json:"by_id,omitempty"` // Linux: the stable /dev/serial/by-id link, better in a config
	Kind string `json:"kind"`            // usb | acm | builtin | com (Windows, not known to be USB)
	// Device is the kernel's side: the driver on Linux (ftdi_sio, cp210x,
	// cdc_acm, serial8250), the device on Windows (\Device\Serial0, \Device\VCP0).
	Device string `json:"device,omitempty"`
	// USB adapters, where the system says (Linux sysfs; Windows Enum\USB, Enum\FTDIBUS).
	VID          string `json:"vid,omitempty"` // 4 hex digits
	PID          string `json:"pid,omitempty"`
	Manufacturer string `json:"manufacturer,omitempty"`
	Product      string `json:"product,omitempty"`
	Serial       string `json:"serial,omitempty"`
}

// USB is "VID:PID" for a USB adapter, "" otherwise.
func (p PortInfo) USB() string {
	if p.VID == "" {
		return ""
	}
	return p.VID + ":" + p.PID
}

// List returns the serial ports the system knows: on Linux ttyUSB*, ttyACM*
// and the built-in ttyS* that have a UART behind them, from /sys/class/tty;
// on Windows those registered under HKLM\HARDWARE\DEVICEMAP\SERIALCOMM,
// with the USB ids of adapters from the device keys under Enum;
// elsewhere /dev/cu.* and /dev/ttyU*.
func List() ([]PortInfo, error) { return list() }

// Names returns the names a technician can put in the config: for each port
// its /dev/serial/by-id link, if it has one, then its name. When the system
// cannot be asked, the names worth trying by hand (COM1..COM32 on Windows).
func Names() []string {
	ports, err := List()
	if err != nil {
		return fallbackNames()
	}
	var out []string
	for _, p := range ports {
		if p.ByID != "" {
			out = append(out, p.ByID)
		}
		out = append(out, p.Name)
	}
	return out
}

var kindOrder = map[string]int{"usb": 0, "acm": 1, "builtin": 2}

// listLinux lists the ports under a /dev and a /sys root (tests use a fake
// tree). Linux creates ttyS0..31 whether or not a UART is behind them; only
// those with a device and a UART type other than 0 (none) are ports.
func listLinux(dev, sys string) ([]PortInfo, error) {
	classDir := filepath.Join(sys, "class", "tty")
	entries, err := os.ReadDir(classDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no sysfs (a container): no ports
	}
	if err != nil {
		return nil, fmt.Errorf("serialport: list: %w", err)
	}
	byID := byIDLinks(dev)
	var out []PortInfo
	for _, e := range entries {
		name := e.Name()
		var kind string
		switch {
		case strings.HasPrefix(name, "ttyUSB"):
			kind = "usb"
		case strings.HasPrefix(name, "ttyACM"):
			kind = "acm"
		case strings.HasPrefix(name, "ttyS"):
			kind = "builtin"
		default:
			continue
		}
		tty := filepath.Join(classDir, name)
		device, err := filepath.EvalSymlinks(filepath.Join(tty, "device"))
		if err != nil {
			continue // a virtual tty, or the adapter was just unplugged
		}
		if kind == "builtin" {
			t, err := os.ReadFile(filepath.Join(tty, "type"))
			if err != nil || strings.TrimSpace(string(t)) == "0" {
				continue
			}
		}
		p := PortInfo{Name: filepath.Join(dev, name), ByID: byID[name], Kind: kind}
		p.Device = driver(device)
		if kind != "builtin" {
			usbInfo(&p, device, sys)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool {
		if ka, kb := kindOrder[out[a].Kind], kindOrder[out[b].Kind]; ka != kb {
			return ka < kb
		}
		return naturalLess(out[a].Name, out[b].Name)
	})
	return out, nil
}

// driver names the driver of a tty's device. Since Linux 6.5 a UART's tty
// hangs off serial-base port and ctrl devices, whose drivers say nothing;
// the driver that matters is the one above them.
func driver(device string) string {
	for d, i := device, 0; i < 3; d, i = filepath.Dir(d), i+1 {
		drv, err := filepath.EvalSymlinks(filepath.Join(d, "driver"))
		if err != nil {
			return ""
		}
		if filepath.Base(filepath.Dir(filepath.Dir(drv))) != "serial-base" {
			return filepath.Base(drv)
		}
	}
	return ""
}

// usbInfo fills in the USB ids and strings of the USB device a tty hangs
// off: the nearest folder above it with an idVendor file (the tty's device
// is the USB interface or the usb-serial port below it).
func usbInfo(p *PortInfo, device, sys string) {
	sysRoot, err := filepath.EvalSymlinks(sys)
	if err != nil {
		sysRoot = sys
	}
	for d, i := device, 0; i < 8 && strings.HasPrefix(d, sysRoot+string(filepath.Separator)); d, i = filepath.Dir(d), i+1 {
		vid, err := os.ReadFile(filepath.Join(d, "idVendor"))
		if err != nil {
			continue
		}
		read := func(f string) string {
			b, _ := os.ReadFile(filepath.Join(d, f))
			return strings.TrimSpace(string(b))
		}
		p.VID = strings.TrimSpace(string(vid))
		p.PID = read("idProduct")
		p.Manufacturer = read("manufacturer")
		p.Product = read("product")
		p.Serial = read("serial")
		return
	}
}

// byIDLinks maps a tty's name to its /dev/serial/by-id link (dangling
// links, whose adapter is gone, are left out).
func byIDLinks(dev string) map[string]string {
	links, _ := filepath.Glob(filepath.Join(dev, "serial", "by-id", "*"))
	sort.Strings(links)
	out := map[string]string{}
	for _, l := range links {
		target, err := filepath.EvalSymlinks(l)
		if err != nil {
			continue
		}
		if _, dup := out[filepath.Base(target)]; !dup {
			out[filepath.Base(target)] = l
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
