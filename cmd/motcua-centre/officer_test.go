package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestOfficerCmd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	t.Setenv("MOTCUA_OFFICER_PIN", "")
	for _, c := range []struct {
		name, stdin, env string
		args             []string
		code             int
		out, errs        string
	}{
		{"add", "482915\n482915\n", "", []string{"add", "--db", db, "Nguyễn Văn A"}, 0, "officer Nguyễn Văn A added", "New PIN"},
		{"add from env", "", "731946", []string{"add", "--db", db, "Trần Thị B"}, 0, "officer Trần Thị B added", ""},
		{"add a taken name", "482915\n482915\n", "", []string{"add", "--db", db, "Nguyễn Văn A"}, 1, "", "exists"},
		{"PINs differ", "482915\n482916\n", "", []string{"add", "--db", db, "Lê C"}, 1, "", "differ"},
		{"weak PIN", "123456\n123456\n", "", []string{"add", "--db", db, "Lê C"}, 1, "", "PIN must be"},
		{"no PIN", "", "", []string{"add", "--db", db, "Lê C"}, 1, "", "no PIN"},
		{"new PIN", "", "951753", []string{"pin", "--db", db, "Nguyễn Văn A"}, 0, "PIN set", ""},
		{"PIN of nobody", "", "951753", []string{"pin", "--db", db, "nobody"}, 1, "", "no such officer"},
		{"disable", "", "", []string{"disable", "--db", db, "Trần Thị B"}, 0, "disabled", ""},
		{"enable nobody", "", "", []string{"enable", "--db", db, "nobody"}, 1, "", "no such officer"},
		{"list", "", "", []string{"list", "--db", db}, 0, "Nguyễn Văn A  active", ""},
		{"list a disabled officer", "", "", []string{"list", "--db", db}, 0, "Trần Thị B    disabled", ""},
		{"no name", "", "", []string{"disable", "--db", db}, 1, "", "usage"},
		{"unknown", "", "", []string{"fire", "--db", db, "A"}, 2, "", "unknown officer command"},
		{"nothing", "", "", nil, 1, "", "usage"},
	} {
		t.Setenv("MOTCUA_OFFICER_PIN", c.env)
		code, out, errs := runCmd(t, c.stdin, append([]string{"officer"}, c.args...)...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.errs) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.name, code, out, errs)
		}
		for _, pin := range []string{"482915", "731946", "951753"} {
			if strings.Contains(out+errs, pin) {
				t.Errorf("%s: the PIN was printed: %q %q", c.name, out, errs)
			}
		}
	}
	// The PINs set are the ones that sign in.
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := officer.New(st, nil, bcrypt.MinCost)
	if _, _, err := svc.SignIn(ctx, "3", "quay-3", "Nguyễn Văn A", "951753"); err != nil {
		t.Errorf("sign in with the new PIN: %v", err)
	}
	if _, _, err := svc.SignIn(ctx, "4", "quay-4", "Trần Thị B", "731946"); !errors.Is(err, officer.ErrInactive) {
		t.Errorf("disabled officer: %v", err)
	}
}
