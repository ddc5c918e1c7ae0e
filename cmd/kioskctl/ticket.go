package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tarm/serial"

	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/kiosk/queue"
)

func init() {
	register("ticket", "ticket issue|list: queue tickets in the kiosk's store", subcommands("ticket", map[string]func([]string, io.Writer, io.Writer) int{
		"issue": ticketIssue,
		"list":  ticketList,
	}))
}

// ticketIssue issues a ticket in the store (numbered like the kiosk does)
// and, with --print-port, prints it through the real driver.
func ticketIssue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	service := fs.String("service", "", "service code (e.g. HT)")
	priority := fs.String("priority", "", "priority category (e.g. elderly)")
	port := fs.String("print-port", "", "print on this serial port (default: store only, print state pending)")
	baud := fs.Int("baud", 0, "baud for --print-port (default: from the config)")
	if err := fs.Parse(args); err != nil || *service == "" {
		return fail(stderr, "usage: kioskctl ticket issue --service CODE [--priority CAT] [--db PATH] [--print-port P]")
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket issue: %v", err)
	}
	defer db.Close()
	q := queue.New(db, cfg, time.Now)
	t, err := q.Issue(ctx, *service, *priority)
	if err != nil {
		return fail(stderr, "ticket issue: %v", err)
	}
	if *port != "" {
		b := cfg.Printer.Baud
		if *baud > 0 {
			b = *baud
		}
		p := printer.New(func() (printer.Port, error) {
			return serial.OpenPort(&serial.Config{Name: *port, Baud: b, ReadTimeout: 100 * time.Millisecond})
		}, printer.Options{Profile: cfg.Profile(), Baud: b})
		defer p.Close()
		t, err = q.Print(ctx, p, t)
		if err != nil {
			fmt.Fprintf(stderr, "ticket %s stored but not printed: %v\n", t.Code, err)
		}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.Encode(t)
	return 0
}

func ticketList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket list: %v", err)
	}
	defer db.Close()
	ts, err := queue.New(db, cfg, time.Now).Today(ctx)
	if err != nil {
		return fail(stderr, "ticket list: %v", err)
	}
	for _, t := range ts {
		fmt.Fprintf(stdout, "%s  %-3s %-9s %-10s reprints=%d %s\n", t.Code, t.Service, t.PrintState, t.Priority, t.Reprints, t.IssuedAt)
	}
	return 0
}
