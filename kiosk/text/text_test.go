package text_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/kiosk/text"
)

// vietnamese reports whether s has a letter only Vietnamese uses (a tone
// mark, ă â đ ê ô ơ ư): every VI message here has at least one.
func vietnamese(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func TestEveryMessageHasBothLanguages(t *testing.T) {
	all := text.All()
	if len(all) < 30 {
		t.Fatalf("only %d messages registered", len(all))
	}
	for _, m := range all {
		vi, en := strings.TrimSpace(m.VI), strings.TrimSpace(m.EN)
		switch {
		case vi == "" || en == "":
			t.Errorf("%+v: a language is missing", m)
		case vi == en:
			t.Errorf("%q: VI is the English text", m.VI)
		case !vietnamese(vi):
			t.Errorf("%q: VI has no Vietnamese letter (English left in?)", m.VI)
		case vietnamese(strings.NewReplacer("–", "", "→", "", "“", "", "”", "").Replace(en)):
			t.Errorf("%q: EN has Vietnamese letters", m.EN)
		case strings.Count(vi, "%") != strings.Count(en, "%"):
			t.Errorf("%q / %q: format verbs differ", m.VI, m.EN)
		case strings.Contains(vi, " / ") || strings.Contains(en, " / "):
			t.Errorf("%q: one language per field (String joins them)", m.VI)
		}
		if last := vi[len(vi)-1]; last != '.' {
			t.Errorf("%q: VI does not end a sentence", m.VI)
		}
	}
}

func TestFormatAndJoin(t *testing.T) {
	m := text.StaffLocked.Format(5)
	if !strings.Contains(m.VI, "5 phút") || !strings.Contains(m.EN, "5 minutes") {
		t.Errorf("format: %+v", m)
	}
	if got := text.PaymentOff.Error().Error(); got != "Chưa nhận thanh toán tại máy này. / Payment is not enabled on this kiosk." {
		t.Errorf("joined: %q", got)
	}
}

func TestCard(t *testing.T) {
	for _, c := range []struct {
		kind error
		want text.Msg
	}{
		{idcard.ErrFormat, text.CardReadAgain},
		{idcard.ErrCheckDigit, text.CardReadAgain},
		{idcard.ErrEncoding, text.CardReaderSetup},
		{idcard.ErrMismatch, text.CardAskStaff},
		{idcard.ErrProvince, text.CardAskStaff},
		{idcard.ErrDate, text.CardAskStaff},
	} {
		err := &idcard.Error{Kind: c.kind}
		if got := text.Card(err); got != c.want {
			t.Errorf("%v: %+v", c.kind, got)
		}
		if got := text.Card(errors.Join(errors.New("wrapped"), err)); got != c.want {
			t.Errorf("wrapped %v: %+v", c.kind, got)
		}
	}
	if got := text.Card(errors.New("other")); got != text.CardReadAgain {
		t.Errorf("other error: %+v", got)
	}
	if _, err := idcard.ParseQR("nonsense"); text.Card(err) == (text.Msg{}) {
		t.Error("no message for a real parse error")
	}
}
