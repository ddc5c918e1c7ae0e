package voice

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"
)

// Gaps of silence the joiner puts between clips.
const (
	WordGap  = 60 * time.Millisecond  // between two words
	ChimeGap = 300 * time.Millisecond // after the chime
)

// ErrPack is wrapped by the error of a pack that lacks clips or mixes
// formats.
var ErrPack = errors.New("voice pack unusable")

// Pack is a loaded voice pack: every clip of Clips, decoded, all in one
// format. It is read-only and safe for concurrent use.
type Pack struct {
	format Format
	clips  map[string]Audio
}

// Load reads a pack from fsys, which holds one "<clip>.wav" per clip at its
// root (the embedded default, or os.DirFS of a centre's directory of human
// recordings). It checks every clip is there, is 16-bit PCM, is not empty,
// and that all share one sample rate and channel count; every problem is
// named in the one error returned.
func Load(fsys fs.FS) (*Pack, error) {
	p := &Pack{clips: make(map[string]Audio, len(clips))}
	var problems []string
	for _, c := range clips {
		file := c.Name + ".wav"
		b, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) {
			problems = append(problems, fmt.Sprintf("%s: missing (should say %q)", file, sayOrChime(c)))
			continue
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		a, err := ParseWAV(b)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		if a.Frames() == 0 {
			problems = append(problems, file+": no sound (empty data)")
			continue
		}
		p.clips[c.Name] = a
	}
	p.format = commonFormat(p.clips)
	for _, c := range clips {
		if a, ok := p.clips[c.Name]; ok && a.Format != p.format {
			problems = append(problems, fmt.Sprintf("%s: %s, but the pack is %s", c.Name+".wav", a.Format, p.format))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %d problem(s):\n  %s", ErrPack, len(problems), strings.Join(problems, "\n  "))
	}
	return p, nil
}

func sayOrChime(c ClipInfo) string {
	if c.Say == "" {
		return "a short chime"
	}
	return c.Say
}

// commonFormat is the format most clips share (ties: the smallest rate, so
// the choice does not depend on map order).
func commonFormat(m map[string]Audio) Format {
	count := map[Format]int{}
	for _, a := range m {
		count[a.Format]++
	}
	fs := make([]Format, 0, len(count))
	for f := range count {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool {
		if count[fs[i]] != count[fs[j]] {
			return count[fs[i]] > count[fs[j]]
		}
		if fs[i].SampleRate != fs[j].SampleRate {
			return fs[i].SampleRate < fs[j].SampleRate
		}
		return fs[i].Channels < fs[j].Channels
	})
	if len(fs) == 0 {
		return Format{}
	}
	return fs[0]
}

// Format is the PCM format of every clip, and of the calls, of p.
func (p *Pack) Format() Format { return p.format }

// Clip returns the decoded clip of that name.
func (p *Pack) Clip(name string) (Audio, bool) {
	a, ok := p.clips[name]
	return a, ok
}

// GapFrames is the silence, in frames, Join puts after a clip of that name
// (ChimeGap after the chime, else WordGap).
func (p *Pack) GapFrames(after string) int {
	d := WordGap
	if after == ClipChime {
		d = ChimeGap
	}
	return int(time.Duration(p.format.SampleRate) * d / time.Second)
}

// Join concatenates the clips of a script with silence between them (none
// after the last).
func (p *Pack) Join(script []string) (Audio, error) {
	fsz := p.format.FrameSize()
	size := 0
	for i, n := range script {
		a, ok := p.clips[n]
		if !ok {
			return Audio{}, fmt.Errorf("voice: join: no clip %q in the pack", n)
		}
		size += len(a.Data)
		if i < len(script)-1 {
			size += p.GapFrames(n) * fsz
		}
	}
	out := make([]byte, 0, size)
	for i, n := range script {
		out = append(out, p.clips[n].Data...)
		if i < len(script)-1 {
			out = append(out, make([]byte, p.GapFrames(n)*fsz)...)
		}
	}
	return Audio{Format: p.format, Data: out}, nil
}

// Announcement is one hall-display call built from a pack: the clip names
// it says (see Labels) and the joined audio.
type Announcement struct {
	Script []string
	Audio  Audio
}

// WAV is the announcement as a WAV file.
func (a Announcement) WAV() []byte { return EncodeWAV(a.Audio) }

// Announce builds the call of ticket code (like "B-0012") to counter (like
// "3"): errors wrapping ErrInput for a bad code or counter; see Script.
func (p *Pack) Announce(code, counter string, opt Options) (Announcement, error) {
	s, err := Script(code, counter, opt)
	if err != nil {
		return Announcement{}, err
	}
	a, err := p.Join(s)
	if err != nil {
		return Announcement{}, err
	}
	return Announcement{Script: s, Audio: a}, nil
}

// Call returns the WAV of one hall-display call: ticket code (like
// "B-0012") to counter (like "3"); see Script.
func (p *Pack) Call(code, counter string, opt Options) ([]byte, error) {
	a, err := p.Announce(code, counter, opt)
	if err != nil {
		return nil, err
	}
	return a.WAV(), nil
}

// LoadDir loads a recorded pack from a folder; "" gives the built-in
// voice (Default).
func LoadDir(dir string) (*Pack, error) {
	if dir == "" {
		return Default()
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("voice pack: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("voice pack %s: not a directory", dir)
	}
	p, err := Load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("voice pack %s: %w", dir, err)
	}
	return p, nil
}
