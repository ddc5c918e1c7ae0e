//go:build linux

package webviewtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/internal/svctest"
)

// Bounds on waiting for the kiosk, generous because a loaded CI machine can
// take tens of seconds to start WebKit. Every wait ends as soon as what it
// waits for is there.
const (
	startBound  = 3 * time.Minute // process start → first screen painted
	reloadBound = 2 * time.Minute // web process killed → page painted again
	exitBound   = 1 * time.Minute // crash loop → kiosk exited
	poll        = 20 * time.Millisecond
)

// What the kiosk logs (webview_linux.go, app.go, kiosk/core Painted).
var (
	rePainted   = regexp.MustCompile(`msg="ui painted" startup_ms=`)
	reRepainted = regexp.MustCompile(`msg="ui painted again"`)
	reWatching  = regexp.MustCompile(`msg="watching the web process" max_deaths=(\d+)`)
	reEnded     = regexp.MustCompile(`msg="web process ended; reloading the page" reason=\w+ deaths=(\d+)`)
	reLoaded    = regexp.MustCompile(`msg="page loaded" load=(\d+)`)
	reLoop      = regexp.MustCompile(`msg="web process keeps dying; exiting so the kiosk is started afresh" .*exit_code=(\d+)`)
	reTime      = regexp.MustCompile(`^time=(\S+) `)
)

// TestWebProcessDeath kills the kiosk's WebKitWebProcess and checks the kiosk
// reloads its page in the same process; then kills it past the crash-loop
// limit and checks the kiosk exits non-zero for systemd to restart it.
func TestWebProcessDeath(t *testing.T) {
	bin := os.Getenv("MOTCUA_KIOSK_BIN")
	required := os.Getenv("MOTCUA_REQUIRE_KIOSK") == "1"
	skip := func(why string) {
		if required {
			t.Fatalf("%s (MOTCUA_REQUIRE_KIOSK=1)", why)
		}
		t.Skipf("%s; run `make check-webproc` (sets MOTCUA_KIOSK_BIN to build/bin/motcua-kiosk, under xvfb-run)", why)
	}
	if bin == "" {
		skip("MOTCUA_KIOSK_BIN is not set: this test runs the built kiosk")
	}
	if os.Getenv("DISPLAY") == "" {
		skip("no DISPLAY: the kiosk needs an X server (xvfb-run)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("MOTCUA_KIOSK_BIN: %v", err)
	}

	k := startKiosk(t, bin)

	// 1. The first screen is up and the web view is watched.
	k.waitLine(t, rePainted, 1, startBound, "the first screen to be painted")
	m := k.waitLine(t, reWatching, 1, startBound, "the kiosk to watch its web process")
	maxDeaths, _ := strconv.Atoi(m[1])
	if maxDeaths < 1 {
		t.Fatalf("the kiosk logs max_deaths=%s", m[1])
	}
	t.Logf("kiosk pid %d up; it reloads after up to %d web process deaths", k.pid, maxDeaths)

	// 2. Each death up to the limit: the same kiosk reloads the page in a new
	// web process.
	for death := 1; death <= maxDeaths; death++ {
		killed := k.killWebProcesses(t, reloadBound)
		start := time.Now()
		m := k.waitLine(t, reEnded, death, reloadBound, "the kiosk to log the web process's death")
		if m[1] != strconv.Itoa(death) {
			t.Fatalf("death %d: the kiosk counts deaths=%s", death, m[1])
		}
		k.waitLine(t, reLoaded, death+1, reloadBound, "the page to load again")
		line := k.waitLine(t, reRepainted, death, reloadBound, "the page to be painted again")
		up := time.Since(start)
		if at, ok := logTime(line[0]); ok && at.After(start.Add(-time.Second)) {
			up = at.Sub(start) // the kiosk's own clock, not our polling
		}
		if err := k.alive(); err != nil {
			t.Fatalf("death %d: the kiosk did not survive: %v", death, err)
		}
		fresh := k.waitWebProcess(t, killed, reloadBound)
		fmt.Printf("webproc: death %d: killed WebKitWebProcess %v, kiosk pid %d still running, new web process %v, page painted again %d ms after the kill\n",
			death, killed, k.pid, fresh, up.Milliseconds())
	}

	// 3. One death more is a crash loop: the kiosk exits non-zero.
	killed := k.killWebProcesses(t, reloadBound)
	start := time.Now()
	m = k.waitLine(t, reLoop, 1, exitBound, "the kiosk to log the crash loop")
	want, _ := strconv.Atoi(m[1])
	code, err := k.waitExit(exitBound)
	if err != nil {
		t.Fatalf("after the crash loop: %v", err)
	}
	if code == 0 || code != want {
		t.Fatalf("the kiosk exited with %d, want the non-zero %d it logged", code, want)
	}
	fmt.Printf("webproc: death %d (killed %v): kiosk exited with code %d after %d ms: %s\n",
		maxDeaths+1, killed, code, time.Since(start).Milliseconds(), strings.TrimSpace(m[0]))
	if n := k.count(reLoaded); n != maxDeaths+1 {
		t.Errorf("the page loaded %d times, want %d (first load and one reload per death within the limit)", n, maxDeaths+1)
	}
}

type kiosk struct {
	pid    int
	log    string
	exited chan struct{}
	state  *os.ProcessState
	err    error
}

// startKiosk starts the kiosk as scripts/startup.sh does: a fresh data dir
// and a config path that does not exist (the defaults), here with WebKit's
// XDG data and cache dirs in the same temp dir. It runs in its own
// process group, which the cleanup kills whatever happened.
func startKiosk(t *testing.T, bin string) *kiosk {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "kiosk.log")
	out, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "KIOSK_DATA_DIR="+dir, "KIOSK_CONFIG="+filepath.Join(dir, "none.toml"),
		// WebKit's own storage and cache too, away from a kiosk in use.
		"XDG_DATA_HOME="+filepath.Join(dir, "xdg-data"), "XDG_CACHE_HOME="+filepath.Join(dir, "xdg-cache"))
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	k := &kiosk{pid: cmd.Process.Pid, log: logPath, exited: make(chan struct{})}
	go func() {
		k.err = cmd.Wait()
		k.state = cmd.ProcessState
		close(k.exited)
	}()
	t.Cleanup(func() {
		_ = syscall.Kill(-k.pid, syscall.SIGKILL) // the kiosk and the WebKit processes it started
		select {
		case <-k.exited:
		case <-time.After(30 * time.Second):
			t.Errorf("kiosk pid %d not reaped after SIGKILL", k.pid)
		}
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("kiosk log:\n%s", b)
		}
	})
	return k
}

func (k *kiosk) alive() error {
	select {
	case <-k.exited:
		return fmt.Errorf("pid %d exited: %v", k.pid, k.err)
	default:
	}
	if p, ok := svctest.Stat(k.pid); !ok || p.State == 'Z' {
		return fmt.Errorf("pid %d is gone (state %q)", k.pid, strings.Trim(string(p.State), "\x00"))
	}
	return nil
}

func (k *kiosk) waitExit(bound time.Duration) (int, error) {
	select {
	case <-k.exited:
		return k.state.ExitCode(), nil
	case <-time.After(bound):
		return 0, fmt.Errorf("kiosk pid %d still running %s after the crash loop", k.pid, bound)
	}
}

// lines returns the log's lines that match re.
func (k *kiosk) lines(re *regexp.Regexp) [][]string {
	b, _ := os.ReadFile(k.log)
	var found [][]string
	for _, l := range bytes.Split(b, []byte("\n")) {
		if m := re.FindSubmatch(l); m != nil {
			s := make([]string, len(m))
			s[0] = string(l)
			for i := 1; i < len(m); i++ {
				s[i] = string(m[i])
			}
			found = append(found, s)
		}
	}
	return found
}

func (k *kiosk) count(re *regexp.Regexp) int { return len(k.lines(re)) }

// waitLine waits until the log has n lines matching re and returns the nth
// (the whole line, then the submatches). It fails early if the kiosk exits.
func (k *kiosk) waitLine(t *testing.T, re *regexp.Regexp, n int, bound time.Duration, what string) []string {
	t.Helper()
	deadline := time.Now().Add(bound)
	for {
		if found := k.lines(re); len(found) >= n {
			return found[n-1]
		}
		select {
		case <-k.exited:
			if found := k.lines(re); len(found) >= n { // logged just before exiting
				return found[n-1]
			}
			t.Fatalf("waiting for %s: the kiosk exited (%v)", what, k.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: not logged within %s (want %d× %s)", what, bound, n, re)
		}
		time.Sleep(poll)
	}
}

// killWebProcesses waits for the kiosk's web process(es) and SIGKILLs them
// all (WebKit may keep a spare one beside the page's), returning their pids.
func (k *kiosk) killWebProcesses(t *testing.T, bound time.Duration) []int {
	t.Helper()
	pids := k.waitWebProcess(t, nil, bound)
	for _, pid := range pids {
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			t.Fatalf("kill WebKitWebProcess %d: %v", pid, err)
		}
	}
	return pids
}

// waitWebProcess waits until the kiosk has a live WebKitWebProcess not in
// old and returns the live ones.
func (k *kiosk) waitWebProcess(t *testing.T, old []int, bound time.Duration) []int {
	t.Helper()
	deadline := time.Now().Add(bound)
	for {
		var fresh []int
		for _, pid := range webProcesses(k.pid) {
			if !slices.Contains(old, pid) {
				fresh = append(fresh, pid)
			}
		}
		if len(fresh) > 0 {
			return fresh
		}
		if err := k.alive(); err != nil {
			t.Fatalf("waiting for a WebKitWebProcess: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new WebKitWebProcess under kiosk pid %d within %s (old: %v)", k.pid, bound, old)
		}
		time.Sleep(poll)
	}
}

// webProcesses lists the live WebKitWebProcess descendants of root (a child
// of the kiosk, or below a sandbox launcher).
func webProcesses(root int) []int {
	var found []int
	for _, p := range svctest.Descendants(root) {
		if p.Comm == svctest.WebProcessComm {
			found = append(found, p.PID)
		}
	}
	return found
}

// logTime is the time slog's text handler put on a line.
func logTime(line string) (time.Time, bool) {
	m := reTime.FindStringSubmatch(line)
	if m == nil {
		return time.Time{}, false
	}
	at, err := time.Parse(time.RFC3339Nano, m[1])
	return at, err == nil
}
