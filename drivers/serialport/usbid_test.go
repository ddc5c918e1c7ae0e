package serialport

import "testing"

func TestParseHardwareID(t *testing.T) {
	cases := []struct {
		key, vid, pid, serial string
		ok                    bool
	}{
		{"VID_0403&PID_6001", "0403", "6001", "", true},
		{"VID_1A86&PID_7523", "1a86", "7523", "", true},
		{"VID_0483&PID_5740&MI_00", "0483", "5740", "", true},
		{"VID_0403+PID_6001+A10K5XYZA", "0403", "6001", "A10K5XYZA", true},
		{"ROOT_HUB30", "", "", "", false},
		{"VID_04G3&PID_6001", "", "", "", false},
		{"VID_0403", "", "", "", false},
	}
	for _, c := range cases {
		vid, pid, serial, ok := parseHardwareID(c.key)
		if vid != c.vid || pid != c.pid || serial != c.serial || ok != c.ok {
			t.Errorf("%s: %q %q %q %v, want %q %q %q %v", c.key, vid, pid, serial, ok, c.vid, c.pid, c.serial, c.ok)
		}
	}
}

func TestRegistryText(t *testing.T) {
	for in, want := range map[string]string{
		"@oem12.inf,%ftdi%;FTDI":                        "FTDI",
		"@usbser.inf,%mfgname%;Microsoft":               "Microsoft",
		"USB-SERIAL CH340 (COM3)":                       "USB-SERIAL CH340 (COM3)",
		"@oem7.inf,%ch340.devicedesc%;USB-SERIAL CH340": "USB-SERIAL CH340",
		"  wch.cn ": "wch.cn",
	} {
		if got := registryText(in); got != want {
			t.Errorf("registryText(%q) = %q, want %q", in, got, want)
		}
	}
}
