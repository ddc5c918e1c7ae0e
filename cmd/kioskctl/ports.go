package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/motcua/kiosk/drivers/serialport"
)

func init() {
	register("ports", "list serial ports (USB ids where known; --json)", portsCmd)
}

// listPorts is serialport.List (tests replace it).
var listPorts = serialport.List

func portsCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ports", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kioskctl ports [--json]")
		return 2
	}
	ports, err := listPorts()
	if err != nil {
		return fail(stderr, "ports: %v", err)
	}
	if *asJSON {
		if ports == nil {
			ports = []serialport.PortInfo{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ports); err != nil {
			return fail(stderr, "ports: %v", err)
		}
		return 0
	}
	writePorts(stdout, ports)
	return 0
}

// writePorts prints one line a port: kind, name, then what is known of it,
// and its stable by-id link on the next line.
func writePorts(w io.Writer, ports []serialport.PortInfo) {
	if len(ports) == 0 {
		fmt.Fprintln(w, "no serial ports found")
		return
	}
	for _, p := range ports {
		var about []string
		if u := p.USB(); u != "" {
			about = append(about, "USB "+u)
		}
		if s := strings.TrimSpace(p.Manufacturer + " " + p.Product); s != "" {
			about = append(about, s)
		}
		if p.Serial != "" {
			about = append(about, "serial "+p.Serial)
		}
		if p.Device != "" {
			about = append(about, p.Device)
		}
		fmt.Fprintf(w, "%-8s %-14s %s\n", p.Kind, p.Name, strings.Join(about, ", "))
		if p.ByID != "" {
			fmt.Fprintf(w, "%-8s   = %s\n", "", p.ByID)
		}
	}
}
