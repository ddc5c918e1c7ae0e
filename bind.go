//go:build !e2e

package main

import (
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/uiapi"
)

// bound is everything the page can call: the UI API and nothing else.
func bound(k *core.Kiosk) []any { return []any{uiapi.New(k)} }
