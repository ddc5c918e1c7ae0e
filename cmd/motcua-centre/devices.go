package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
)

// enrollCmd enrolls a device; the token is the only thing on stdout.
func enrollCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("enroll", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		return fail(stderr, "usage: motcua-centre enroll --db DSN|PATH kiosk|counter|display NAME")
	}
	kind, name := fs.Arg(0), fs.Arg(1)
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "enroll: %v", err)
	}
	defer closeStore()
	token, _, err := device.Enroll(ctx, st.Devices, kind, name, time.Now())
	if errors.Is(err, device.ErrNameTaken) {
		return fail(stderr, "enroll: %v (revoke it first: motcua-centre revoke --db … %s)", err, name)
	}
	if err != nil {
		return fail(stderr, "enroll: %v", err)
	}
	fmt.Fprintf(stderr, "enrolled %s %q; its token follows on stdout: it is shown only once, put it in the device's config\n", kind, name)
	fmt.Fprintln(stdout, token)
	return 0
}

// revokeCmd revokes a device's token: its next request is refused.
func revokeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("revoke", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		return fail(stderr, "usage: motcua-centre revoke --db DSN|PATH NAME")
	}
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "revoke: %v", err)
	}
	defer closeStore()
	if err := st.Devices.RevokeDevice(ctx, fs.Arg(0), time.Now()); err != nil {
		return fail(stderr, "revoke: %v", err)
	}
	fmt.Fprintf(stdout, "revoked %s\n", fs.Arg(0))
	return 0
}

// devicesCmd lists the enrolled devices, revoked ones too.
func devicesCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("devices", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "devices: %v", err)
	}
	defer closeStore()
	ds, err := st.Devices.Devices(ctx)
	if err != nil {
		return fail(stderr, "devices: %v", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tENROLLED\tSTATE")
	for _, d := range ds {
		state := "active"
		if !d.RevokedAt.IsZero() {
			state = "revoked " + d.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.Name, d.Kind, d.CreatedAt.Format(time.RFC3339), state)
	}
	return boolCode(tw.Flush() == nil)
}

func boolCode(ok bool) int {
	if ok {
		return 0
	}
	return 1
}
