package vietqr

// Bank is one receiving bank: its NAPAS acquirer BIN and the short name
// people know it by.
type Bank struct {
	BIN   string `json:"bin"`
	Short string `json:"short"`
}

// Banks is the list the kiosk knows (BINs from the State Bank's list, as
// recorded in FACTS.md). Order: the common state banks first.
var Banks = []Bank{
	{"970436", "Vietcombank"}, {"970415", "VietinBank"}, {"970418", "BIDV"}, {"970405", "Agribank"},
	{"970422", "MB"}, {"970407", "Techcombank"}, {"970416", "ACB"}, {"970432", "VPBank"},
	{"970423", "TPBank"}, {"970403", "Sacombank"}, {"970441", "VIB"}, {"970437", "HDBank"},
	{"970443", "SHB"}, {"970426", "MSB"}, {"970448", "OCB"}, {"970431", "Eximbank"},
	{"970440", "SeABank"}, {"970449", "LPBank"}, {"970454", "BVBank"}, {"970428", "Nam A Bank"},
	{"970429", "SCB"}, {"970419", "NCB"}, {"970425", "ABBank"},
}

// LookupBank finds a bank by BIN.
func LookupBank(bin string) (Bank, bool) {
	for _, b := range Banks {
		if b.BIN == bin {
			return b, true
		}
	}
	return Bank{}, false
}

// BankName returns the short name for a BIN, or the BIN itself when it is
// not listed (so a screen always has something to show).
func BankName(bin string) string {
	if b, ok := LookupBank(bin); ok {
		return b.Short
	}
	return bin
}

// BankByName finds a bank by its short name (case-insensitive) or BIN.
func BankByName(s string) (Bank, bool) {
	for _, b := range Banks {
		if b.BIN == s || equalFold(b.Short, s) {
			return b, true
		}
	}
	return Bank{}, false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
