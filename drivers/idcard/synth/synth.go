// Package synth makes fake but internally valid CCCD identities for tests,
// the reader simulator and demos: generated names from common Vietnamese
// surnames and given names, a known province code, an ID whose century/sex
// and year digits agree with the date of birth, and correct MRZ check
// digits. No real person's data is in this repository; any match with a real
// person is a coincidence of the random draw.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/motcua/kiosk/drivers/idcard"
)

var (
	surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middleM  = []string{"Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân"}
	middleF  = []string{"Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hoài", "Kim", "Phương"}
	givenM   = []string{"An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Tuấn", "Việt"}
	givenF   = []string{"Anh", "Chi", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Yến", "Ánh"}
	streets  = []string{"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Hùng Vương"}
	wards    = []string{"Phường 1", "Phường Bến Thành", "Xã Tân Phú", "Xã An Bình", "Phường Hòa Thuận", "Thị trấn Phú Mỹ"}
)

// Generator draws identities from a seeded source, so a seed always gives the
// same sequence.
type Generator struct {
	r *rand.Rand
	// Today bounds the dates drawn (issue dates are not after it).
	Today time.Time
}

// New returns a generator seeded with seed; Today defaults to 2025-06-01 so
// output does not depend on the clock.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
}

func (g *Generator) pick(s []string) string { return s[g.r.IntN(len(s))] }

// Identity returns a new valid identity with Source "qr" (all fields).
// Expiry follows the card rule: the next 25th, 40th or 60th birthday more
// than two years after issue; none after that.
func (g *Generator) Identity() idcard.Identity {
	codes := idcard.ProvinceCodes()
	code := g.pick(codes)
	female := g.r.IntN(2) == 1
	// Born 1930-2010, so old enough (≥14) to hold a card issued 2021-2024.
	dob := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(80*365))
	issue := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(4*365))
	if adult := dob.AddDate(14, 0, 0); issue.Before(adult) {
		issue = adult
	}
	if issue.After(g.Today) {
		issue = g.Today
	}
	digit := 2 * ((dob.Year() - 1900) / 100)
	if female {
		digit++
	}
	id := fmt.Sprintf("%s%d%02d%06d", code, digit, dob.Year()%100, g.r.IntN(1_000_000))
	var name string
	if female {
		name = g.pick(surnames) + " " + g.pick(middleF) + " " + g.pick(givenF)
	} else {
		name = g.pick(surnames) + " " + g.pick(middleM) + " " + g.pick(givenM)
	}
	old := ""
	if g.r.IntN(3) == 0 {
		old = fmt.Sprintf("%09d", g.r.IntN(1_000_000_000))
	}
	province, _ := idcard.ProvinceName(code)
	addr := fmt.Sprintf("Số %d, đường %s, %s, %s", 1+g.r.IntN(300), g.pick(streets), g.pick(wards), province)
	sex := idcard.Male
	if female {
		sex = idcard.Female
	}
	exp := ""
	for _, age := range []int{25, 40, 60} {
		if d := dob.AddDate(age, 0, 0); d.After(issue.AddDate(2, 0, 0)) {
			exp = d.Format(time.DateOnly)
			break
		}
	}
	return idcard.Identity{
		IDNumber: id, OldID: old, FullName: name, DateOfBirth: dob.Format(time.DateOnly),
		Sex: sex, Address: addr, IssueDate: issue.Format(time.DateOnly), ExpiryDate: exp, Source: idcard.SourceQR,
	}
}

// QR returns a new identity and its QR text (no line ending).
func (g *Generator) QR() (idcard.Identity, string) {
	id := g.Identity()
	id.ExpiryDate = "" // the QR does not carry it
	return id, idcard.EncodeQR(id)
}

// MRZ returns a new identity as the MRZ reads it (ASCII name, no address,
// old ID or issue date) and its three lines.
func (g *Generator) MRZ() (idcard.Identity, [3]string) {
	id := g.Identity()
	lines, err := idcard.EncodeMRZ(id)
	if err != nil {
		panic("synth: " + err.Error()) // the generator only makes encodable identities
	}
	return AsMRZ(id), lines
}

// AsMRZ is what parsing the MRZ of id yields.
func AsMRZ(id idcard.Identity) idcard.Identity {
	return idcard.Identity{
		IDNumber: id.IDNumber, FullName: mrzFullName(id.FullName), DateOfBirth: id.DateOfBirth,
		Sex: id.Sex, ExpiryDate: id.ExpiryDate, Source: idcard.SourceMRZ,
	}
}

func mrzFullName(name string) string {
	return strings.Join(strings.Fields(idcard.FoldASCII(name)), " ")
}
