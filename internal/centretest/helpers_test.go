package centretest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// buildCentre builds cmd/motcua-centre once per test binary.
func buildCentre(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "motcua-centre-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "motcua-centre")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/motcua/kiosk/cmd/motcua-centre")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build motcua-centre: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binPath
}

func enroll(tb testing.TB, bin, dsn, kind, name string) string {
	tb.Helper()
	out, err := exec.Command(bin, "enroll", "--db", dsn, kind, name).Output()
	if err != nil {
		tb.Fatalf("enroll %s %s: %v", kind, name, err)
	}
	tok := strings.TrimSpace(string(out))
	if tok == "" || strings.ContainsAny(tok, " \n") {
		tb.Fatalf("enroll printed %q, want only a token", out)
	}
	return tok
}

func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type instance struct {
	url string
	cmd *exec.Cmd
}

// startInstance runs `motcua-centre serve` on a free loopback port and
// waits until /healthz answers.
func startInstance(tb testing.TB, bin, dsn, name string) *instance {
	tb.Helper()
	addr := freeAddr(tb)
	logf, err := os.Create(filepath.Join(tb.TempDir(), name+".log"))
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--db", dsn, "--listen", addr, "--instance", name)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	in := &instance{url: "http://" + addr, cmd: cmd}
	tb.Cleanup(func() {
		in.kill()
		if tb.Failed() {
			b, _ := os.ReadFile(logf.Name())
			tb.Logf("instance %s log:\n%s", name, b)
		}
	})
	c := centre.NewClient(in.url, "")
	deadline := time.Now().Add(time.Minute)
	for {
		h, err := c.Health(context.Background())
		if err == nil && h.OK {
			return in
		}
		if in.cmd.ProcessState != nil || time.Now().After(deadline) {
			b, _ := os.ReadFile(logf.Name())
			tb.Fatalf("instance %s: /healthz not ok: %v %+v\n%s", name, err, h, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (in *instance) kill() {
	if in.cmd.ProcessState != nil {
		return
	}
	in.cmd.Process.Signal(syscall.SIGKILL)
	in.cmd.Wait()
}

// officerPIN is every test officer's PIN.
const officerPIN = "975310"

// addOfficer adds an officer with officerPIN through the binary.
func addOfficer(tb testing.TB, bin, dsn, name string) {
	tb.Helper()
	cmd := exec.Command(bin, "officer", "add", "--db", dsn, name)
	cmd.Env = append(os.Environ(), "MOTCUA_OFFICER_PIN="+officerPIN)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("officer add %s: %v: %s", name, err, out)
	}
}
