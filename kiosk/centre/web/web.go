// Package web holds the centre's browser pages (counter, hall display,
// rating tablet, reports), built from frontend/centre by `make
// centre-pages` into dist/ and embedded. A fresh clone has only
// dist/.keep: the binary builds, and the centre answers 503 "pages not
// built" for a page until they are built.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS is the built pages, files at its root (display/index.html, assets/…).
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: cannot happen
	}
	return sub
}
