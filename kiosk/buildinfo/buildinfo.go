// Package buildinfo holds the version stamped at build time with
// -ldflags "-X github.com/motcua/kiosk/kiosk/buildinfo.Version=...".
package buildinfo

// Version is the kiosk release; "dev" for local builds.
var Version = "dev"
