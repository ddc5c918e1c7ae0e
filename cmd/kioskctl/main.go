// Command kioskctl is the technician CLI over the kiosk core: pure Go, no cgo,
// usable over SSH or on a console next to the kiosk.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one top-level subcommand. Each group lives in its own file and
// registers itself from init, so groups can be added without touching this file.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) int) {
	if _, dup := commands[name]; dup {
		panic("kioskctl: duplicate command " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "kioskctl: unknown command %q (try 'kioskctl help')\n", args[0])
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kioskctl: technician tool for the one-stop counter kiosk")
	fmt.Fprintln(w, "\nusage: kioskctl COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// subcommands dispatches the second word of a command group such as
// "catalog import" to its handler.
func subcommands(group string, subs map[string]func(args []string, stdout, stderr io.Writer) int) func([]string, io.Writer, io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int {
		names := make([]string, 0, len(subs))
		for n := range subs {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(args) == 0 {
			fmt.Fprintf(stderr, "usage: kioskctl %s %s ...\n", group, strings.Join(names, "|"))
			return 2
		}
		run, ok := subs[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "kioskctl %s: unknown subcommand %q (one of: %s)\n", group, args[0], strings.Join(names, ", "))
			return 2
		}
		return run(args[1:], stdout, stderr)
	}
}
