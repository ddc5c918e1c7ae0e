package pgtest

import "syscall"

// dieWithParent makes the kernel stop the server (immediate shutdown) if
// the test binary dies without running Stop, e.g. on a panic.
func dieWithParent(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGQUIT }
