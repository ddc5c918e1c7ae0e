package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/motcua/kiosk/kiosk/staff"
)

// pinSetCmd sets the staff or technician PIN, read from stdin so it never
// sits in the shell history or the process list.
func pinSetCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pin set", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	role := fs.Arg(0)
	if fs.NArg() != 1 || (role != staff.Staff && role != staff.Technician) {
		return fail(stderr, "usage: motcua-centre pin set --db DSN|PATH staff|technician  (the PIN is read from stdin)")
	}
	fmt.Fprintf(stderr, "New %s PIN (6-12 digits): ", role)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return fail(stderr, "pin set: no PIN on stdin")
	}
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "pin set: %v", err)
	}
	defer closeStore()
	if err := staff.New(st.Staff, nil, 0).SetPIN(ctx, role, strings.TrimSpace(line)); err != nil {
		return fail(stderr, "pin set: %v", err)
	}
	fmt.Fprintf(stdout, "%s PIN set\n", role)
	return 0
}
