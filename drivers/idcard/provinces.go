package idcard

import "slices"

// provinces maps the first three digits of a 12-digit CCCD number to the
// province of registration.
//
// Source: the province code list of Thông tư 07/2016/TT-BCA (later Thông tư
// 59/2021/TT-BCA), whose numbers are the province administrative codes of
// Quyết định 124/2004/QĐ-TTg with a leading zero. Written from memory by the
// author, not copied from a file; re-check against the gazette before
// relying on a single entry. These are the 63 pre-2025 provinces; the 34
// provinces formed on 1 July 2025 kept codes from this same set (e.g. 015 now
// reads "Lào Cai"), and numbers already issued never change, so every valid
// number still starts with one of these codes.
var provinces = map[string]string{
	"001": "Hà Nội",
	"002": "Hà Giang",
	"004": "Cao Bằng",
	"006": "Bắc Kạn",
	"008": "Tuyên Quang",
	"010": "Lào Cai",
	"011": "Điện Biên",
	"012": "Lai Châu",
	"014": "Sơn La",
	"015": "Yên Bái",
	"017": "Hòa Bình",
	"019": "Thái Nguyên",
	"020": "Lạng Sơn",
	"022": "Quảng Ninh",
	"024": "Bắc Giang",
	"025": "Phú Thọ",
	"026": "Vĩnh Phúc",
	"027": "Bắc Ninh",
	"030": "Hải Dương",
	"031": "Hải Phòng",
	"033": "Hưng Yên",
	"034": "Thái Bình",
	"035": "Hà Nam",
	"036": "Nam Định",
	"037": "Ninh Bình",
	"038": "Thanh Hóa",
	"040": "Nghệ An",
	"042": "Hà Tĩnh",
	"044": "Quảng Bình",
	"045": "Quảng Trị",
	"046": "Thừa Thiên Huế",
	"048": "Đà Nẵng",
	"049": "Quảng Nam",
	"051": "Quảng Ngãi",
	"052": "Bình Định",
	"054": "Phú Yên",
	"056": "Khánh Hòa",
	"058": "Ninh Thuận",
	"060": "Bình Thuận",
	"062": "Kon Tum",
	"064": "Gia Lai",
	"066": "Đắk Lắk",
	"067": "Đắk Nông",
	"068": "Lâm Đồng",
	"070": "Bình Phước",
	"072": "Tây Ninh",
	"074": "Bình Dương",
	"075": "Đồng Nai",
	"077": "Bà Rịa - Vũng Tàu",
	"079": "Hồ Chí Minh",
	"080": "Long An",
	"082": "Tiền Giang",
	"083": "Bến Tre",
	"084": "Trà Vinh",
	"086": "Vĩnh Long",
	"087": "Đồng Tháp",
	"089": "An Giang",
	"091": "Kiên Giang",
	"092": "Cần Thơ",
	"093": "Hậu Giang",
	"094": "Sóc Trăng",
	"095": "Bạc Liêu",
	"096": "Cà Mau",
}

// ProvinceCodes returns the known codes in ascending order.
func ProvinceCodes() []string {
	out := make([]string, 0, len(provinces))
	for c := range provinces {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// ProvinceName returns the province for a three-digit code.
func ProvinceName(code string) (string, bool) {
	n, ok := provinces[code]
	return n, ok
}
