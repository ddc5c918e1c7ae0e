package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/motcua/kiosk/config"
)

func init() {
	register("config", "check or print the kiosk configuration", subcommands("config", map[string]func([]string, io.Writer, io.Writer) int{
		"check":   configCheck,
		"default": configDefault,
	}))
}

// configCheck validates FILE (or the resolved config path) and prints one
// line per problem; exit 1 when the file is invalid. Warnings (risky but
// allowed settings) are printed too and keep exit 0.
func configCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("config check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	path := config.Resolve(fs.Arg(0))
	c, exists, err := config.Load(path)
	if err != nil {
		var probs config.Problems
		if errors.As(err, &probs) {
			for _, p := range probs {
				fmt.Fprintf(stderr, "%s: %s\n", path, p)
			}
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	if !exists {
		if fs.Arg(0) != "" {
			fmt.Fprintf(stderr, "%s: no such file\n", path)
			return 1
		}
		fmt.Fprintf(stdout, "%s: no file; the kiosk runs on the defaults (simulated devices, sample catalog)\n", path)
		return 0
	}
	for _, w := range config.Warnings(c) {
		fmt.Fprintf(stderr, "%s: warning: %s\n", path, w)
	}
	fmt.Fprintf(stdout, "%s: ok\n", path)
	return 0
}

func configDefault(_ []string, stdout, stderr io.Writer) int {
	b, err := config.Encode(config.Default())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	stdout.Write(b)
	return 0
}
