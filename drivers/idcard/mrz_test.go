package idcard

import (
	"strings"
	"testing"
)

func TestCheckDigitICAOVectors(t *testing.T) {
	// ICAO 9303 part 5 TD1 example (fictional "ERIKSSON ANNA MARIA", state UTO).
	for _, tt := range []struct {
		in   string
		want byte
	}{
		{"D23145890", '7'}, {"740812", '2'}, {"120415", '9'},
		{"D231458907<<<<<<<<<<<<<<<74081221204159<<<<<<<<<<<", '6'},
		{"<<<<<<", '0'}, {"", '0'},
	} {
		if got, ok := CheckDigit(tt.in); !ok || got != tt.want {
			t.Errorf("CheckDigit(%q) = %c,%v want %c", tt.in, got, ok, tt.want)
		}
	}
	if _, ok := CheckDigit("ab"); ok {
		t.Error("CheckDigit accepted lower case")
	}
}

func TestEncodeMRZMatchesHandComputed(t *testing.T) {
	got, err := EncodeMRZ(baseMRZIdentity)
	if err != nil || got != baseMRZ {
		t.Fatalf("EncodeMRZ = %q, %v\nwant %q", got, err, baseMRZ)
	}
}

func TestParseMRZValid(t *testing.T) {
	noExp := baseMRZIdentity
	noExp.ExpiryDate = ""
	threeNames := baseMRZIdentity
	threeNames.FullName = "TRAN THI NGOC ANH"
	threeNames.IDNumber, threeNames.Sex = "079190001234", Female
	tests := []struct {
		name string
		in   []string
		want Identity
	}{
		{"base", baseMRZ[:], baseMRZIdentity},
		{"CR/LF left on lines", []string{baseMRZ[0] + "\r\n", baseMRZ[1] + "\r", baseMRZ[2] + "\n"}, baseMRZIdentity},
		{"no expiry, filler check", setAt(refix(setExpiry(baseMRZ, "<<<<<<")), 1, 15, '<'), noExp},
		{"no expiry, check digit 0", fixed(setExpiry(baseMRZ, "<<<<<<")), noExp},
		{"female, longer name", mustEncode(t, Identity{IDNumber: "079190001234", FullName: "Trần Thị Ngọc Ánh", DateOfBirth: "1990-03-15", Sex: Female, ExpiryDate: "2030-03-15"}), threeNames},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMRZ(tt.in)
			if err != nil {
				t.Fatalf("ParseMRZ: %v", err)
			}
			if d := diffFields(*got, tt.want); d != nil {
				t.Errorf("fields differ: %v", d)
			}
		})
	}
}

func setExpiry(m [3]string, v string) [3]string {
	m[1] = m[1][:8] + v + m[1][14:]
	return m
}

func mustEncode(t *testing.T, id Identity) []string {
	t.Helper()
	l, err := EncodeMRZ(id)
	if err != nil {
		t.Fatal(err)
	}
	return l[:]
}

func TestParseMRZInvalid(t *testing.T) {
	b := baseMRZ
	tests := []struct {
		name       string
		in         []string
		kind       error
		line, col  int
		wantInText string
	}{
		// Shape.
		{"two lines", b[:2], ErrFormat, 0, 0, "2 lines"},
		{"four lines", append(b[:], b[2]), ErrFormat, 0, 0, "4 lines"},
		{"line 1 too short", []string{b[0][:29], b[1], b[2]}, ErrFormat, 1, 0, "len=29"},
		{"line 2 too long", []string{b[0], b[1] + "<", b[2]}, ErrFormat, 2, 0, "len=31"},
		{"line 3 empty", []string{b[0], b[1], ""}, ErrFormat, 3, 0, "len=0"},
		{"lower case", []string{b[0], b[1], strings.ToLower(b[2])}, ErrFormat, 3, 1, "lower-case"},
		{"space instead of filler", setAt(b, 2, 15, ' '), ErrFormat, 3, 15, "space"},
		{"non-ASCII", []string{b[0], b[1], "TRẦN" + b[2][4:28]}, ErrFormat, 3, 3, "non-ASCII"},
		// Every check digit, wrong in the check digit position itself.
		{"doc number check", setAt(b, 0, 15, '6'), ErrCheckDigit, 1, 15, "document number"},
		{"id number check", setAt(b, 0, 30, '6'), ErrCheckDigit, 1, 30, "id number"},
		{"dob check", setAt(b, 1, 7, '3'), ErrCheckDigit, 2, 7, "date of birth"},
		{"expiry check", setAt(b, 1, 15, '1'), ErrCheckDigit, 2, 15, "expiry date"},
		{"composite check", setAt(b, 1, 30, '5'), ErrCheckDigit, 2, 30, "composite"},
		{"filler check with a real expiry", setAt(b, 1, 15, '<'), ErrCheckDigit, 2, 15, "expiry date"},
		// ...and wrong in the data each digit guards.
		{"doc number digit", setAt(b, 0, 10, '9'), ErrCheckDigit, 1, 15, "document number"},
		{"id digit", setAt(b, 0, 20, '1'), ErrCheckDigit, 1, 30, "id number"},
		{"dob digit", setAt(b, 1, 4, '4'), ErrCheckDigit, 2, 7, "date of birth"},
		{"expiry digit", setAt(b, 1, 9, '4'), ErrCheckDigit, 2, 15, "expiry date"},
		{"optional data only composite guards", setAt(b, 1, 20, 'X'), ErrCheckDigit, 2, 30, "composite"},
		// OCR confusion: reported, never read as the twin.
		{"O for 0 in document number", setAt(b, 0, 6, 'O'), ErrOCR, 1, 6, "O/0"},
		{"O for 0 in id", setAt(b, 0, 17, 'O'), ErrOCR, 1, 17, "O/0"},
		{"O for 0 in id check digit", setAt(b, 0, 30, 'S'), ErrOCR, 1, 30, "S/5"},
		{"B for 8 in dob", setAt(b, 1, 1, 'B'), ErrOCR, 2, 1, "B/8"},
		{"0 for O in state", setAt(b, 0, 3, '0'), ErrOCR, 1, 3, "0/O"},
		{"1 for I in doc code", setAt(b, 0, 1, '1'), ErrOCR, 1, 1, "1/I"},
		{"0 for O in name", []string{b[0], b[1], "H0<<VAN<BINH<<<<<<<<<<<<<<<<<<"}, ErrOCR, 3, 2, "0/O"},
		{"5 for S in sex", setAt(b, 1, 8, '5'), ErrOCR, 2, 8, "5/S"},
		{"filler in dob", setAt(b, 1, 3, '<'), ErrFormat, 2, 3, "filler"},
		{"partly filler expiry", setAt(b, 1, 9, '<'), ErrFormat, 2, 9, "partly"},
		// Layout.
		{"passport code", setAt(b, 0, 1, 'P'), ErrFormat, 1, 1, "not an ID card"},
		{"other state", fixed([3]string{"IDUTO" + b[0][5:], b[1], b[2]}), ErrFormat, 1, 3, "VNM"},
		{"other nationality", fixed([3]string{b[0], b[1][:15] + "UTO" + b[1][18:], b[2]}), ErrFormat, 2, 16, "VNM"},
		{"id filler not <<", fixed([3]string{b[0][:27] + "X<" + b[0][29:], b[1], b[2]}), ErrFormat, 1, 28, "<<"},
		{"sex unspecified", fixed([3]string{b[0], b[1][:7] + "<" + b[1][8:], b[2]}), ErrFormat, 2, 8, "M or F"},
		{"name starts with filler", []string{b[0], b[1], "<TRAN<<VAN<BINH<<<<<<<<<<<<<<<"}, ErrFormat, 3, 1, "filler"},
		{"name all fillers", []string{b[0], b[1], strings.Repeat("<", 30)}, ErrFormat, 3, 1, "empty"},
		{"stray fillers in name", []string{b[0], b[1], "TRAN<<VAN<<<BINH<<<<<<<<<<<<<<"}, ErrFormat, 3, 0, "stray"},
		// Content, with every check digit right.
		{"doc number not id tail", fixed([3]string{b[0][:5] + "090001235" + b[0][14:], b[1], b[2]}), ErrMismatch, 1, 6, "last 9"},
		{"dob 31 February", fixed([3]string{b[0], "900231" + b[1][6:], b[2]}), ErrDate, 2, 1, "calendar"},
		{"expiry month 13", fixed([3]string{b[0], b[1][:8] + "301315" + b[1][14:], b[2]}), ErrDate, 2, 9, "calendar"},
		{"year digits disagree", fixed([3]string{b[0], "910315" + b[1][6:], b[2]}), ErrMismatch, 1, 16, "year digits"},
		{"sex disagrees with digit", fixed([3]string{b[0], b[1][:7] + "F" + b[1][8:], b[2]}), ErrMismatch, 1, 16, "sex digit"},
		{"expiry before birth", mustEncode(t, Identity{IDNumber: "079205001234", FullName: "A", DateOfBirth: "2005-03-15", Sex: Male, ExpiryDate: "2004-01-01"}), ErrDate, 2, 9, "not after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMRZ(tt.in)
			checkErr(t, err, tt.kind, tt.line, tt.col)
			if err != nil && !strings.Contains(err.Error(), tt.wantInText) {
				t.Errorf("error %q does not mention %q", err, tt.wantInText)
			}
		})
	}
}

func TestProvinceUnknownWithMatchingDocNumber(t *testing.T) {
	m := refix([3]string{"IDVNM0900012345003090001234<<5", baseMRZ[1], baseMRZ[2]})
	_, err := ParseMRZ(m[:])
	checkErr(t, err, ErrProvince, 1, 16)
}
