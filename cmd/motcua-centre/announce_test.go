package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/voice"
)

func TestAnnounce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "call.wav")
	code, stdout, stderr := runCmd(t, "", "announce", "--ticket", "B-0012", "--counter", "3", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	words := "chime | mời công dân có số thứ tự | B | không | không | một | hai | đến quầy số | ba\n"
	if !strings.HasPrefix(stderr, words) {
		t.Errorf("stderr %q, want it to start with %q", stderr, words)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	a, err := voice.ParseWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := a.Duration(); d < 3*time.Second || d > 8*time.Second {
		t.Errorf("call lasts %v, want 3-8 s", d)
	}
}

func TestAnnounceToStdoutAsNumber(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "announce", "--ticket", "A-0021", "--counter", "12", "--ticket-as-number", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "A | hai | mươi | mốt | đến quầy số | mười | hai\n"; !strings.HasSuffix(stderr, want) {
		t.Errorf("stderr %q, want it to end with %q", stderr, want)
	}
	if _, err := voice.ParseWAV([]byte(stdout)); err != nil {
		t.Errorf("stdout is not a WAV: %v", err)
	}
}

func TestAnnounceBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "call.wav")
	cases := []struct {
		name    string
		args    []string
		mention string
	}{
		{"bad ticket", []string{"--ticket", "B-00x2", "--counter", "3", "--out", out}, `ticket code "B-00x2"`},
		{"no ticket", []string{"--counter", "3", "--out", out}, "empty ticket code"},
		{"bad counter", []string{"--ticket", "B-0012", "--counter", "Quầy 3", "--out", out}, `counter "Quầy 3"`},
		{"no out", []string{"--ticket", "B-0012", "--counter", "3"}, "usage: motcua-centre announce"},
		{"empty pack", []string{"--ticket", "B-0012", "--counter", "3", "--out", out, "--pack", dir}, "chime.wav: missing"},
		{"no pack dir", []string{"--ticket", "B-0012", "--counter", "3", "--out", out, "--pack", filepath.Join(dir, "nope")}, "no such file"},
	}
	for _, c := range cases {
		code, _, stderr := runCmd(t, "", append([]string{"announce"}, c.args...)...)
		if code != 1 || !strings.Contains(stderr, c.mention) || !strings.HasPrefix(stderr, "motcua-centre: ") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 mentioning %q", c.name, code, stderr, c.mention)
		}
		if c.name != "empty pack" && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: stderr %q, want one line", c.name, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed announce left %s (%v)", out, err)
	}
}

// TestAnnounceHumanPack: a directory of clips (here copies of the default
// ones) is used as the pack.
func TestAnnounceHumanPack(t *testing.T) {
	dir := t.TempDir()
	for _, c := range voice.Clips() {
		b, err := fs.ReadFile(voice.DefaultFS(), c.Name+".wav")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.Name+".wav"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "call.wav")
	if code, _, stderr := runCmd(t, "", "announce", "--ticket", "C-7", "--counter", "VIP", "--out", out, "--pack", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
