package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestTicketIssueAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	for i, want := range []string{"A-0001", "A-0002"} {
		var out, errb bytes.Buffer
		args := []string{"ticket", "issue", "--db", db, "--service", "HT"}
		if i == 1 {
			args = append(args, "--priority", "elderly")
		}
		if code := dispatch(args, &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var tk struct {
			Code       string `json:"code"`
			PrintState string `json:"printState"`
		}
		json.Unmarshal(out.Bytes(), &tk)
		if tk.Code != want || tk.PrintState != "pending" {
			t.Fatalf("ticket %+v, want %s pending", tk, want)
		}
	}
	var out, errb bytes.Buffer
	if code := dispatch([]string{"ticket", "issue", "--db", db, "--service", "NOPE"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no such service") {
		t.Fatalf("unknown service: %d %s", code, errb.String())
	}
	out.Reset()
	dispatch([]string{"ticket", "list", "--db", db}, &out, &errb)
	if strings.Count(out.String(), "\n") != 2 || !strings.Contains(out.String(), "elderly") {
		t.Fatalf("list:\n%s", out.String())
	}
}
