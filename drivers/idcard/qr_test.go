package idcard

import (
	"strings"
	"testing"
)

func TestParseQRValid(t *testing.T) {
	withOld := baseQRIdentity
	withOld.OldID = "025123456"
	female := baseQRIdentity
	female.IDNumber, female.Sex = "079190001234", Female
	gen2000 := baseQRIdentity
	gen2000.IDNumber, gen2000.DateOfBirth = "079205001234", "2005-03-15"
	tests := []struct {
		name string
		in   string
		want Identity
	}{
		{"2021 card, empty old id", baseQR, baseQRIdentity},
		{"old CMND present", replaceField(baseQR, 2, "025123456"), withOld},
		{"2024 card, extra trailing fields", baseQR + "|15032030|Hồ Chí Minh||", baseQRIdentity},
		{"CRLF ending", baseQR + "\r\n", baseQRIdentity},
		{"LF ending", baseQR + "\n", baseQRIdentity},
		{"CR ending", baseQR + "\r", baseQRIdentity},
		{"UTF-8 BOM", "\ufeff" + baseQR, baseQRIdentity},
		{"decomposed Nữ (NFD)", replaceField(replaceField(baseQR, 1, "079190001234"), 5, "Nu\u031b\u0303"), female},
		{"born 2005, digit 2", replaceField(replaceField(baseQR, 1, "079205001234"), 4, "15032005"), gen2000},
		{"spaces around name", replaceField(baseQR, 3, " "+baseName+" "), baseQRIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQR(tt.in)
			if err != nil {
				t.Fatalf("ParseQR: %v", err)
			}
			if d := diffFields(*got, tt.want); d != nil {
				t.Errorf("fields differ: %v", d)
			}
		})
	}
}

func TestParseQRInvalid(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		kind  error
		field int // -1: don't care
	}{
		{"invalid UTF-8", replaceField(baseQR, 3, "Tr\xe1\xba n"), ErrEncoding, 0},
		{"Latin-1 byte", replaceField(baseQR, 3, "Tr\xe0n"), ErrEncoding, 0},
		{"control byte", replaceField(baseQR, 6, "Số 12\x07"), ErrEncoding, 0},
		{"replacement char from scanner", replaceField(baseQR, 3, "Tr\ufffdn"), ErrEncoding, 0},
		{"six fields", strings.Join(strings.Split(baseQR, "|")[:6], "|"), ErrFormat, 0},
		{"empty", "", ErrFormat, 0},
		{"only separators", "||||||", ErrFormat, 1},
		{"id 11 digits", replaceField(baseQR, 1, baseID[:11]), ErrFormat, 1},
		{"id with letter", replaceField(baseQR, 1, "0790900O1234"), ErrFormat, 1},
		{"id with inner space", replaceField(baseQR, 1, "079090 01234"), ErrFormat, 1},
		{"old id 8 digits", replaceField(baseQR, 2, "02512345"), ErrFormat, 2},
		{"old id letters", replaceField(baseQR, 2, "02512345X"), ErrFormat, 2},
		{"empty name", replaceField(baseQR, 3, ""), ErrFormat, 3},
		{"digit in name", replaceField(baseQR, 3, "Trần Văn 8ình"), ErrFormat, 3},
		{"name too long", replaceField(baseQR, 3, strings.Repeat("Bình ", 30)), ErrFormat, 3},
		{"dob 7 digits", replaceField(baseQR, 4, "1503199"), ErrFormat, 4},
		{"dob with slashes", replaceField(baseQR, 4, "15/03/1990"), ErrFormat, 4},
		{"dob 31 February", replaceField(baseQR, 4, "31021990"), ErrDate, 4},
		{"dob month 13", replaceField(baseQR, 4, "15131990"), ErrDate, 4},
		{"dob day 00", replaceField(baseQR, 4, "00031990"), ErrDate, 4},
		{"sex in English", replaceField(baseQR, 5, "Male"), ErrFormat, 5},
		{"sex unaccented Nu", replaceField(baseQR, 5, "Nu"), ErrFormat, 5},
		{"empty address", replaceField(baseQR, 6, " "), ErrFormat, 6},
		{"address all digits", replaceField(baseQR, 6, "12345"), ErrFormat, 6},
		{"issue 29 Feb non-leap", replaceField(baseQR, 7, "29022023"), ErrDate, 7},
		{"issue before 2016", replaceField(baseQR, 7, "10052015"), ErrDate, 7},
		{"issue empty", replaceField(baseQR, 7, ""), ErrFormat, 7},
		{"unknown province 003", replaceField(baseQR, 1, "003090001234"), ErrProvince, 1},
		{"unknown province 099", replaceField(baseQR, 1, "099090001234"), ErrProvince, 1},
		{"century digit 2 but born 1990", replaceField(baseQR, 1, "079290001234"), ErrMismatch, 1},
		{"year digits 91 but born 1990", replaceField(baseQR, 1, "079091001234"), ErrMismatch, 1},
		{"female digit but Nam", replaceField(baseQR, 1, "079190001234"), ErrMismatch, 1},
		{"male digit but Nữ", replaceField(baseQR, 5, "Nữ"), ErrMismatch, 1},
		{"two cards run together", baseQR + baseQR, ErrFormat, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseQR(tt.in)
			checkErr(t, err, tt.kind, 0, tt.field)
		})
	}
}

func TestQRErrorText(t *testing.T) {
	_, err := ParseQR(replaceField(baseQR, 4, "1503199"))
	if got, want := err.Error(), "qr: field 4 (date of birth): wrong shape: not DDMMYYYY, len=7"; got != want {
		t.Errorf("error text\n got %q\nwant %q", got, want)
	}
	if m := AdviceFor(err); m != AdviceReadAgain {
		t.Errorf("citizen message = %+v", m)
	}
	_, err = ParseQR(replaceField(baseQR, 1, "079290001234"))
	if m := AdviceFor(err); m != AdviceAskStaff {
		t.Errorf("mismatch citizen message = %+v", m)
	}
}
