// Command motcua-centre is the centre server: one queue and one payment
// ledger for every kiosk, counter and display of a hall, over SQLite (one
// process) or PostgreSQL. Pure Go, no cgo.
//
//	motcua-centre serve   --db DSN|PATH --listen ADDR [--config FILE] [--instance NAME] [--tls-cert F --tls-key F]
//	motcua-centre enroll  --db DSN|PATH kiosk|counter|display NAME   (prints the token)
//	motcua-centre revoke  --db DSN|PATH NAME
//	motcua-centre devices --db DSN|PATH
//	motcua-centre pin set --db DSN|PATH staff|technician             (PIN on stdin)
//	motcua-centre officer add|pin|disable|enable --db DSN|PATH NAME   (PIN from $MOTCUA_OFFICER_PIN or stdin)
//	motcua-centre officer list --db DSN|PATH
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `motcua-centre: the centre server of the one-stop counter kiosks

usage:
  motcua-centre serve   --db DSN|PATH --listen ADDR [--config FILE] [--instance NAME] [--tls-cert F --tls-key F]
  motcua-centre enroll  --db DSN|PATH kiosk|counter|display NAME   prints the device token
  motcua-centre revoke  --db DSN|PATH NAME
  motcua-centre devices --db DSN|PATH
  motcua-centre pin set --db DSN|PATH staff|technician             reads the PIN from stdin
  motcua-centre officer add|pin --db DSN|PATH NAME                 counter officer; the PIN from
                                                                   $MOTCUA_OFFICER_PIN, or stdin twice
  motcua-centre officer disable|enable --db DSN|PATH NAME
  motcua-centre officer list --db DSN|PATH
  motcua-centre announce --ticket B-0012 --counter 3 --out call.wav [--pack DIR] [--ticket-as-number]

--db is a SQLite file path, or a postgres:// DSN.
`

// run is the command line; it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	switch args[0] {
	case "serve":
		return serveCmd(ctx, args[1:], stderr)
	case "enroll":
		return enrollCmd(ctx, args[1:], stdout, stderr)
	case "revoke":
		return revokeCmd(ctx, args[1:], stdout, stderr)
	case "devices":
		return devicesCmd(ctx, args[1:], stdout, stderr)
	case "officer":
		return officerCmd(ctx, args[1:], stdin, stdout, stderr)
	case "announce":
		return announceCmd(args[1:], stdout, stderr)
	case "pin":
		if len(args) < 2 || args[1] != "set" {
			return fail(stderr, "usage: motcua-centre pin set --db DSN|PATH staff|technician")
		}
		return pinSetCmd(ctx, args[2:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "motcua-centre: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// fail prints one line on stderr and returns exit code 1.
func fail(w io.Writer, format string, a ...any) int {
	fmt.Fprintf(w, "motcua-centre: "+format+"\n", a...)
	return 1
}

// dbFlag adds --db to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", os.Getenv("MOTCUA_CENTRE_DB"), "SQLite file path or postgres:// DSN (default $MOTCUA_CENTRE_DB)")
}
