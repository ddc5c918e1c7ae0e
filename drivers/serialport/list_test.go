package serialport

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fakeSys builds a /dev and /sys tree shaped like the kernel's: class/tty
// entries are links into devices/, their device links point at the port's
// device, and USB ids sit on the USB device a level or two above.
type fakeSys struct {
	t        *testing.T
	dev, sys string
}

func newFakeSys(t *testing.T) *fakeSys {
	root := t.TempDir()
	f := &fakeSys{t: t, dev: filepath.Join(root, "dev"), sys: filepath.Join(root, "sys")}
	for _, d := range []string{f.dev, filepath.Join(f.sys, "class/tty"), filepath.Join(f.sys, "bus/usb-serial/drivers/ftdi_sio"),
		filepath.Join(f.sys, "bus/usb/drivers/cdc_acm"), filepath.Join(f.sys, "bus/pnp/drivers/serial"),
		filepath.Join(f.sys, "bus/serial-base/drivers/port"), filepath.Join(f.sys, "bus/serial-base/drivers/ctrl")} {
		f.mkdir(d)
	}
	return f
}

func (f *fakeSys) mkdir(d string) {
	if err := os.MkdirAll(d, 0o755); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fakeSys) write(p, body string) {
	f.mkdir(filepath.Dir(p))
	if err := os.WriteFile(p, []byte(body+"\n"), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fakeSys) link(target, at string) {
	f.mkdir(filepath.Dir(at))
	if err := os.Symlink(target, at); err != nil {
		f.t.Fatal(err)
	}
}

// tty adds /sys/class/tty/NAME for a tty whose device is devPath (relative to
// sys; "" for a virtual tty without one), with driver drv and, for ttyS,
// UART type typ.
func (f *fakeSys) tty(name, devPath, drv, typ string) {
	ttyDir := filepath.Join(f.sys, "devices/virtual/tty", name)
	if devPath != "" {
		ttyDir = filepath.Join(f.sys, devPath, "tty", name)
		f.link(filepath.Join(f.sys, devPath), filepath.Join(ttyDir, "device"))
		if drv != "" {
			f.link(filepath.Join(f.sys, drv), filepath.Join(f.sys, devPath, "driver"))
		}
	}
	f.mkdir(ttyDir)
	if typ != "" {
		f.write(filepath.Join(ttyDir, "type"), typ)
	}
	f.link(ttyDir, filepath.Join(f.sys, "class/tty", name))
	f.write(filepath.Join(f.dev, name), "")
}

// usbDevice writes the ids and strings of a USB device at path (relative to sys).
func (f *fakeSys) usbDevice(path, vid, pid, mfr, product, serial string) {
	d := filepath.Join(f.sys, path)
	f.write(filepath.Join(d, "idVendor"), vid)
	f.write(filepath.Join(d, "idProduct"), pid)
	for file, v := range map[string]string{"manufacturer": mfr, "product": product, "serial": serial} {
		if v != "" {
			f.write(filepath.Join(d, file), v)
		}
	}
}

func TestListLinux(t *testing.T) {
	f := newFakeSys(t)
	// An FTDI adapter: ttyUSB0 under the usb-serial port under the interface.
	ftdi := "devices/pci0000:00/0000:00:14.0/usb1/1-2"
	f.usbDevice(ftdi, "0403", "6001", "FTDI", "FT232R USB UART", "A10K5XYZ")
	f.tty("ttyUSB0", ftdi+"/1-2:1.0/ttyUSB0", "bus/usb-serial/drivers/ftdi_sio", "")
	// A CH340 without strings, on a hub port.
	ch := "devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3.4"
	f.usbDevice(ch, "1a86", "7523", "", "", "")
	f.tty("ttyUSB10", ch+"/1-3.4:1.0/ttyUSB10", "bus/usb-serial/drivers/ftdi_sio", "")
	f.tty("ttyUSB2", ch+"/1-3.4:1.0/ttyUSB2", "", "")
	// A CDC-ACM printer: ttyACM0's device is the interface itself.
	acm := "devices/pci0000:00/0000:00:14.0/usb1/1-4"
	f.usbDevice(acm, "0483", "5740", "Xprinter", "XP-80C", "")
	f.tty("ttyACM0", acm+"/1-4:1.0", "bus/usb/drivers/cdc_acm", "")
	// Built-in UARTs: ttyS0 real, ttyS1 without a UART, ttyS2 real, ttyS3 with no device at all.
	f.tty("ttyS0", "devices/pnp0/00:05", "bus/pnp/drivers/serial", "4")
	f.tty("ttyS1", "devices/platform/serial8250", "", "0")
	// Linux 6.5+: the tty hangs off serial-base port and ctrl devices.
	f.tty("ttyS2", "devices/pnp0/00:06/00:06:0/00:06:0.0", "bus/serial-base/drivers/port", "4")
	f.link(filepath.Join(f.sys, "bus/serial-base/drivers/ctrl"), filepath.Join(f.sys, "devices/pnp0/00:06/00:06:0/driver"))
	f.link(filepath.Join(f.sys, "bus/pnp/drivers/serial"), filepath.Join(f.sys, "devices/pnp0/00:06/driver"))
	f.tty("ttyS3", "", "", "4")
	// Neither serial ports nor candidates.
	f.tty("tty0", "", "", "")
	f.tty("ttyUSB7", "", "", "") // unplugged between listing and reading
	// The stable link of the FTDI adapter, and one left dangling.
	f.link("../../ttyUSB0", filepath.Join(f.dev, "serial/by-id/usb-FTDI_FT232R_USB_UART_A10K5XYZ-if00-port0"))
	f.link("../../ttyUSB9", filepath.Join(f.dev, "serial/by-id/usb-gone-if00"))

	got, err := listLinux(f.dev, f.sys)
	if err != nil {
		t.Fatal(err)
	}
	d := func(n string) string { return filepath.Join(f.dev, n) }
	want := []PortInfo{
		{Name: d("ttyUSB0"), ByID: d("serial/by-id/usb-FTDI_FT232R_USB_UART_A10K5XYZ-if00-port0"), Kind: "usb", Device: "ftdi_sio",
			VID: "0403", PID: "6001", Manufacturer: "FTDI", Product: "FT232R USB UART", Serial: "A10K5XYZ"},
		{Name: d("ttyUSB2"), Kind: "usb", VID: "1a86", PID: "7523"},
		{Name: d("ttyUSB10"), Kind: "usb", Device: "ftdi_sio", VID: "1a86", PID: "7523"},
		{Name: d("ttyACM0"), Kind: "acm", Device: "cdc_acm", VID: "0483", PID: "5740", Manufacturer: "Xprinter", Product: "XP-80C"},
		{Name: d("ttyS0"), Kind: "builtin", Device: "serial"},
		{Name: d("ttyS2"), Kind: "builtin", Device: "serial"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d ports:\n%+v\nwant %d:\n%+v", len(got), got, len(want), want)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("port %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if u := got[0].USB(); u != "0403:6001" {
		t.Errorf("USB() = %q", u)
	}
}

func TestListLinuxNoSysfs(t *testing.T) {
	cases := []struct {
		name string
		sys  func(t *testing.T) string
		ok   bool
	}{
		{"no /sys at all", func(t *testing.T) string { return filepath.Join(t.TempDir(), "none") }, true},
		{"empty class/tty", func(t *testing.T) string {
			s := t.TempDir()
			os.MkdirAll(filepath.Join(s, "class/tty"), 0o755)
			return s
		}, true},
		{"class/tty is a file", func(t *testing.T) string {
			s := t.TempDir()
			os.MkdirAll(filepath.Join(s, "class"), 0o755)
			os.WriteFile(filepath.Join(s, "class/tty"), nil, 0o644)
			return s
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := listLinux(t.TempDir(), c.sys(t))
			if (err == nil) != c.ok || len(got) != 0 {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	}
}
