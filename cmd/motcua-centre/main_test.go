package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestEnrollPrintsOnlyTheToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	code, out, errs := runCmd(t, "", "enroll", "--db", db, "kiosk", "k1")
	tok := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(tok, "mck_") || strings.ContainsAny(tok, " \n") || !strings.HasSuffix(out, "\n") || errs == "" {
		t.Fatalf("enroll: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := runCmd(t, "", "enroll", "--db", db, "kiosk", "k1"); code != 1 || !strings.Contains(errs, "revoke") {
		t.Fatalf("enroll a taken name: exit %d, %q", code, errs)
	}
	if code, out, _ := runCmd(t, "", "devices", "--db", db); code != 0 || !strings.Contains(out, "k1") || !strings.Contains(out, "active") {
		t.Fatalf("devices: exit %d, %q", code, out)
	}
	if code, _, errs := runCmd(t, "", "revoke", "--db", db, "k1"); code != 0 {
		t.Fatalf("revoke: %q", errs)
	}
	if code, out, _ := runCmd(t, "", "devices", "--db", db); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("devices after revoke: %q", out)
	}
	if code, _, errs := runCmd(t, "", "revoke", "--db", db, "nobody"); code != 1 || !strings.Contains(errs, "no such device") {
		t.Fatalf("revoke unknown: exit %d, %q", code, errs)
	}
}

// An unreachable PostgreSQL is one clear line, with the password hidden.
func TestPostgresUnreachable(t *testing.T) {
	for _, dsn := range []string{"postgres://u:secret@127.0.0.1:1/db?connect_timeout=2", "postgresql://u:secret@127.0.0.1:1/db?connect_timeout=2"} {
		code, out, errs := runCmd(t, "", "devices", "--db", dsn)
		if code != 1 || out != "" || !strings.Contains(errs, "open PostgreSQL store") || strings.Contains(errs, "secret") {
			t.Fatalf("%s: exit %d, %q %q", dsn, code, out, errs)
		}
	}
}

func TestPinSet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if code, out, errs := runCmd(t, "246813\n", "pin", "set", "--db", db, "staff"); code != 0 || !strings.Contains(out, "staff PIN set") {
		t.Fatalf("pin set: exit %d, %q %q", code, out, errs)
	}
	if code, _, _ := runCmd(t, "123456\n", "pin", "set", "--db", db, "staff"); code != 1 {
		t.Fatal("a weak PIN was accepted")
	}
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	_, kt, _ := runCmd(t, "", "enroll", "--db", db, "kiosk", "k1")
	_, ct, _ := runCmd(t, "", "enroll", "--db", db, "counter", "c1")
	srv := startServe(t, "--db", db, "--listen", "127.0.0.1:0", "--instance", "t1")
	url := "http://" + srv.addr
	rctx, rcancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer rcancel()
	h, err := centre.NewClient(url, "").Health(rctx)
	if err != nil || !h.OK || h.Instance != "t1" || h.Store != "sqlite" {
		t.Fatalf("healthz = %+v, %v", h, err)
	}
	tk, err := centre.NewClient(url, strings.TrimSpace(kt)).IssueTicket(rctx, centre.IssueRequest{Service: "HT"})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MOTCUA_OFFICER_PIN", "975310")
	if code, _, errs := runCmd(t, "", "officer", "add", "--db", db, "Lan"); code != 0 {
		t.Fatalf("officer add: %s", errs)
	}
	counter := centre.NewClient(url, strings.TrimSpace(ct))
	if _, err := counter.SignIn(rctx, "1", "Lan", "975310"); err != nil {
		t.Fatal(err)
	}
	call, err := counter.CallNext(rctx, "1")
	if err != nil || call.Ticket.Code != tk.Code || call.Officer != "Lan" {
		t.Fatalf("call = %+v, %v; want %s by Lan", call, err, tk.Code)
	}
	if _, err := counter.Act(rctx, "1", call.Ticket.ID, centre.OpNoShow, centre.ActionRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := counter.CallNext(rctx, "1"); !errors.Is(err, centre.ErrNoneWaiting) {
		t.Fatalf("empty queue: %v", err)
	}
	srv.stop(t)
	if !strings.Contains(srv.logs.String(), "centre API listening") {
		t.Fatalf("logs: %s", srv.logs.String())
	}
}

// served is `motcua-centre serve` running in-process.
type served struct {
	addr   string
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan int
}

// startServe runs serve with args until stop; it returns once it listens.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	addrs := make(chan string, 1)
	listening = func(a string) { addrs <- a }
	t.Cleanup(func() { listening = func(string) {} })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := &served{logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	go func() {
		s.done <- run(ctx, append([]string{"serve"}, args...), strings.NewReader(""), io.Discard, s.logs)
	}()
	select {
	case s.addr = <-addrs:
		return s
	case code := <-s.done:
		t.Fatalf("serve exited %d: %s", code, s.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not listen")
	}
	return nil
}

// stop sends the shutdown and wants a clean exit.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		if code != 0 {
			t.Fatalf("serve exited %d after the signal: %s", code, s.logs.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop")
	}
}
