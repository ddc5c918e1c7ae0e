package voice

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// packFS is the default pack, made by scripts/voicepack.sh with espeak-ng
// (the whole directory, so the package builds before the clips exist).
//
//go:embed pack
var packFS embed.FS

// DefaultFS is the embedded default pack, clip files at its root.
func DefaultFS() fs.FS {
	sub, err := fs.Sub(packFS, "pack")
	if err != nil {
		panic(err) // "pack" is a valid path: cannot happen
	}
	return sub
}

var defaultPack = sync.OnceValues(func() (*Pack, error) {
	p, err := Load(DefaultFS())
	if err != nil {
		return nil, fmt.Errorf("embedded default pack: %w", err)
	}
	return p, nil
})

// Default returns the embedded default pack, loaded once.
func Default() (*Pack, error) { return defaultPack() }
