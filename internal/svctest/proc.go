//go:build linux

package svctest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Proc is a process as /proc/<pid>/stat describes it.
type Proc struct {
	PID, PPID, PGID int
	Comm            string // truncated by the kernel to 15 bytes
	State           byte   // R, S, T (stopped), Z (zombie)...
}

// WebProcessComm is WebKitWebProcess as /proc/<pid>/stat names it (the
// kernel cuts a command name to 15 bytes).
const WebProcessComm = "WebKitWebProces"

// Live reports whether a process state is a running one (not a zombie, not dead).
func (p Proc) Live() bool { return p.State != 'Z' && p.State != 'X' }

// Stat reads one process from /proc; false when it is gone.
func Stat(pid int) (Proc, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return Proc{}, false
	}
	return parseStat(string(b))
}

// Procs lists the processes in /proc (those that vanish while it reads are skipped).
func Procs() []Proc {
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []Proc
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		if p, ok := parseStat(string(b)); ok {
			out = append(out, p)
		}
	}
	return out
}

func parseStat(s string) (Proc, bool) {
	open, closing := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || closing < open {
		return Proc{}, false
	}
	f := strings.Fields(s[closing+1:])
	if len(f) < 3 || len(f[0]) == 0 {
		return Proc{}, false
	}
	pid, err1 := strconv.Atoi(strings.TrimSpace(s[:open]))
	ppid, err2 := strconv.Atoi(f[1])
	pgid, err3 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return Proc{}, false
	}
	return Proc{PID: pid, PPID: ppid, PGID: pgid, Comm: s[open+1 : closing], State: f[0][0]}, true
}

// Descendants are the live processes below pid, children first.
func Descendants(pid int) []Proc {
	all := Procs()
	var out []Proc
	parents := map[int]bool{pid: true}
	for changed := true; changed; {
		changed = false
		for _, p := range all {
			if parents[p.PPID] && !parents[p.PID] && p.Live() {
				parents[p.PID] = true
				out = append(out, p)
				changed = true
			}
		}
	}
	return out
}

// groupMembers are the live (not zombie) processes of process group pgid.
func groupMembers(pgid int) []Proc {
	var out []Proc
	for _, p := range Procs() {
		if p.PGID == pgid && p.Live() {
			out = append(out, p)
		}
	}
	return out
}
