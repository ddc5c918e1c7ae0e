package bundle

import (
	"errors"
	"testing"
)

func TestCompareVersions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"1", "2", -1}, {"2", "1", 1}, {"7", "7", 0},
		{"2026.9", "2026.10", -1}, {"2026.12", "2026.12.0", 0}, {"2026.12.1", "2026.12", 1},
		{"10", "9.99", 1}, {"007", "7", 0},
	} {
		got, err := CompareVersions(c.a, c.b)
		if err != nil || got != c.want {
			t.Errorf("CompareVersions(%q, %q) = %d, %v; want %d", c.a, c.b, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "v1", "1.0-rc1", "1..2", "a", "1.x"} {
		if _, err := CompareVersions(bad, "1"); !errors.Is(err, ErrUnorderedVersion) {
			t.Errorf("CompareVersions(%q): %v, want ErrUnorderedVersion", bad, err)
		}
	}
}

func TestParsePublicKeyText(t *testing.T) {
	pub, _ := Keygen()
	text := string(MarshalPublicKey(pub))
	lines := []string{text, "  " + text + "\n", text[len(publicHeader)+1:]}
	for _, s := range lines {
		got, err := ParsePublicKeyText(s)
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKeyText(%q): %v", s, err)
		}
	}
	if _, err := ParsePublicKeyText("not a key"); !errors.Is(err, ErrKeyFormat) {
		t.Errorf("garbage: %v", err)
	}
}
