package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/motcua/kiosk/kiosk/officer"
)

const officerUsage = "usage: motcua-centre officer add|pin|disable|enable --db DSN|PATH NAME, or officer list --db DSN|PATH"

// officerCmd manages the counter officers. A PIN comes from
// $MOTCUA_OFFICER_PIN or is read twice from stdin; it is never printed.
func officerCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return fail(stderr, officerUsage)
	}
	sub := args[0]
	fs := flag.NewFlagSet("officer "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	want := 1
	switch sub {
	case "list":
		want = 0
	case "add", "pin", "disable", "enable":
	default:
		fmt.Fprintf(stderr, "motcua-centre: unknown officer command %q\n%s\n", sub, officerUsage)
		return 2
	}
	if fs.NArg() != want {
		return fail(stderr, officerUsage)
	}
	name := fs.Arg(0)
	var pin string
	if sub == "add" || sub == "pin" {
		var err error
		if pin, err = readOfficerPIN(stdin, stderr, name); err != nil {
			return fail(stderr, "officer %s: %v", sub, err)
		}
	}
	st, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return fail(stderr, "officer %s: %v", sub, err)
	}
	defer closeStore()
	svc := officer.New(st.Officers, nil, 0)
	switch sub {
	case "list":
		return listOfficers(ctx, svc, stdout, stderr)
	case "add":
		_, err = svc.Add(ctx, name, pin)
	case "pin":
		err = svc.SetPIN(ctx, name, pin)
	default:
		err = svc.SetActive(ctx, name, sub == "enable")
	}
	if err != nil {
		return fail(stderr, "officer %s: %v", sub, err)
	}
	done := map[string]string{"add": "added", "pin": "PIN set", "disable": "disabled", "enable": "enabled"}[sub]
	fmt.Fprintf(stdout, "officer %s %s\n", strings.TrimSpace(name), done)
	return 0
}

// readOfficerPIN takes the PIN from $MOTCUA_OFFICER_PIN, or reads it twice
// from stdin (prompts on stderr) and checks both match.
func readOfficerPIN(stdin io.Reader, stderr io.Writer, name string) (string, error) {
	if pin := os.Getenv("MOTCUA_OFFICER_PIN"); pin != "" {
		return strings.TrimSpace(pin), nil
	}
	r := bufio.NewReader(stdin)
	var pins [2]string
	for i, prompt := range []string{"New PIN for %s (6-12 digits): ", "Again: "} {
		fmt.Fprintf(stderr, prompt, name)
		line, err := r.ReadString('\n')
		if err != nil && line == "" {
			return "", errors.New("no PIN on stdin (or set $MOTCUA_OFFICER_PIN)")
		}
		pins[i] = strings.TrimSpace(line)
	}
	if pins[0] != pins[1] {
		return "", errors.New("the two PINs differ")
	}
	return pins[0], nil
}

func listOfficers(ctx context.Context, svc *officer.Service, stdout, stderr io.Writer) int {
	list, err := svc.List(ctx)
	if err != nil {
		return fail(stderr, "officer list: %v", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATE\tADDED")
	for _, o := range list {
		state := "active"
		if !o.Active {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", o.Name, state, o.CreatedAt.Format(time.RFC3339))
	}
	return boolCode(tw.Flush() == nil)
}
