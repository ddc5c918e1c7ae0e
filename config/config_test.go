package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	if p := Default().Validate(); len(p) > 0 {
		t.Fatalf("defaults invalid:\n%s", p)
	}
}

func TestExampleFileIsValidAndComplete(t *testing.T) {
	b, err := os.ReadFile("kiosk.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(b)
	if err != nil {
		t.Fatalf("example does not parse:\n%v", err)
	}
	// Every key of the defaults is documented in the example.
	enc, _ := Encode(Default())
	for _, line := range strings.Split(string(enc), "\n") {
		k, _, ok := strings.Cut(strings.TrimSpace(line), " = ")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		if !strings.Contains(string(b), k+" =") && !strings.Contains(string(b), k+"=") {
			t.Errorf("key %q not documented in kiosk.example.toml", k)
		}
	}
	if cfg.Kiosk.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("example timezone %q", cfg.Kiosk.Timezone)
	}
}

func TestValidationMessages(t *testing.T) {
	cases := []struct {
		name string
		toml string
		want []string
	}{
		{"bad language and window", "[kiosk]\nlanguage = \"fr\"\n[window]\nmode = \"kiosk\"\n", []string{"kiosk.language: must be \"vi\" or \"en\", got \"fr\"", "window.mode: must be \"fullscreen\" or \"windowed\""}},
		{"serial without port", "[printer]\ndriver = \"serial\"\n", []string{"printer.port: required when driver = \"serial\""}},
		{"unknown profile", "[printer]\nprofile = \"epson\"\n", []string{"printer.profile: no profile \"epson\""}},
		{"bad timezone", "[kiosk]\ntimezone = \"Mars/Base\"\n", []string{"kiosk.timezone: unknown time zone \"Mars/Base\""}},
		{"unknown key", "[kiosk]\ncentre = \"x\"\n", []string{"kiosk.centre: unknown key"}},
		{"duplicate prefix", "[[queue.services]]\ncode = \"A\"\nname_vi = \"A\"\nprefix = \"A\"\n[[queue.services]]\ncode = \"B\"\nname_vi = \"B\"\nprefix = \"A\"\n", []string{"queue.services[1].prefix: duplicate prefix \"A\""}},
		{"bad bin", "[payment]\nbank_bin = \"97041\"\n", []string{"payment.bank_bin: must be the bank's 6-digit BIN"}},
		{"centre url scheme", "[centre]\nurl = \"ftp://centre\"\ntoken = \"t\"\n", []string{"centre.url: must start with http:// or https://"}},
		{"centre url host", "[centre]\nurl = \"https://\"\ntoken = \"t\"\n", []string{"centre.url: must name a host"}},
		{"centre token missing", "[centre]\nurl = \"https://centre.local:8443\"\n", []string{"centre.token: required when centre.url is set"}},
		{"centre token without url", "[centre]\ntoken = \"mck_x\"\n", []string{"centre.url: required when centre.token"}},
		{"centre ca over http", "[centre]\nurl = \"http://centre.local\"\ntoken = \"t\"\nca_file = \"/etc/ca.pem\"\n", []string{"centre.ca_file: only used with an https://"}},
		{"reader mode", "[reader]\nmode = \"nfc\"\n", []string{"reader.mode: must be qr, mrz or auto"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.toml))
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("missing %q in:\n%v", w, err)
				}
			}
		})
	}
}

func TestSyntaxErrorNamesLine(t *testing.T) {
	_, err := Parse([]byte("[kiosk]\ncentre_name = \"unterminated\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v", err)
	}
}

func TestMissingFileGivesDefaults(t *testing.T) {
	cfg, exists, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil || exists {
		t.Fatalf("exists=%v err=%v", exists, err)
	}
	if cfg.Printer.Driver != "sim" || cfg.Reader.Driver != "sim" {
		t.Fatalf("defaults must simulate devices: %+v %+v", cfg.Printer, cfg.Reader)
	}
}

func TestSaveIsAtomicAndRoundTrips(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kiosk.toml")
	c := Default()
	c.Printer.Baud = 9600
	c.Kiosk.CentreName = "UBND phường Đống Đa"
	if err := Save(path, c); err != nil {
		t.Fatal(err)
	}
	got, exists, err := Load(path)
	if err != nil || !exists {
		t.Fatalf("reload: %v", err)
	}
	if got.Printer.Baud != 9600 || got.Kiosk.CentreName != c.Kiosk.CentreName || len(got.Queue.Services) != len(c.Queue.Services) {
		t.Fatalf("round trip lost data: %+v", got.Printer)
	}
	// An invalid config is refused and the file on disk is untouched.
	before, _ := os.ReadFile(path)
	c.Printer.Baud = 7
	if err := Save(path, c); !errors.Is(err, ErrInvalid) {
		t.Fatalf("invalid save: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("invalid save changed the file")
	}
	// No temp files left behind.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("leftover files: %v", ents)
	}
}

func TestSaveToUnwritableDir(t *testing.T) {
	// A regular file where the directory should be fails even for root.
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(blocker, nil, 0o600)
	if err := Save(filepath.Join(blocker, "kiosk.toml"), Default()); err == nil {
		t.Fatal("save under a file succeeded")
	}
}

func TestCentreValid(t *testing.T) {
	for _, toml := range []string{
		"[centre]\nurl = \"https://centre.local:8443\"\ntoken = \"mck_abc\"\nca_file = \"/etc/motcua/ca.pem\"\n",
		"[centre]\nurl = \"http://127.0.0.1:8090\"\ntoken = \"mck_abc\"\n",
		"[centre]\nurl = \"\"\n",
	} {
		if _, err := Parse([]byte(toml)); err != nil {
			t.Errorf("%q: %v", toml, err)
		}
	}
}

func TestUpdateConfig(t *testing.T) {
	const key = "motcua-bundle ed25519 public key\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
	centre := "[centre]\nurl = \"https://centre.local:8443\"\ntoken = \"t\"\n"
	for _, c := range []struct {
		name, toml string
		bad        string // the key of the problem; "" ok
	}{
		{"off", "", ""},
		{"whole file text", centre + "[update]\npublic_key = \"\"\"\n" + key + "\"\"\"\n", ""},
		{"base64 line", centre + "[update]\npublic_key = \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"\n", ""},
		{"not a key", centre + "[update]\npublic_key = \"hello\"\n", "update.public_key"},
		{"no centre", "[update]\npublic_key = \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"\n", "update.public_key"},
		{"negative check", "[update]\ncheck_minutes = -1\n", "update.check_minutes"},
	} {
		_, err := Parse([]byte(c.toml))
		if (err != nil) != (c.bad != "") || (err != nil && !strings.Contains(err.Error(), c.bad)) {
			t.Errorf("%s: %v, want a problem with %q", c.name, err, c.bad)
		}
	}
	if r, _ := (Update{Dir: "/x/u"}).Root(); r != "/x/u" {
		t.Errorf("root %q", r)
	}
}
