package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/motcua/kiosk/kiosk/staff"
)

func init() {
	register("pin", "set the staff or technician PIN", subcommands("pin", map[string]func([]string, io.Writer, io.Writer) int{
		"set": pinSet,
	}))
}

// pinSet reads the new PIN from stdin (one line), so it never sits in the
// shell history or the process list.
func pinSet(args []string, stdout, stderr io.Writer) int {
	return pinSetFrom(os.Stdin, args, stdout, stderr)
}

func pinSetFrom(in io.Reader, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pin set", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	role := fs.Arg(0)
	if role != staff.Staff && role != staff.Technician {
		return fail(stderr, "usage: kioskctl pin set [--db PATH] staff|technician  (the PIN is read from stdin)")
	}
	fmt.Fprintf(stderr, "New %s PIN (6-12 digits): ", role)
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return fail(stderr, "pin set: no PIN on stdin")
	}
	ctx := context.Background()
	_, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "pin set: %v", err)
	}
	defer db.Close()
	if err := staff.New(db, nil, 0).SetPIN(ctx, role, strings.TrimSpace(line)); err != nil {
		return fail(stderr, "pin set: %v", err)
	}
	fmt.Fprintf(stdout, "%s PIN set\n", role)
	return 0
}
