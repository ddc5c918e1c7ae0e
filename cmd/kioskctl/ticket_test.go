package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

type ticketJSON struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Number      int    `json:"number"`
	PeopleAhead int    `json:"peopleAhead"`
	PrintState  string `json:"printState"`
	PrintError  string `json:"printError"`
	Priority    string `json:"priority"`
	AdviceVI    string `json:"adviceVi"`
	Called      bool   `json:"called"`
}

func runTicket(t *testing.T, wantCode int, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := dispatch(append([]string{"ticket"}, args...), &out, &errb); code != wantCode {
		t.Fatalf("ticket %v: exit %d, want %d\nstdout: %s\nstderr: %s", args, code, wantCode, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

func TestTicketIssueAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	cases := []struct {
		prio      string
		code      string
		ahead     int
		wantState string
	}{
		{"", "A-0001", 0, "pending"},
		{"", "A-0002", 1, "pending"},
		{"elderly", "A-0003", 2, "pending"}, // interleaved every 3: two regular first
	}
	for _, c := range cases {
		args := []string{"issue", "--db", db, "--service", "HT"}
		if c.prio != "" {
			args = append(args, "--priority", c.prio)
		}
		out, errOut := runTicket(t, 0, args...)
		var tk ticketJSON
		if err := json.Unmarshal([]byte(out), &tk); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if tk.Code != c.code || tk.PrintState != c.wantState || tk.PeopleAhead != c.ahead || tk.Priority != c.prio {
			t.Fatalf("ticket %+v, want %s %s ahead %d", tk, c.code, c.wantState, c.ahead)
		}
		if !strings.Contains(errOut, "pending") || !strings.Contains(errOut, "no --print-port") {
			t.Fatalf("no note that it was not printed: %q", errOut)
		}
	}
	_, errOut := runTicket(t, 1, "issue", "--db", db, "--service", "NOPE")
	if !strings.Contains(errOut, "no such service") || !strings.Contains(errOut, "Không tìm thấy") {
		t.Fatalf("unknown service: %s", errOut)
	}
	runTicket(t, 1, "issue", "--db", db)

	// A port that does not exist: stored, failed, fault recorded, exit 3.
	out, errOut := runTicket(t, 3, "issue", "--db", db, "--service", "CT", "--print-port", filepath.Join(t.TempDir(), "no-such-tty"))
	var failed ticketJSON
	json.Unmarshal([]byte(out), &failed)
	if failed.Code != "B-0001" || failed.PrintState != "failed" || failed.PrintError != "unplugged" || failed.AdviceVI == "" {
		t.Fatalf("failed print: %+v (%s)", failed, errOut)
	}
	out, _ = runTicket(t, 0, "faults", "--db", db)
	if !strings.Contains(out, "unplugged") || !strings.Contains(out, "B-0001") {
		t.Fatalf("faults:\n%s", out)
	}

	out, _ = runTicket(t, 0, "call", "--db", db, "--service", "HT")
	var called ticketJSON
	json.Unmarshal([]byte(out), &called)
	if called.Code != "A-0001" || !called.Called {
		t.Fatalf("call: %s", out)
	}

	out, _ = runTicket(t, 0, "list", "--db", db)
	if strings.Count(out, "\n") != 4 || !strings.Contains(out, "elderly") || !strings.Contains(out, "failed(unplugged)") || !strings.Contains(out, "called") {
		t.Fatalf("list:\n%s", out)
	}
	out, _ = runTicket(t, 0, "list", "--db", db, "--json")
	var all []ticketJSON
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all) != 4 {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	out, _ = runTicket(t, 0, "list", "--db", db, "--day", "2001-01-01")
	if out != "" {
		t.Fatalf("another day should be empty:\n%s", out)
	}
	runTicket(t, 1, "list", "--db", db, "--day", "yesterday")
	runTicket(t, 1, "reprint", "--db", db, "--id", "1") // needs --print-port
	runTicket(t, 1, "retry", "--db", db)                // needs --print-port
	runTicket(t, 1, "reprint", "--db", db, "--id", "999", "--print-port", "/nonexistent")
}
