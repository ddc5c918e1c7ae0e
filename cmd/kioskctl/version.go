package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/motcua/kiosk/kiosk/buildinfo"
)

func init() {
	register("version", "print the kiosk version", func(_ []string, stdout, _ io.Writer) int {
		fmt.Fprintf(stdout, "kioskctl %s (%s, %s/%s)\n", buildinfo.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	})
}
