// Package device enrols the kiosks, counters and displays of a centre. Each
// gets its own token; only the token's SHA-256 is stored (a token is 32
// random bytes, so a slow hash would add nothing), and a token can be
// revoked. The token itself is shown once, at enrolment.
package device

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kinds of device.
const (
	Kiosk   = "kiosk"
	Counter = "counter"
	Display = "display"
)

// Device is one enrolled device.
type Device struct {
	ID        int64
	Kind      string
	Name      string
	CreatedAt time.Time
	RevokedAt time.Time // zero while the token is valid
}

// Errors.
var (
	ErrUnknownToken = errors.New("unknown or revoked token")
	ErrKind         = errors.New("device kind must be kiosk, counter or display")
	ErrName         = errors.New("device name must be 1-64 letters, digits, '-', '_' or '.'")
	ErrNameTaken    = errors.New("a device with that name is enrolled")
	ErrNotFound     = errors.New("no such device")
)

// Store persists devices by token hash.
type Store interface {
	// AddDevice stores d with the token hash, setting d.ID; ErrNameTaken
	// when an unrevoked device has that name.
	AddDevice(ctx context.Context, d *Device, tokenHash []byte) error
	// DeviceByTokenHash returns the unrevoked device with that hash (ErrUnknownToken).
	DeviceByTokenHash(ctx context.Context, tokenHash []byte) (Device, error)
	// RevokeDevice revokes the unrevoked device named name (ErrNotFound).
	RevokeDevice(ctx context.Context, name string, at time.Time) error
	// Devices lists every device, revoked ones included, by name.
	Devices(ctx context.Context) ([]Device, error)
}

// Hash is what is stored for a token.
func Hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// HashEqual compares two hashes in constant time.
func HashEqual(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }

// tokenPrefix marks the kind, so a technician can tell tokens apart.
func tokenPrefix(kind string) string { return "mc" + kind[:1] + "_" }

// Enroll creates a device and returns its token, which is not stored.
func Enroll(ctx context.Context, st Store, kind, name string, now time.Time) (string, Device, error) {
	if kind != Kiosk && kind != Counter && kind != Display {
		return "", Device{}, fmt.Errorf("enroll %q: %w", kind, ErrKind)
	}
	if !validName(name) {
		return "", Device{}, fmt.Errorf("enroll %q: %w", name, ErrName)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", Device{}, fmt.Errorf("enroll: random: %w", err)
	}
	token := tokenPrefix(kind) + base64.RawURLEncoding.EncodeToString(b)
	d := Device{Kind: kind, Name: name, CreatedAt: now.UTC()}
	if err := st.AddDevice(ctx, &d, Hash(token)); err != nil {
		return "", Device{}, fmt.Errorf("enroll %s %s: %w", kind, name, err)
	}
	return token, d, nil
}

// Authenticate returns the device a token belongs to (ErrUnknownToken).
func Authenticate(ctx context.Context, st Store, token string) (Device, error) {
	token = strings.TrimSpace(token)
	if len(token) < 16 || len(token) > 128 {
		return Device{}, ErrUnknownToken
	}
	return st.DeviceByTokenHash(ctx, Hash(token))
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return false
		}
	}
	return true
}
