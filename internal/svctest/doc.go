// Package svctest is test support: a small service supervisor that follows
// systemd's documented semantics for the settings the kiosk's unit uses
// (systemd.service(5), systemd.kill(5), sd_notify(3)), so the watchdog and
// restart behaviour of build/linux/motcua-kiosk.service can be tested where
// no systemd runs (containers, CI).
//
// What it models: Type=simple|exec|notify, NotifyAccess=none|main|exec|all
// (exec: the main process, as there are no Exec*Pre/Post commands here),
// TimeoutStartSec=, WatchdogSec= (SIGABRT, then SIGKILL after
// TimeoutAbortSec=, which defaults to TimeoutStopSec=), Restart= with
// RestartSec=, SuccessExitStatus= and RestartPreventExitStatus=, KillMode=
// and Environment=. A process group stands in for the unit's cgroup.
// It is Linux only (SCM_CREDENTIALS).
package svctest
