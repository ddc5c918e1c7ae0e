package idcard

import (
	"errors"
	"strings"
	"testing"
)

// All identities in these tests are invented. The base card: a man born
// 15/03/1990 registered in Hồ Chí Minh (079), century/sex digit 0, year 90.
const (
	baseID      = "079090001234"
	baseName    = "Trần Văn Bình"
	baseAddress = "Số 12, đường Lê Lợi, Phường Bến Thành, Hồ Chí Minh"
	baseQR      = baseID + "||" + baseName + "|15031990|Nam|" + baseAddress + "|10052021"
)

// The MRZ of the same card, check digits computed by hand (and by a
// separate script): 5 over 090001234, 5 over the ID, 2 over 900315,
// 0 over 300315, composite 4.
var baseMRZ = [3]string{
	"IDVNM0900012345079090001234<<5",
	"9003152M3003150VNM<<<<<<<<<<<4",
	"TRAN<<VAN<BINH<<<<<<<<<<<<<<<<",
}

var baseQRIdentity = Identity{
	IDNumber: baseID, FullName: baseName, DateOfBirth: "1990-03-15", Sex: Male,
	Address: baseAddress, IssueDate: "2021-05-10", Source: SourceQR,
}

var baseMRZIdentity = Identity{
	IDNumber: baseID, FullName: "TRAN VAN BINH", DateOfBirth: "1990-03-15", Sex: Male,
	ExpiryDate: "2030-03-15", Source: SourceMRZ,
}

// personal are substrings that must never reach an error text.
var personal = []string{baseID, baseID[3:], "Trần", "Bình", "TRAN", "BINH", "Lê Lợi", "15031990", "1990-03-15", "900315"}

// checkErr asserts err is an *Error of kind, optionally at a QR field or MRZ
// line/column, and that its text holds nothing personal.
func checkErr(t *testing.T, err error, kind error, line, index int) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *idcard.Error: %v", err, err)
	}
	if !errors.Is(err, kind) {
		t.Errorf("kind = %v, want %v (%v)", e.Kind, kind, err)
	}
	if line >= 0 && e.Line != line {
		t.Errorf("line = %d, want %d (%v)", e.Line, line, err)
	}
	if index >= 0 && e.Index != index {
		t.Errorf("index = %d, want %d (%v)", e.Index, index, err)
	}
	noPersonal(t, err.Error())
	if a := e.Advice(); a < AdviceReadAgain || a > AdviceReaderSetup {
		t.Errorf("no citizen advice for %v", err)
	}
}

func noPersonal(t *testing.T, s string) {
	t.Helper()
	for i, p := range personal {
		if strings.Contains(s, p) {
			t.Errorf("text leaks personal item %d of the test card", i)
		}
	}
}

// setAt replaces line l (0-based) column col (1-based) with c.
func setAt(m [3]string, l, col int, c byte) []string {
	b := []byte(m[l])
	b[col-1] = c
	m[l] = string(b)
	return m[:]
}

// refix recomputes every check digit of a Vietnamese TD1 (for building
// inputs that are wrong only in their content).
func refix(m [3]string) [3]string {
	l1, l2 := []byte(m[0]), []byte(m[1])
	cd := func(s string) byte { d, _ := CheckDigit(s); return d }
	l1[14] = cd(string(l1[5:14]))
	l1[29] = cd(string(l1[15:27]))
	l2[6] = cd(string(l2[0:6]))
	if string(l2[8:14]) != "<<<<<<" {
		l2[14] = cd(string(l2[8:14]))
	}
	l2[29] = cd(string(l1[5:30]) + string(l2[0:7]) + string(l2[8:15]) + string(l2[18:29]))
	return [3]string{string(l1), string(l2), m[2]}
}

func replaceField(qr string, i int, v string) string {
	f := strings.Split(qr, "|")
	f[i-1] = v
	return strings.Join(f, "|")
}

func fixed(m [3]string) []string {
	f := refix(m)
	return f[:]
}
