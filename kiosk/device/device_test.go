package device

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

type nopStore struct{ hashes [][]byte }

func (n *nopStore) AddDevice(_ context.Context, d *Device, h []byte) error {
	n.hashes = append(n.hashes, h)
	d.ID = int64(len(n.hashes))
	return nil
}
func (*nopStore) DeviceByTokenHash(context.Context, []byte) (Device, error) {
	return Device{}, ErrUnknownToken
}
func (*nopStore) RevokeDevice(context.Context, string, time.Time) error { return nil }
func (*nopStore) Devices(context.Context) ([]Device, error)             { return nil, nil }

func TestEnrollChecksAndStoresOnlyTheHash(t *testing.T) {
	cases := []struct {
		kind, name string
		err        error
	}{
		{Kiosk, "kiosk-01", nil},
		{Counter, "quay.3", nil},
		{Display, "hall_tv", nil},
		{"printer", "x", ErrKind},
		{Kiosk, "", ErrName},
		{Kiosk, "has space", ErrName},
		{Kiosk, strings.Repeat("a", 65), ErrName},
	}
	for _, c := range cases {
		st := &nopStore{}
		tok, _, err := Enroll(context.Background(), st, c.kind, c.name, time.Now())
		if !errors.Is(err, c.err) {
			t.Errorf("Enroll(%q, %q) = %v, want %v", c.kind, c.name, err, c.err)
			continue
		}
		if c.err != nil {
			continue
		}
		if !strings.HasPrefix(tok, "mc"+c.kind[:1]+"_") || len(tok) < 40 {
			t.Errorf("token %q: want prefix and 32 random bytes", tok)
		}
		if len(st.hashes) != 1 || !HashEqual(st.hashes[0], Hash(tok)) || strings.Contains(string(st.hashes[0]), tok) {
			t.Errorf("stored %x, want only the SHA-256 of the token", st.hashes)
		}
	}
}

func TestAuthenticateRefusesMalformedTokensWithoutAStoreLookup(t *testing.T) {
	for _, tok := range []string{"", "short", strings.Repeat("x", 200)} {
		if _, err := Authenticate(context.Background(), nil, tok); !errors.Is(err, ErrUnknownToken) {
			t.Errorf("Authenticate(%q) = %v, want ErrUnknownToken", tok, err)
		}
	}
}
