package postgres_test

import (
	"testing"

	"github.com/motcua/kiosk/kiosk/postgres"
	"github.com/motcua/kiosk/kiosk/storetest"
)

func stores(db *postgres.DB) storetest.Stores {
	return storetest.Stores{Queue: db, Payment: db, Rating: db, Staff: db, Assist: db, Catalog: db, Audit: db, Device: db, Events: db.Events(),
		Officer: db, Visits: db, Fleet: db}
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores { return stores(fresh(t)) })
}
