package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/queue"
)

func init() {
	register("counter", "counter next|act: call and serve tickets at a counter through the centre (officer PIN)", subcommands("counter", map[string]func([]string, io.Writer, io.Writer) int{
		"next": counterNext,
		"act":  counterAct,
	}))
}

// exitNoneWaiting is counter next's exit code when nobody waits.
const exitNoneWaiting = 3

// centreTimeout bounds one request to the centre.
const centreTimeout = 15 * time.Second

// usesCentre reports whether a command line talks to a centre (--centre).
func usesCentre(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--centre" || a == "-centre" || strings.HasPrefix(a, "--centre=") || strings.HasPrefix(a, "-centre=") {
			return true
		}
	}
	return false
}

// centreFlags are --centre and --token.
type centreFlags struct {
	url, token string
}

func (c *centreFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&c.url, "centre", "", "centre base URL, e.g. https://centre.local:8443")
	fs.StringVar(&c.token, "token", os.Getenv("MOTCUA_TOKEN"), "device token from motcua-centre enroll (default $MOTCUA_TOKEN)")
}

func (c *centreFlags) client() (*centre.Client, error) {
	if c.url == "" || c.token == "" {
		return nil, errors.New("--centre URL and --token T are required")
	}
	return centre.NewClient(c.url, c.token), nil
}

// centreError is one line saying why the centre refused or could not be reached.
func centreError(err error, url string) string {
	var e *centre.Error
	switch {
	case errors.Is(err, centre.ErrUnreachable):
		return fmt.Sprintf("centre %s unreachable: %v", url, err)
	case errors.As(err, &e) && e.Code == centre.CodeBadToken:
		return fmt.Sprintf("the centre refused the device token: unknown or revoked (enrol the device again with motcua-centre enroll)")
	case errors.As(err, &e) && e.Code == centre.CodeForbidden:
		return fmt.Sprintf("the centre refused: %s (enrolled as another kind of device?)", e.Message)
	case errors.As(err, &e):
		msg := e.Message
		if e.EN != "" {
			msg = e.EN + " (" + e.Message + ")"
		}
		return fmt.Sprintf("the centre refused (%s): %s", e.Code, msg)
	}
	return err.Error()
}

// centreTicketIssue is "ticket issue --centre URL": the centre numbers the
// ticket; the JSON goes to stdout.
func centreTicketIssue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	service := fs.String("service", "", "service code (e.g. HT)")
	priority := fs.String("priority", "", "priority category (e.g. elderly)")
	key := fs.String("key", "", "idempotency key: the same key gives back the same ticket (default: a random one)")
	asJSON := fs.Bool("json", false, "print the ticket as JSON (default: its code)")
	if err := fs.Parse(args); err != nil || *service == "" {
		return fail(stderr, "usage: kioskctl ticket issue --centre URL --token T --service CODE [--priority CAT] [--key K] [--json]")
	}
	c, err := cf.client()
	if err != nil {
		return fail(stderr, "ticket issue: %v", err)
	}
	if *key == "" {
		*key = randomKey()
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	t, err := c.IssueTicket(ctx, centre.IssueRequest{Service: *service, Priority: *priority, Key: *key})
	if errors.Is(err, centre.ErrUnreachable) { // the answer may have been lost: the key makes the retry safe
		t, err = c.IssueTicket(ctx, centre.IssueRequest{Service: *service, Priority: *priority, Key: *key})
	}
	var ie *queue.IssueError
	if errors.As(err, &ie) {
		return fail(stderr, "ticket issue: %v: %s / %s", ie.Err, ie.VI, ie.EN)
	}
	if err != nil {
		return fail(stderr, "ticket issue: %s", centreError(err, cf.url))
	}
	if *asJSON {
		writeJSON(stdout, t)
	} else {
		fmt.Fprintln(stdout, t.Code)
	}
	return 0
}

// calledTicket is counter next's JSON: the ticket and the counter.
type calledTicket struct {
	queue.Ticket
	Counter string `json:"counter"`
}

// counterNext calls the next ticket at a counter. Exit 3 with {} when nobody waits.
func counterNext(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("counter next", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	counter := fs.String("counter", "", "counter number (e.g. 1)")
	name := fs.String("officer", "", "the officer's name (PIN from $MOTCUA_OFFICER_PIN or stdin)")
	asJSON := fs.Bool("json", false, "print the called ticket as JSON (default: its code)")
	if err := fs.Parse(args); err != nil || *counter == "" || *name == "" {
		return fail(stderr, "usage: kioskctl counter next --centre URL --token T --counter N --officer NAME [--json]")
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	c, err := officerClient(ctx, cf, *counter, *name)
	if err != nil {
		return fail(stderr, "counter next: %s", centreError(err, cf.url))
	}
	call, err := c.CallNext(ctx, *counter)
	if errors.Is(err, centre.ErrNoneWaiting) {
		if *asJSON {
			fmt.Fprintln(stdout, "{}")
		}
		fmt.Fprintf(stderr, "nobody waits for counter %s\n", *counter)
		return exitNoneWaiting
	}
	if err != nil {
		return fail(stderr, "counter next: %s", centreError(err, cf.url))
	}
	if *asJSON {
		writeJSON(stdout, calledTicket{Ticket: call.Ticket, Counter: call.Counter})
	} else {
		fmt.Fprintf(stdout, "%s → counter %s\n", call.Ticket.Code, call.Counter)
	}
	return 0
}

// randomKey is a fresh idempotency key.
func randomKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "kioskctl-" + hex.EncodeToString(b)
}

// officerClient signs the officer in at the counter (the PIN from
// $MOTCUA_OFFICER_PIN or stdin's first line, never a flag) and returns the
// client acting as them.
func officerClient(ctx context.Context, cf centreFlags, counter, name string) (*centre.Client, error) {
	c, err := cf.client()
	if err != nil {
		return nil, err
	}
	pin := os.Getenv("MOTCUA_OFFICER_PIN")
	if pin == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return nil, errors.New("officer PIN: set $MOTCUA_OFFICER_PIN or give it on stdin")
		}
		pin = strings.TrimSpace(line)
	}
	if _, err := c.SignIn(ctx, counter, name, pin); err != nil {
		return nil, fmt.Errorf("sign in at counter %s: %w", counter, err)
	}
	return c, nil
}

// counterAct applies one operation to a ticket at a counter.
func counterAct(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("counter act", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	counter := fs.String("counter", "", "counter number (e.g. 1)")
	name := fs.String("officer", "", "the officer's name (PIN from $MOTCUA_OFFICER_PIN or stdin)")
	id := fs.Int64("ticket", 0, "ticket id (from counter next --json)")
	op := fs.String("op", "", "call|recall|noshow|start|finish|park|resume|transfer")
	reason := fs.String("reason", "", "reason (call out of order, park, transfer)")
	service := fs.String("service", "", "transfer: the target service code")
	if err := fs.Parse(args); err != nil || *counter == "" || *name == "" || *id <= 0 || *op == "" {
		return fail(stderr, "usage: kioskctl counter act --centre URL --token T --counter N --officer NAME --ticket ID --op OP [--reason R] [--service S]")
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	c, err := officerClient(ctx, cf, *counter, *name)
	if err != nil {
		return fail(stderr, "counter act: %s", centreError(err, cf.url))
	}
	t, err := c.Act(ctx, *counter, *id, *op, centre.ActionRequest{Reason: *reason, Service: *service})
	if err != nil {
		return fail(stderr, "counter act: %s", centreError(err, cf.url))
	}
	writeJSON(stdout, t)
	return 0
}
