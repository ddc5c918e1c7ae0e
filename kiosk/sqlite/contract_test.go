package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/motcua/kiosk/kiosk/sqlite"
	"github.com/motcua/kiosk/kiosk/storetest"
)

func stores(db *sqlite.DB) storetest.Stores {
	return storetest.Stores{Queue: db, Payment: db, Rating: db, Staff: db, Assist: db, Catalog: db, Audit: db, Device: db, Events: db.Events(),
		Officer: db, Visits: db, Fleet: db}
}

func TestContractFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return stores(db)
	})
}

// :memory: keeps one connection, so concurrency is serialised there.
func TestContractMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores {
		db, err := sqlite.Open(context.Background(), sqlite.Memory)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return stores(db)
	})
}
