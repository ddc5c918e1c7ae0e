package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Key files are two lines of text: a header naming what the file holds, then
// the key in standard base64 (the 32-byte public key, or the 32-byte seed of
// the private key).
const (
	publicHeader  = "motcua-bundle ed25519 public key"
	privateHeader = "motcua-bundle ed25519 private key"
)

// ErrKeyFormat: a key file is not in the format MarshalPublicKey or
// MarshalPrivateKey writes.
var ErrKeyFormat = errors.New("not a bundle key file")

// Keygen makes a new signing key pair.
func Keygen() (ed25519.PublicKey, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(nil) // crypto/rand; it does not fail
	if err != nil {
		panic(fmt.Sprintf("bundle: keygen: %v", err))
	}
	return pub, priv
}

// MarshalPublicKey is the text of a public key file.
func MarshalPublicKey(pub ed25519.PublicKey) []byte {
	return []byte(publicHeader + "\n" + base64.StdEncoding.EncodeToString(pub) + "\n")
}

// MarshalPrivateKey is the text of a private key file.
func MarshalPrivateKey(priv ed25519.PrivateKey) []byte {
	return []byte(privateHeader + "\n" + base64.StdEncoding.EncodeToString(priv.Seed()) + "\n")
}

// ParsePublicKey reads the text MarshalPublicKey writes.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	raw, err := parseKey(b, publicHeader, ed25519.PublicKeySize)
	if err != nil {
		return nil, err
	}
	return ed25519.PublicKey(raw), nil
}

// ParsePrivateKey reads the text MarshalPrivateKey writes.
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	raw, err := parseKey(b, privateHeader, ed25519.SeedSize)
	if err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(raw), nil
}

func parseKey(b []byte, header string, size int) ([]byte, error) {
	lines := strings.Split(strings.TrimSpace(string(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")))), "\n")
	if len(lines) != 2 || strings.TrimSpace(lines[0]) != header {
		return nil, fmt.Errorf("%w: want the header %q then one base64 line", ErrKeyFormat, header)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(lines[1]))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyFormat, err)
	}
	if len(raw) != size {
		return nil, fmt.Errorf("%w: %d key bytes, want %d", ErrKeyFormat, len(raw), size)
	}
	return raw, nil
}

// ReadPublicKey reads a public key file.
func ReadPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bundle: public key: %w", err)
	}
	pub, err := ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("bundle: public key %s: %w", path, err)
	}
	return pub, nil
}

// ReadPrivateKey reads a private key file.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bundle: private key: %w", err)
	}
	priv, err := ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("bundle: private key %s: %w", path, err)
	}
	return priv, nil
}

// WriteKeys writes a new pair's public and private key files; it refuses
// to overwrite either. The private key file is readable by its owner only.
func WriteKeys(pubPath, privPath string, pub ed25519.PublicKey, priv ed25519.PrivateKey) error {
	for _, f := range []struct {
		path string
		data []byte
		perm os.FileMode
	}{{privPath, MarshalPrivateKey(priv), 0o600}, {pubPath, MarshalPublicKey(pub), 0o644}} {
		out, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.perm)
		if err != nil {
			return fmt.Errorf("bundle: write key: %w", err)
		}
		if _, err := out.Write(f.data); err != nil {
			out.Close()
			return fmt.Errorf("bundle: write key %s: %w", f.path, err)
		}
		if err := out.Close(); err != nil {
			return fmt.Errorf("bundle: write key %s: %w", f.path, err)
		}
	}
	return nil
}

// ParsePublicKeyText reads a public key as a config file carries it: the
// whole text of the public key file (header line and key), or the base64
// key line alone.
func ParsePublicKeyText(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "\n") {
		s = publicHeader + "\n" + s
	}
	return ParsePublicKey([]byte(s))
}
