package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/staff"
)

func TestPinSet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	var out, errb bytes.Buffer
	if code := pinSetFrom(strings.NewReader("482915\n"), []string{"--db", db, "staff"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if code := pinSetFrom(strings.NewReader("1111\n"), []string{"--db", db, "technician"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "6 to 12 digits") {
		t.Fatalf("weak PIN accepted: %d %s", code, errb.String())
	}
	s, _ := sqlite.Open(context.Background(), db)
	defer s.Close()
	if role, err := staff.New(s, nil, 0).Unlock(context.Background(), "482915"); err != nil || role != "staff" {
		t.Fatalf("unlock with the set PIN: %q %v", role, err)
	}
}
