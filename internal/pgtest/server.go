package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Fsync turns fsync on in the test server (off by default: the data is
// thrown away anyway). Set it before the first Start, or set PGTEST_FSYNC=1.
var Fsync = envTrue("PGTEST_FSYNC")

// ReadyWithin caps how long Start and Restart wait for the server to accept
// connections; they return as soon as it does.
var ReadyWithin = 60 * time.Second

// stopWithin caps how long a fast shutdown may take before the server is killed.
const stopWithin = 30 * time.Second

// Server is a running test PostgreSQL. It is safe for concurrent use, but
// Restart breaks every open connection, so tests using it must not run in
// parallel with others that need their connections to survive.
type Server struct {
	dir     string // temporary folder holding everything
	bin     string // folder of initdb and postgres
	data    string
	sock    string
	logPath string
	port    int
	attr    *syscall.SysProcAttr

	mu     sync.Mutex // guards cmd and exited across Restart
	cmd    *exec.Cmd
	exited chan struct{}

	seq atomic.Int64 // database name counter
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// Start returns the test binary's server, starting it on first use. Without
// PostgreSQL binaries it skips tb, or fails it when MOTCUA_REQUIRE_PG=1.
func Start(tb testing.TB) *Server {
	tb.Helper()
	once.Do(func() { shared, startErr = start() })
	if startErr != nil {
		if errors.Is(startErr, errNoBinaries) && !envTrue("MOTCUA_REQUIRE_PG") {
			tb.Skipf("%v (set MOTCUA_REQUIRE_PG=1 to make this a failure)", startErr)
		}
		tb.Fatal(startErr)
	}
	return shared
}

// Stop stops the server started by Start, if any, and removes its folder.
// Main calls it; a TestMain not using Main must call it after m.Run.
func Stop() {
	if shared == nil {
		return
	}
	if err := shared.stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.RemoveAll(shared.dir)
}

// Main runs the tests, then stops the server and removes its folder:
// call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

func start() (*Server, error) {
	bin, err := findBinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: temp folder: %w", err)
	}
	s := &Server{dir: dir, bin: bin, data: filepath.Join(dir, "data"), sock: filepath.Join(dir, "sock"), logPath: filepath.Join(dir, "server.log")}
	fail := func(err error) (*Server, error) {
		s.stop()
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.Mkdir(s.sock, 0o700); err != nil {
		return fail(fmt.Errorf("pgtest: socket folder: %w", err))
	}
	if s.attr, err = credential(dir); err != nil {
		return fail(err)
	}
	if s.port, err = freePort(); err != nil {
		return fail(err)
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", s.data, "-A", "trust", "-U", "postgres",
		"--no-sync", "-E", "UTF8", "--locale=C")
	initdb.Dir = dir
	initdb.SysProcAttr = s.attr
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("pgtest: initdb: %w\n%s", err, out))
	}
	if err := s.launch(); err != nil {
		return fail(err)
	}
	return s, nil
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launch starts postgres and waits until it accepts connections.
func (s *Server) launch() error {
	fsync := "off"
	if Fsync {
		fsync = "on"
	}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("pgtest: server log: %w", err)
	}
	defer logf.Close() // the child keeps its own descriptor
	cmd := exec.Command(filepath.Join(s.bin, "postgres"), "-D", s.data, "-p", strconv.Itoa(s.port), "-k", s.sock,
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync="+fsync, "-c", "synchronous_commit="+fsync,
		"-c", "full_page_writes="+fsync, "-c", "max_connections=300")
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = s.attr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: start postgres: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	s.mu.Lock()
	s.cmd, s.exited = cmd, exited
	s.mu.Unlock()
	return s.waitReady(exited)
}

// waitReady polls a connection until the server answers, it exits, or
// ReadyWithin passes.
func (s *Server) waitReady(exited <-chan struct{}) error {
	deadline := time.Now().Add(ReadyWithin)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("pgtest: postgres exited while starting:\n%s", s.logTail())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c, err := pgx.Connect(ctx, s.dsn("postgres"))
		if err == nil {
			err = c.Ping(ctx)
			c.Close(ctx)
		}
		cancel()
		if err == nil {
			return nil
		}
		last = err
		select {
		case <-exited:
		case <-time.After(25 * time.Millisecond): // poll interval, not a deadline
		}
	}
	return fmt.Errorf("pgtest: postgres not ready within %v: %v\n%s", ReadyWithin, last, s.logTail())
}

func (s *Server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(bytes.TrimSpace(b))
}

// stop asks for a fast shutdown and waits for the server to exit, killing
// it after stopWithin.
func (s *Server) stop() error {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return nil
	}
	if err := interrupt(cmd.Process); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("pgtest: stop postgres: %w", err)
	}
	select {
	case <-exited:
		return nil
	case <-time.After(stopWithin):
		cmd.Process.Kill()
		<-exited
		return fmt.Errorf("pgtest: postgres ignored a fast shutdown for %v and was killed", stopWithin)
	}
}

// Restart stops the server and starts it again on the same port and data
// folder. Every open connection breaks.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	if err := s.stop(); err != nil {
		tb.Fatal(err)
	}
	if err := s.launch(); err != nil {
		tb.Fatal(err)
	}
}

// Port is the TCP port the server listens on (127.0.0.1).
func (s *Server) Port() int { return s.port }

// DSN is the connection string of the maintenance database "postgres".
func (s *Server) DSN() string { return s.dsn("postgres") }

func (s *Server) dsn(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// NewDatabase creates a fresh empty database, dropped when tb ends, and
// returns its DSN.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d_%s", s.seq.Add(1), sanitize(tb.Name()))
	if len(name) > 63 {
		name = name[:63]
	}
	if err := s.admin(fmt.Sprintf(`CREATE DATABASE %s`, pgx.Identifier{name}.Sanitize())); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := s.admin(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, pgx.Identifier{name}.Sanitize())); err != nil {
			tb.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	return s.dsn(name)
}

// admin runs one statement on the maintenance database.
func (s *Server) admin(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.DSN())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

// sanitize keeps a test name usable (and readable) in a database name.
func sanitize(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, name)
}
