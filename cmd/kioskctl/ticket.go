package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/kiosk/queue"
)

func init() {
	register("ticket", "ticket issue|list|reprint|retry|call|faults: queue tickets in the kiosk's store", subcommands("ticket", map[string]func([]string, io.Writer, io.Writer) int{
		"issue":   ticketIssue,
		"list":    ticketList,
		"reprint": ticketReprint,
		"retry":   ticketRetry,
		"call":    ticketCall,
		"faults":  ticketFaults,
	}))
}

// printFlags adds --print-port and --baud.
type printFlags struct {
	port string
	baud int
}

func (p *printFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&p.port, "print-port", "", "print on this serial port (default: store only)")
	fs.IntVar(&p.baud, "baud", 0, "baud for --print-port (default: from the config)")
}

// open returns the real driver on the serial port, or nil without --print-port.
func (p *printFlags) open(cfg config.Config) *printer.Printer {
	if p.port == "" {
		return nil
	}
	b := cfg.Printer.Baud
	if p.baud > 0 {
		b = p.baud
	}
	return printer.New(serialport.OpenerFor(p.port, b, serialport.ReadTimeout), printer.Options{Profile: cfg.Profile(), Baud: b})
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// ticketIssue issues a ticket in the store (numbered like the kiosk does)
// and prints it as JSON; with --print-port it also prints it on paper.
// Exit 1 when no ticket was issued, 3 when it was stored but not printed.
func ticketIssue(args []string, stdout, stderr io.Writer) int {
	if usesCentre(args) {
		return centreTicketIssue(args, stdout, stderr)
	}
	fs := flag.NewFlagSet("ticket issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	var pf printFlags
	pf.add(fs)
	service := fs.String("service", "", "service code (e.g. HT)")
	priority := fs.String("priority", "", "priority category (e.g. elderly)")
	if err := fs.Parse(args); err != nil || *service == "" {
		return fail(stderr, "usage: kioskctl ticket issue --service CODE [--priority CAT] [--db PATH] [--config FILE] [--print-port P [--baud B]]")
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
		var ie *queue.IssueError
		if errors.As(err, &ie) {
			return fail(stderr, "ticket issue: %v\n%s\n%s", err, ie.VI, ie.EN)
		}
		return fail(stderr, "ticket issue: %v", err)
	}
	code := 0
	if p := pf.open(cfg); p != nil {
		defer p.Close()
		if t, err = q.Print(ctx, p, t); err != nil {
			fmt.Fprintf(stderr, "ticket %s stored but not printed (%s): %v\n", t.Code, t.PrintError, err)
			code = 3
		}
	} else {
		fmt.Fprintf(stderr, "ticket %s stored with print state pending: not printed (no --print-port); the kiosk's retry or `kioskctl ticket retry --print-port P` prints it\n", t.Code)
	}
	writeJSON(stdout, t)
	return code
}

func ticketList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	day := fs.String("day", "", "business day YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *day != "" {
		if _, err := time.Parse("2006-01-02", *day); err != nil {
			return fail(stderr, "ticket list: --day %q: want YYYY-MM-DD", *day)
		}
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket list: %v", err)
	}
	defer db.Close()
	q := queue.New(db, cfg, time.Now)
	if *day == "" {
		*day = q.BusinessDay()
	}
	ts, err := q.List(ctx, *day)
	if err != nil {
		return fail(stderr, "ticket list: %v", err)
	}
	if *asJSON {
		writeJSON(stdout, ts)
		return 0
	}
	for _, t := range ts {
		state := t.PrintState
		if t.PrintError != "" {
			state += "(" + t.PrintError + ")"
		}
		called := ""
		if t.Called {
			called = "called"
		}
		fmt.Fprintf(stdout, "%-6d %s  %-3s %-20s %-12s reprints=%d %-6s %s\n", t.ID, t.Code, t.Service, state, t.Priority, t.Reprints, called, t.IssuedAt)
	}
	return 0
}

// ticketReprint prints a stored ticket again with the same number.
func ticketReprint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket reprint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	var pf printFlags
	pf.add(fs)
	id := fs.String("id", "", "ticket id (from ticket list)")
	if err := fs.Parse(args); err != nil || *id == "" || pf.port == "" {
		return fail(stderr, "usage: kioskctl ticket reprint --id ID --print-port P [--baud B] [--db PATH]")
	}
	n, err := strconv.ParseInt(*id, 10, 64)
	if err != nil {
		return fail(stderr, "ticket reprint: --id %q: %v", *id, err)
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket reprint: %v", err)
	}
	defer db.Close()
	p := pf.open(cfg)
	defer p.Close()
	t, err := queue.New(db, cfg, time.Now).Reprint(ctx, p, n)
	if errors.Is(err, queue.ErrNoTicket) {
		return fail(stderr, "ticket reprint: %v", err)
	}
	writeJSON(stdout, t)
	if err != nil {
		fmt.Fprintf(stderr, "ticket %s not printed: %v\n", t.Code, err)
		return 3
	}
	return 0
}

// ticketRetry prints today's pending or failed tickets that still wait.
func ticketRetry(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket retry", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	var pf printFlags
	pf.add(fs)
	if err := fs.Parse(args); err != nil || pf.port == "" {
		return fail(stderr, "usage: kioskctl ticket retry --print-port P [--baud B] [--db PATH]")
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket retry: %v", err)
	}
	defer db.Close()
	p := pf.open(cfg)
	defer p.Close()
	n, err := queue.New(db, cfg, time.Now).RetryPending(ctx, p)
	fmt.Fprintf(stdout, "printed %d ticket(s)\n", n)
	if err != nil {
		fmt.Fprintf(stderr, "ticket retry stopped: %v\n", err)
		return 3
	}
	return 0
}

// ticketCall marks the next waiting ticket of a service as called.
func ticketCall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket call", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	service := fs.String("service", "", "service code")
	counter := fs.String("counter", "", "the counter calling (optional)")
	if err := fs.Parse(args); err != nil || *service == "" {
		return fail(stderr, "usage: kioskctl ticket call --service CODE [--counter N] [--db PATH]")
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket call: %v", err)
	}
	defer db.Close()
	t, err := queue.New(db, cfg, time.Now).Call(ctx, *service, *counter, "")
	if err != nil {
		return fail(stderr, "ticket call: %v", err)
	}
	writeJSON(stdout, t)
	return 0
}

// ticketFaults lists recent printer faults.
func ticketFaults(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ticket faults", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.add(fs)
	limit := fs.Int("n", 20, "how many, newest first")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	cfg, db, err := sf.open(ctx)
	if err != nil {
		return fail(stderr, "ticket faults: %v", err)
	}
	defer db.Close()
	fsl, err := queue.New(db, cfg, time.Now).Faults(ctx, *limit)
	if err != nil {
		return fail(stderr, "ticket faults: %v", err)
	}
	for _, f := range fsl {
		fmt.Fprintf(stdout, "%s  %-11s %-7s %s\n", f.At, f.Kind, f.Ticket, f.Detail)
	}
	return 0
}
