//go:build deps

// Package deps pins the modules the kiosk is built from so `go mod tidy`
// keeps them while packages that use them are being written. Never built.
package deps

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/creack/pty"
	_ "github.com/skip2/go-qrcode"
	_ "github.com/tarm/serial"
	_ "github.com/wailsapp/wails/v2"
	_ "golang.org/x/crypto/bcrypt"
	_ "golang.org/x/image/font/opentype"
	_ "golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
)
