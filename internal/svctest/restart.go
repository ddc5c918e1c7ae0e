//go:build linux

package svctest

import "syscall"

// The results of a run, as systemd names them (systemd.exec(5), $SERVICE_RESULT).
const (
	ResultSuccess  = "success"
	ResultExitCode = "exit-code"
	ResultSignal   = "signal"
	ResultCoreDump = "core-dump"
	ResultWatchdog = "watchdog"
	ResultTimeout  = "timeout"
)

// cleanSignals end a service cleanly (systemd.service(5), SuccessExitStatus=).
var cleanSignals = map[syscall.Signal]bool{syscall.SIGHUP: true, syscall.SIGINT: true, syscall.SIGTERM: true, syscall.SIGPIPE: true}

// coreSignals dump core by default (signal(7)).
var coreSignals = map[syscall.Signal]bool{syscall.SIGQUIT: true, syscall.SIGILL: true, syscall.SIGABRT: true,
	syscall.SIGFPE: true, syscall.SIGSEGV: true, syscall.SIGBUS: true, syscall.SIGSYS: true, syscall.SIGTRAP: true,
	syscall.SIGXCPU: true, syscall.SIGXFSZ: true}

// result classifies how the main process ended; killedBy is the
// supervisor's own reason (ResultWatchdog, ResultTimeout) or "".
func (u Unit) result(code int, sig syscall.Signal, killedBy string) string {
	switch {
	case killedBy != "":
		return killedBy
	case code == 0 || (code > 0 && u.SuccessExitStatus.HasCode(code)):
		return ResultSuccess
	case code > 0:
		return ResultExitCode
	case cleanSignals[sig] || u.SuccessExitStatus.HasSignal(sig):
		return ResultSuccess
	case coreSignals[sig]:
		return ResultCoreDump
	default:
		return ResultSignal
	}
}

// shouldRestart applies the table of systemd.service(5), Restart=, after
// RestartPreventExitStatus=.
func (u Unit) shouldRestart(code int, sig syscall.Signal, result string) bool {
	if code >= 0 && u.RestartPreventExitStatus.HasCode(code) {
		return false
	}
	if code < 0 && u.RestartPreventExitStatus.HasSignal(sig) {
		return false
	}
	unclean := result == ResultSignal || result == ResultCoreDump
	switch u.Restart {
	case "always":
		return true
	case "on-success":
		return result == ResultSuccess
	case "on-failure":
		return result != ResultSuccess
	case "on-abnormal":
		return unclean || result == ResultWatchdog || result == ResultTimeout
	case "on-abort":
		return unclean
	case "on-watchdog":
		return result == ResultWatchdog
	}
	return false
}
