package serialport

import "strings"

// parseHardwareID reads the vendor and product ids, and the serial number
// where the key carries one, from the name of a Windows device key under
// HKLM\SYSTEM\CurrentControlSet\Enum: USB\VID_0403&PID_6001 (interfaces add
// &MI_00) or FTDIBUS\VID_0403+PID_6001+A10K5XYZA (FTDI's driver).
func parseHardwareID(key string) (vid, pid, serial string, ok bool) {
	parts := strings.FieldsFunc(key, func(r rune) bool { return r == '&' || r == '+' })
	for i, p := range parts {
		up := strings.ToUpper(p)
		switch {
		case strings.HasPrefix(up, "VID_") && len(p) == 8:
			vid = strings.ToLower(p[4:])
		case strings.HasPrefix(up, "PID_") && len(p) == 8:
			pid = strings.ToLower(p[4:])
		case i == 2 && strings.Contains(key, "+"):
			serial = p
		}
	}
	if !isHex4(vid) || !isHex4(pid) {
		return "", "", "", false
	}
	return vid, pid, serial, true
}

func isHex4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// registryText drops the INF reference Windows puts before a device's
// strings: "@oem12.inf,%ftdi%;FTDI" is "FTDI".
func registryText(v string) string {
	if i := strings.LastIndexByte(v, ';'); i >= 0 && strings.HasPrefix(v, "@") {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}
