package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/motcua/kiosk/drivers/serialport"
)

func TestPorts(t *testing.T) {
	found := []serialport.PortInfo{
		{Name: "/dev/ttyUSB0", ByID: "/dev/serial/by-id/usb-FTDI-if00-port0", Kind: "usb", Device: "ftdi_sio", VID: "0403", PID: "6001", Manufacturer: "FTDI", Product: "FT232R", Serial: "A1"},
		{Name: "/dev/ttyS0", Kind: "builtin", Device: "serial"},
	}
	cases := []struct {
		name   string
		args   []string
		list   func() ([]serialport.PortInfo, error)
		code   int
		stdout []string
		stderr string
	}{
		{"text", nil, func() ([]serialport.PortInfo, error) { return found, nil }, 0,
			[]string{"usb      /dev/ttyUSB0   USB 0403:6001, FTDI FT232R, serial A1, ftdi_sio", "= /dev/serial/by-id/usb-FTDI-if00-port0", "builtin  /dev/ttyS0     serial"}, ""},
		{"none", nil, func() ([]serialport.PortInfo, error) { return nil, nil }, 0, []string{"no serial ports found"}, ""},
		{"json", []string{"--json"}, func() ([]serialport.PortInfo, error) { return found, nil }, 0, []string{`"vid": "0403"`, `"by_id": "/dev/serial/by-id/usb-FTDI-if00-port0"`}, ""},
		{"json none", []string{"--json"}, func() ([]serialport.PortInfo, error) { return nil, nil }, 0, []string{"[]"}, ""},
		{"error", nil, func() ([]serialport.PortInfo, error) { return nil, errors.New("registry says no") }, 1, nil, "ports: registry says no"},
		{"bad flag", []string{"--xml"}, nil, 2, nil, "usage"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := listPorts
			listPorts = c.list
			defer func() { listPorts = old }()
			var out, errb bytes.Buffer
			if code := dispatch(append([]string{"ports"}, c.args...), &out, &errb); code != c.code {
				t.Fatalf("exit %d, want %d; stderr=%s", code, c.code, errb.String())
			}
			for _, s := range c.stdout {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			if !strings.Contains(errb.String(), c.stderr) {
				t.Errorf("stderr %q lacks %q", errb.String(), c.stderr)
			}
			if strings.Contains(strings.Join(c.args, " "), "--json") && c.code == 0 {
				var back []serialport.PortInfo
				if err := json.Unmarshal(out.Bytes(), &back); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
			}
		})
	}
}
