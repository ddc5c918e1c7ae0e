// Package skills holds the digital-skills corner (Kỹ năng số): short,
// picture-led guides in data files. The shipped guides are embedded; staff
// can replace or add guides by dropping JSON files in a folder.
package skills

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed guides/*.json
var shipped embed.FS

// Text is a vi/en pair.
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// Step is one picture-led step.
type Step struct {
	Icon string `json:"icon"`
	VI   string `json:"vi"`
	EN   string `json:"en"`
}

// Guide is one digital-skills guide.
type Guide struct {
	ID      string `json:"id"`
	Order   int    `json:"order"`
	Icon    string `json:"icon"`
	Title   Text   `json:"title"`
	Summary Text   `json:"summary"`
	Steps   []Step `json:"steps"`
	Tips    Text   `json:"tips"`
	URL     string `json:"url"`
}

// Validate names the first problem of a guide.
func (g Guide) Validate() error {
	switch {
	case g.ID == "" || strings.ContainsAny(g.ID, " /\\"):
		return errors.New("id: must be a short word")
	case g.Title.VI == "":
		return errors.New("title.vi: must not be empty")
	case len(g.Steps) == 0:
		return errors.New("steps: at least one step")
	case g.URL != "" && !strings.HasPrefix(g.URL, "https://"):
		return errors.New("url: must start with https://")
	}
	for i, s := range g.Steps {
		if s.VI == "" {
			return fmt.Errorf("steps[%d].vi: must not be empty", i)
		}
	}
	return nil
}

// Load returns the shipped guides, overridden or extended by *.json files in
// dir (same id replaces). A broken local file is reported and skipped, so
// a staff typo never empties the corner.
func Load(dir string) ([]Guide, []error) {
	byID := map[string]Guide{}
	var problems []error
	read := func(fsys fs.FS, name string) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			return
		}
		var g Guide
		if err := json.Unmarshal(b, &g); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			return
		}
		if err := g.Validate(); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			return
		}
		byID[g.ID] = g
	}
	names, _ := fs.Glob(shipped, "guides/*.json")
	for _, n := range names {
		read(shipped, n)
	}
	if dir != "" {
		local, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, n := range local {
			read(os.DirFS(filepath.Dir(n)), filepath.Base(n))
		}
	}
	out := make([]Guide, 0, len(byID))
	for _, g := range byID {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].ID < out[j].ID
	})
	return out, problems
}
