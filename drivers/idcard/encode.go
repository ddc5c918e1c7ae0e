package idcard

import (
	"fmt"
	"strings"

	"github.com/motcua/kiosk/drivers/vnfold"
)

// EncodeQR writes id in the 2021 CCCD QR layout (seven fields). It is the
// inverse of ParseQR for the fields the QR carries; used by the synthetic
// generator and the reader simulator.
func EncodeQR(id Identity) string {
	sex := "Nam"
	if id.Sex == Female {
		sex = "Nữ"
	}
	return strings.Join([]string{id.IDNumber, id.OldID, id.FullName, dmy(id.DateOfBirth), sex, id.Address, dmy(id.IssueDate)}, "|")
}

func dmy(iso string) string {
	if len(iso) != 10 {
		return ""
	}
	return iso[8:10] + iso[5:7] + iso[0:4]
}

func yymmdd(iso string) string {
	if len(iso) != 10 {
		return "<<<<<<"
	}
	return iso[2:4] + iso[5:7] + iso[8:10]
}

// EncodeMRZ writes id as the three TD1 lines of the Vietnamese layout, with
// every check digit. The name is folded to upper-case ASCII; the first word
// is the surname. An empty expiry date is written as fillers.
func EncodeMRZ(id Identity) ([3]string, error) {
	if len(id.IDNumber) != IDNumberLen || !allDigits(id.IDNumber) {
		return [3]string{}, fmt.Errorf("idcard: encode mrz: id number is not %d digits", IDNumberLen)
	}
	if len(id.DateOfBirth) != 10 || (id.Sex != Male && id.Sex != Female) {
		return [3]string{}, fmt.Errorf("idcard: encode mrz: date of birth or sex missing")
	}
	cd := func(s string) string { d, _ := CheckDigit(s); return string(d) }
	doc := id.IDNumber[3:]
	l1 := "IDVNM" + doc + cd(doc) + id.IDNumber + "<<" + cd(id.IDNumber)
	dob, exp := yymmdd(id.DateOfBirth), yymmdd(id.ExpiryDate)
	expCD := cd(exp)
	if exp == "<<<<<<" {
		expCD = "<"
	}
	l2 := dob + cd(dob) + id.Sex + exp + expCD + "VNM" + strings.Repeat("<", 11)
	l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return [3]string{l1, l2, MRZName(id.FullName)}, nil
}

// MRZName writes a name as a TD1 name line: "Nguyễn Văn An" →
// "NGUYEN<<VAN<AN<<<...", padded or cut to 30 characters.
func MRZName(name string) string {
	words := strings.Fields(FoldASCII(name))
	s := ""
	if len(words) > 0 {
		s = words[0]
		if len(words) > 1 {
			s += "<<" + strings.Join(words[1:], "<")
		}
	}
	if len(s) > MRZLineLen {
		s = s[:MRZLineLen]
	}
	return s + strings.Repeat("<", MRZLineLen-len(s))
}

// FoldASCII upper-cases a Vietnamese text and drops its diacritics
// ("Đặng Thị Ánh" → "DANG THI ANH"); anything that is not A-Z or 0-9
// becomes a space. It is vnfold.Upper: the kiosk's one folding table.
func FoldASCII(s string) string { return vnfold.Upper(s) }
