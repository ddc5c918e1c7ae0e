package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// EnvPath names the environment variable that points at the config file.
const EnvPath = "KIOSK_CONFIG"

// ErrInvalid marks a config that parsed but failed validation.
var ErrInvalid = errors.New("invalid configuration")

// Problems is the list of validation messages, one line each.
type Problems []string

func (p Problems) Error() string { return strings.Join(p, "\n") }

// Unwrap lets errors.Is(err, ErrInvalid) work.
func (p Problems) Unwrap() error { return ErrInvalid }

// Resolve returns the config path to use: the argument, then $KIOSK_CONFIG,
// then <data dir>/kiosk.toml. The file need not exist.
func Resolve(path string) string {
	if path != "" {
		return path
	}
	if p := os.Getenv(EnvPath); p != "" {
		return p
	}
	d, err := DataDir()
	if err != nil {
		return "kiosk.toml"
	}
	return filepath.Join(d, "kiosk.toml")
}

// Load reads path over the defaults. A missing file yields the defaults and
// exists=false; a present but broken file is an error naming line and key.
func Load(path string) (cfg Config, exists bool, err error) {
	cfg = Default()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, false, nil
	}
	if err != nil {
		return cfg, false, fmt.Errorf("config %s: %w", path, err)
	}
	cfg, err = Parse(b)
	if err != nil {
		return cfg, true, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, true, nil
}

// Parse decodes TOML over the defaults and validates the result.
func Parse(b []byte) (Config, error) {
	cfg := Default()
	// Services and profiles given in the file replace the defaults wholesale.
	var probe struct {
		Queue struct {
			Services []QueueService `toml:"services"`
		} `toml:"queue"`
	}
	if _, err := toml.Decode(string(b), &probe); err != nil {
		return cfg, describeDecodeError(err)
	}
	if probe.Queue.Services != nil {
		cfg.Queue.Services = nil
	}
	md, err := toml.Decode(string(b), &cfg)
	if err != nil {
		return cfg, describeDecodeError(err)
	}
	var probs Problems
	for _, k := range md.Undecoded() {
		probs = append(probs, fmt.Sprintf("%s: unknown key", k.String()))
	}
	probs = append(probs, cfg.Validate()...)
	if len(probs) > 0 {
		return cfg, probs
	}
	return cfg, nil
}

func describeDecodeError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: line %d: %s", ErrInvalid, pe.Position.Line, pe.Message)
	}
	return fmt.Errorf("%w: %v", ErrInvalid, err)
}

// Encode renders the config as TOML.
func Encode(c Config) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# One-stop counter kiosk configuration. See config/kiosk.example.toml for every key.\n")
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save validates c and writes it atomically: temp file in the same
// directory, fsync, rename over the target, fsync the directory.
func Save(path string, c Config) error {
	if probs := c.Validate(); len(probs) > 0 {
		return probs
	}
	b, err := Encode(c)
	if err != nil {
		return fmt.Errorf("config: encode: %w", err)
	}
	return WriteFileAtomic(path, b, 0o640)
}

// WriteFileAtomic replaces path with data so a reader sees either the old or
// the new file, never half of one, even across a power cut.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("save %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not supported on every OS
		d.Close()
	}
	return nil
}
