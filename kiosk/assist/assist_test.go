package assist_test

import (
	"context"
	. "github.com/motcua/kiosk/kiosk/assist"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/sqlite"
)

func TestRaiseListResolve(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := New(db, func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) })
	r1, _ := b.Raise(ctx, 7, "guide", "1.001193")
	r2, _ := b.Raise(ctx, 7, "guide", "1.001193") // same session, same screen: one request
	r3, _ := b.Raise(ctx, 8, "pay", "")
	if r1.ID != r2.ID || r3.ID == r1.ID {
		t.Fatalf("ids %d %d %d", r1.ID, r2.ID, r3.ID)
	}
	open, _ := b.Open(ctx)
	if len(open) != 2 || open[0].Procedure != "1.001193" {
		t.Fatalf("open: %+v", open)
	}
	if err := b.Resolve(ctx, r1.ID, "staff"); err != nil {
		t.Fatal(err)
	}
	if err := b.Resolve(ctx, r1.ID, "staff"); err == nil {
		t.Fatal("resolved twice")
	}
	open, _ = b.Open(ctx)
	if len(open) != 1 || open[0].ID != r3.ID {
		t.Fatalf("after resolve: %+v", open)
	}
}
