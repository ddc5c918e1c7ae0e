package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/motcua/kiosk/kiosk/device"
)

// testDevices: enrol, authenticate by token, names unique while valid,
// revoke refuses the token and frees the name, the list keeps revoked ones.
func testDevices(t *testing.T, st Stores) {
	ctx := context.Background()
	s := st.Device
	tok, d, err := device.Enroll(ctx, s, device.Kiosk, "kiosk-1", t0)
	if err != nil || d.ID == 0 || tok == "" {
		t.Fatalf("enroll: %q %+v %v", tok, d, err)
	}
	got, err := device.Authenticate(ctx, s, tok)
	if err != nil || got.Name != "kiosk-1" || got.Kind != device.Kiosk || !got.CreatedAt.Equal(t0) {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	if _, err := device.Authenticate(ctx, s, tok+"x"); !errors.Is(err, device.ErrUnknownToken) {
		t.Fatalf("wrong token: %v, want ErrUnknownToken", err)
	}
	if _, _, err := device.Enroll(ctx, s, device.Counter, "kiosk-1", t0); !errors.Is(err, device.ErrNameTaken) {
		t.Fatalf("same name twice: %v, want ErrNameTaken", err)
	}
	tok2, _, err := device.Enroll(ctx, s, device.Counter, "counter-3", t0)
	if err != nil || tok2 == tok {
		t.Fatalf("second device: %q %v", tok2, err)
	}
	if err := s.RevokeDevice(ctx, "kiosk-1", t0.Add(60)); err != nil {
		t.Fatalf("revoke: %v", err)
	}
	if _, err := device.Authenticate(ctx, s, tok); !errors.Is(err, device.ErrUnknownToken) {
		t.Fatalf("revoked token: %v, want ErrUnknownToken", err)
	}
	if err := s.RevokeDevice(ctx, "kiosk-1", t0); !errors.Is(err, device.ErrNotFound) {
		t.Fatalf("revoke twice: %v, want ErrNotFound", err)
	}
	if _, _, err := device.Enroll(ctx, s, device.Kiosk, "kiosk-1", t0); err != nil {
		t.Fatalf("re-enrol a revoked name: %v", err)
	}
	if got, err := device.Authenticate(ctx, s, tok2); err != nil || got.Kind != device.Counter {
		t.Fatalf("other device after revoke: %+v %v", got, err)
	}
	list, err := s.Devices(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("devices: %+v %v, want 3 (one revoked)", list, err)
	}
	revoked := 0
	for _, d := range list {
		if !d.RevokedAt.IsZero() {
			revoked++
		}
	}
	if revoked != 1 {
		t.Fatalf("%d revoked in the list, want 1", revoked)
	}
}
