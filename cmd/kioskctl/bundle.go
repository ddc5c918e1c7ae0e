package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/motcua/kiosk/kiosk/bundle"
)

func init() {
	register("bundle", "bundle keygen|sign|verify|install|rollback|current (signed updates)", subcommands("bundle", map[string]func([]string, io.Writer, io.Writer) int{
		"keygen":   bundleKeygen,
		"sign":     bundleSign,
		"verify":   bundleVerify,
		"install":  bundleInstall,
		"rollback": bundleRollback,
		"current":  bundleCurrent,
	}))
}

// parseFlags parses args and wants exactly npos positional arguments after
// the flags; on failure it prints the usage line and returns false.
func parseFlags(fs *flag.FlagSet, args []string, npos int, usage string, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil || fs.NArg() != npos {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return false
	}
	return true
}

func bundleKeygen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle keygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "folder for bundle.pub and bundle.key (created if missing)")
	const usage = "bundle keygen --out DIR"
	if !parseFlags(fs, args, 0, usage, stderr) {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return fail(stderr, "bundle keygen: %v", err)
	}
	pub, priv := bundle.Keygen()
	pubPath, privPath := filepath.Join(*out, "bundle.pub"), filepath.Join(*out, "bundle.key")
	if err := bundle.WriteKeys(pubPath, privPath, pub, priv); err != nil {
		return fail(stderr, "bundle keygen: %v", err)
	}
	fmt.Fprintf(stdout, "public key  %s (copy to every kiosk)\nprivate key %s (keep it off the kiosks)\n", pubPath, privPath)
	return 0
}

func bundleSign(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle sign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	key := fs.String("key", "", "private key file (from bundle keygen)")
	kind := fs.String("kind", "", "catalog | guides | config | voice | …")
	version := fs.String("version", "", "the bundle's version")
	const usage = "bundle sign --key FILE --kind KIND --version V DIR"
	if !parseFlags(fs, args, 1, usage, stderr) {
		return 2
	}
	if *key == "" || *kind == "" || *version == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	priv, err := bundle.ReadPrivateKey(*key)
	if err != nil {
		return fail(stderr, "bundle sign: %v", err)
	}
	m, err := bundle.Sign(fs.Arg(0), *kind, *version, priv)
	if err != nil {
		return fail(stderr, "bundle sign: %v", err)
	}
	fmt.Fprintf(stdout, "signed %s %s: %d files\n", m.Kind, m.Version, len(m.Files))
	return 0
}

func bundleVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pubPath := fs.String("pub", "", "public key file")
	const usage = "bundle verify --pub FILE DIR"
	if !parseFlags(fs, args, 1, usage, stderr) {
		return 2
	}
	if *pubPath == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	pub, err := bundle.ReadPublicKey(*pubPath)
	if err != nil {
		return fail(stderr, "bundle verify: %v", err)
	}
	m, err := bundle.Verify(fs.Arg(0), pub)
	if err != nil {
		return fail(stderr, "bundle verify: %v", err)
	}
	var size int64
	for _, f := range m.Files {
		size += f.Size
	}
	fmt.Fprintf(stdout, "ok: %s %s, created %s, %d files, %d bytes\n", m.Kind, m.Version, m.Created.Format("2006-01-02 15:04Z"), len(m.Files), size)
	return 0
}

func bundleInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pubPath := fs.String("pub", "", "public key file")
	root := fs.String("root", "", "folder the kiosk keeps bundles in")
	const usage = "bundle install --pub FILE --root DIR BUNDLE"
	if !parseFlags(fs, args, 1, usage, stderr) {
		return 2
	}
	if *pubPath == "" || *root == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	pub, err := bundle.ReadPublicKey(*pubPath)
	if err != nil {
		return fail(stderr, "bundle install: %v", err)
	}
	m, err := bundle.Install(fs.Arg(0), *root, pub)
	if err != nil {
		return fail(stderr, "bundle install: refused, nothing changed: %v", err)
	}
	fmt.Fprintf(stdout, "installed %s %s; in force now\n", m.Kind, m.Version)
	return 0
}

func bundleRollback(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle rollback", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "folder the kiosk keeps bundles in")
	kind := fs.String("kind", "", "catalog | guides | config | voice | …")
	const usage = "bundle rollback --root DIR --kind KIND"
	if !parseFlags(fs, args, 0, usage, stderr) {
		return 2
	}
	if *root == "" || *kind == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	v, err := bundle.Rollback(*root, *kind)
	if err != nil {
		return fail(stderr, "bundle rollback: %v", err)
	}
	fmt.Fprintf(stdout, "rolled back %s to %s\n", *kind, v)
	return 0
}

func bundleCurrent(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle current", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "folder the kiosk keeps bundles in")
	kind := fs.String("kind", "", "catalog | guides | config | voice | …")
	const usage = "bundle current --root DIR --kind KIND"
	if !parseFlags(fs, args, 0, usage, stderr) {
		return 2
	}
	if *root == "" || *kind == "" {
		fmt.Fprintln(stderr, "usage: kioskctl "+usage)
		return 2
	}
	v, err := bundle.Current(*root, *kind)
	if errors.Is(err, bundle.ErrNoVersion) {
		return fail(stderr, "bundle current: no %s installed under %s", *kind, *root)
	}
	if err != nil {
		return fail(stderr, "bundle current: %v", err)
	}
	fmt.Fprintln(stdout, v)
	return 0
}
