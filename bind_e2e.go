//go:build e2e

package main

import (
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/uiapi"
)

// bound in the e2e build adds the simulator hooks the tests drive.
func bound(k *core.Kiosk) []any { return []any{uiapi.New(k), uiapi.NewSim(k)} }
