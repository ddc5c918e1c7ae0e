package voice

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// testPack is a pack of tone-free clips: clip i holds i+1 frames of value i,
// so a join can be checked sample by sample.
func testPack(rate int) fstest.MapFS {
	m := fstest.MapFS{}
	for i, c := range clips {
		data := make([]byte, 2*(i+1))
		for j := 0; j < len(data); j += 2 {
			data[j] = byte(i + 1)
		}
		m[c.Name+".wav"] = &fstest.MapFile{Data: EncodeWAV(Audio{Format{rate, 1, 16}, data})}
	}
	return m
}

func TestCallDuration(t *testing.T) {
	for _, p := range []struct {
		name string
		fsys fs.FS
	}{{"synthetic", testPack(16000)}, {"default", DefaultFS()}} {
		pack, err := Load(p.fsys)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		for _, opt := range []Options{{}, {TicketAsNumber: true}} {
			wav, err := pack.Call("B-0012", "12", opt)
			if err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			a, err := ParseWAV(wav)
			if err != nil {
				t.Fatalf("%s: call does not parse back: %v", p.name, err)
			}
			script, _ := Script("B-0012", "12", opt)
			frames := 0
			for i, n := range script {
				c, _ := pack.Clip(n)
				frames += c.Frames()
				if i < len(script)-1 {
					frames += pack.GapFrames(n)
				}
			}
			if a.Format != pack.Format() || a.Frames() != frames {
				t.Errorf("%s %+v: call %s of %d frames, want %s of %d", p.name, opt, a.Format, a.Frames(), pack.Format(), frames)
			}
		}
	}
}

func TestJoinLayout(t *testing.T) {
	pack, err := Load(testPack(10000))
	if err != nil {
		t.Fatal(err)
	}
	if g, w := pack.GapFrames(ClipChime), 3000; g != w {
		t.Errorf("chime gap %d frames, want %d", g, w)
	}
	if g, w := pack.GapFrames(ClipTram), 600; g != w {
		t.Errorf("word gap %d frames, want %d", g, w)
	}
	a, err := pack.Join([]string{ClipChime, DigitClip(3)})
	if err != nil {
		t.Fatal(err)
	}
	chime, _ := pack.Clip(ClipChime)
	three, _ := pack.Clip(DigitClip(3))
	want := string(chime.Data) + strings.Repeat("\x00", 3000*2) + string(three.Data)
	if string(a.Data) != want {
		t.Errorf("join: %d bytes, want chime + 300 ms + digit_3 = %d bytes", len(a.Data), len(want))
	}
	if _, err := pack.Join([]string{"nope"}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("join of an unknown clip: %v", err)
	}
	if _, err := pack.Call("", "3", Options{}); !errors.Is(err, ErrInput) {
		t.Errorf("call of an empty ticket: %v", err)
	}
}

func TestLoadMissing(t *testing.T) {
	m := testPack(22050)
	delete(m, "letter_q.wav")
	delete(m, "num_linh.wav")
	_, err := Load(m)
	if !errors.Is(err, ErrPack) {
		t.Fatalf("Load: %v, want ErrPack", err)
	}
	for _, s := range []string{"2 problem(s)", "letter_q.wav: missing", `"quy"`, "num_linh.wav: missing"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
}

func TestLoadMixedFormats(t *testing.T) {
	m := testPack(22050)
	m["digit_7.wav"] = &fstest.MapFile{Data: EncodeWAV(Audio{Format{44100, 1, 16}, []byte{0, 0}})}
	m["letter_b.wav"] = &fstest.MapFile{Data: EncodeWAV(Audio{Format{22050, 2, 16}, []byte{0, 0, 0, 0}})}
	m["num_tu.wav"] = &fstest.MapFile{Data: []byte("ID3 not a wav")}
	m["num_lam.wav"] = &fstest.MapFile{Data: EncodeWAV(Audio{Format{22050, 1, 16}, nil})}
	_, err := Load(m)
	if !errors.Is(err, ErrPack) {
		t.Fatalf("Load: %v, want ErrPack", err)
	}
	for _, s := range []string{
		"4 problem(s)", "digit_7.wav: 44100 Hz, 1 ch, 16-bit, but the pack is 22050 Hz, 1 ch, 16-bit",
		"letter_b.wav: 22050 Hz, 2 ch", "num_tu.wav: not a 16-bit PCM WAV", "num_lam.wav: no sound",
	} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
}

func TestDefaultPack(t *testing.T) {
	pack, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if f := pack.Format(); f.Channels != 1 || f.Bits != 16 {
		t.Errorf("default pack is %s, want mono 16-bit", f)
	}
	total := 0
	for _, c := range Clips() {
		a, _ := pack.Clip(c.Name)
		total += len(a.Data)
		if d := a.Duration(); d < 100*time.Millisecond || d > 2500*time.Millisecond {
			t.Errorf("%s.wav lasts %v, want 0.1-2.5 s", c.Name, d)
		}
	}
	if chime, _ := pack.Clip(ClipChime); chime.Duration() >= time.Second {
		t.Errorf("chime lasts %v, want under 1 s", chime.Duration())
	}
	if total > 1536*1024 {
		t.Errorf("default pack holds %d bytes of sound, want under 1.5 MB", total)
	}
	readme, err := fs.ReadFile(packFS, "pack/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Clips() {
		if !strings.Contains(string(readme), "`"+c.Name+".wav`") {
			t.Errorf("pack/README.md does not list %s.wav", c.Name)
		}
	}
}
