package voice

import "strings"

// Clip names of the voice pack; the file of a clip is its name plus ".wav".
const (
	ClipChime      = "chime"
	ClipMoiCongDan = "phrase_moi_cong_dan"
	ClipDenQuaySo  = "phrase_den_quay_so"
	ClipMuoi       = "num_muoi"  // mười (10-19)
	ClipMuoi2      = "num_muoi2" // mươi (20 and up)
	ClipMot2       = "num_mot2"  // mốt
	ClipLam        = "num_lam"   // lăm
	ClipTu         = "num_tu"    // tư
	ClipTram       = "num_tram"  // trăm
	ClipLinh       = "num_linh"  // linh
	ClipNghin      = "num_nghin" // nghìn
)

// ClipInfo describes one clip: its name, the Vietnamese text it says (what
// espeak-ng is given, and what a human should record) and the short label
// printed for a technician.
type ClipInfo struct {
	Name  string
	Say   string
	Label string
}

var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// letterWords are the Vietnamese names of the Latin letters, A to Z.
var letterWords = [26]string{
	"a", "bê", "xê", "dê", "e", "ép", "giê", "hát", "i", "gi", "ca", "e lờ", "em mờ",
	"en nờ", "o", "pê", "quy", "e rờ", "ét xì", "tê", "u", "vê", "vê kép", "ích xì", "i dài", "dét",
}

// clips is the table of every clip, built once.
var clips = buildClips()

var clipIndex = func() map[string]ClipInfo {
	m := make(map[string]ClipInfo, len(clips))
	for _, c := range clips {
		m[c.Name] = c
	}
	return m
}()

func buildClips() []ClipInfo {
	cs := []ClipInfo{
		{ClipChime, "", "chime"},
		{ClipMoiCongDan, "mời công dân có số thứ tự", "mời công dân có số thứ tự"},
		{ClipDenQuaySo, "đến quầy số", "đến quầy số"},
	}
	for i, w := range letterWords {
		l := string(rune('a' + i))
		cs = append(cs, ClipInfo{LetterClip(rune('a' + i)), w, strings.ToUpper(l)})
	}
	for d, w := range digitWords {
		cs = append(cs, ClipInfo{DigitClip(d), w, w})
	}
	for _, c := range [][2]string{
		{ClipMuoi, "mười"}, {ClipMuoi2, "mươi"}, {ClipMot2, "mốt"}, {ClipLam, "lăm"},
		{ClipTu, "tư"}, {ClipTram, "trăm"}, {ClipLinh, "linh"}, {ClipNghin, "nghìn"},
	} {
		cs = append(cs, ClipInfo{c[0], c[1], c[1]})
	}
	return cs
}

// Clips returns every clip a pack must hold, in a stable order.
func Clips() []ClipInfo { return append([]ClipInfo(nil), clips...) }

// LetterClip is the clip name of a letter a-z or A-Z ("letter_b"); the
// caller checks the letter is one.
func LetterClip(r rune) string {
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return "letter_" + string(r)
}

// DigitClip is the clip name of a digit 0-9 ("digit_0").
func DigitClip(d int) string { return "digit_" + string(rune('0'+d)) }

// Label is the short text printed for a clip ("B", "mười", "chime"); an
// unknown name is returned as is.
func Label(name string) string {
	if c, ok := clipIndex[name]; ok {
		return c.Label
	}
	return name
}

// Labels joins the labels of a script with " | ", the line a technician
// reads to check a pack.
func Labels(script []string) string {
	ls := make([]string, len(script))
	for i, n := range script {
		ls[i] = Label(n)
	}
	return strings.Join(ls, " | ")
}

// Text is the Vietnamese a script says, clip texts joined by spaces (the
// chime says nothing): useful in tests and logs.
func Text(script []string) string {
	var ws []string
	for _, n := range script {
		if c, ok := clipIndex[n]; ok && c.Say != "" {
			ws = append(ws, c.Say)
		}
	}
	return strings.Join(ws, " ")
}
