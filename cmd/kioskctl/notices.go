package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/payment"
)

// Staff reconcile flagged bank notices on the centre (a second transfer for
// a paid fee, an unknown reference, a wrong amount, a late transfer) until
// the counter pages have it: list, refund, assign. Every call needs a
// counter's token and the staff PIN, read from $MOTCUA_STAFF_PIN or the
// first line of stdin (never a flag: it would stay in the shell history).
func init() {
	register("notices", "notices list|refund|assign: flagged bank notices on the centre (staff PIN)", subcommands("notices", map[string]func([]string, io.Writer, io.Writer) int{
		"list":   noticesList,
		"refund": noticesRefund,
		"assign": noticesAssign,
	}))
}

// staffClient is the centre client of a counter with the staff PIN.
func staffClient(cf centreFlags) (*centre.Client, error) {
	c, err := cf.client()
	if err != nil {
		return nil, err
	}
	pin := os.Getenv("MOTCUA_STAFF_PIN")
	if pin == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return nil, fmt.Errorf("staff PIN: set $MOTCUA_STAFF_PIN or give it on stdin")
		}
		pin = strings.TrimSpace(line)
	}
	return c.WithPIN(pin), nil
}

func noticesList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notices list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	asJSON := fs.Bool("json", false, "print the notices as a JSON array")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c, err := staffClient(cf)
	if err != nil {
		return fail(stderr, "notices list: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	rows, err := c.Flagged(ctx)
	if err != nil {
		return fail(stderr, "notices list: %s", centreError(err, cf.url))
	}
	if rows == nil {
		rows = []payment.NoticeRow{}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rows)
		return 0
	}
	if len(rows) == 0 {
		fmt.Fprintln(stdout, "no flagged notices")
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRECEIVED\tSOURCE\tTRANSACTION\tAMOUNT\tREF\tWHY")
	for _, n := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", n.ID, n.At, n.Source, n.TxID, n.Amount, n.Ref, n.Verdict)
	}
	tw.Flush()
	return 0
}

// noticeAction parses ID [REF] --note and runs do with the staff client.
func noticeAction(name string, withRef bool, args []string, stdout, stderr io.Writer,
	do func(ctx context.Context, c *centre.Client, id int64, ref, note string) error) int {
	fs := flag.NewFlagSet("notices "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	note := fs.String("note", "", "staff's note: how the money was sent back, or why it belongs to that payment (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	want := 1
	if withRef {
		want = 2
	}
	if fs.NArg() != want {
		if withRef {
			return fail(stderr, "usage: kioskctl notices %s --centre URL --token T --note TEXT ID REF", name)
		}
		return fail(stderr, "usage: kioskctl notices %s --centre URL --token T --note TEXT ID", name)
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return fail(stderr, "notices %s: %q is not a notice ID (see kioskctl notices list)", name, fs.Arg(0))
	}
	if strings.TrimSpace(*note) == "" {
		return fail(stderr, "notices %s: --note is required (it goes into the audit log)", name)
	}
	c, err := staffClient(cf)
	if err != nil {
		return fail(stderr, "notices %s: %v", name, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	if err := do(ctx, c, id, fs.Arg(1), *note); err != nil {
		return fail(stderr, "notices %s %d: %s", name, id, centreError(err, cf.url))
	}
	fmt.Fprintf(stdout, "notice %d %s\n", id, map[string]string{"refund": "marked refunded", "assign": "assigned to " + fs.Arg(1)}[name])
	return 0
}

func noticesRefund(args []string, stdout, stderr io.Writer) int {
	return noticeAction("refund", false, args, stdout, stderr, func(ctx context.Context, c *centre.Client, id int64, _, note string) error {
		return c.Refund(ctx, id, note)
	})
}

func noticesAssign(args []string, stdout, stderr io.Writer) int {
	return noticeAction("assign", true, args, stdout, stderr, func(ctx context.Context, c *centre.Client, id int64, ref, note string) error {
		return c.Assign(ctx, id, ref, note)
	})
}
