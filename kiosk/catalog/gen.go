package catalog

import (
	"fmt"
	"math/rand/v2"
)

// Generate makes a synthetic catalog of n procedures with realistic
// Vietnamese names and a realistic field mix, for benchmarks. Codes start
// with 9. so they never collide with published ones.
func Generate(n int, seed uint64) File {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	type fieldSpec struct {
		field  string
		weight int
		verbs  []string
		things []string
	}
	specs := []fieldSpec{
		{"Hộ tịch", 18, []string{"Đăng ký", "Đăng ký lại", "Cấp bản sao", "Cải chính", "Ghi vào sổ"}, []string{"khai sinh", "kết hôn", "khai tử", "nhận cha, mẹ, con", "giám hộ", "thay đổi hộ tịch", "xác định lại dân tộc", "chấm dứt giám hộ"}},
		{"Chứng thực", 10, []string{"Chứng thực", "Cấp bản sao", "Sửa lỗi sai sót trong"}, []string{"bản sao từ bản chính", "chữ ký", "hợp đồng, giao dịch", "văn bản thỏa thuận phân chia di sản", "di chúc", "văn bản từ chối nhận di sản"}},
		{"Đất đai", 16, []string{"Đăng ký", "Cấp đổi", "Cấp lại", "Đính chính", "Thu hồi", "Gia hạn"}, []string{"quyền sử dụng đất", "biến động đất đai", "Giấy chứng nhận quyền sử dụng đất", "tài sản gắn liền với đất", "thửa đất nông nghiệp", "đất ở tại nông thôn"}},
		{"Cư trú", 8, []string{"Đăng ký", "Xóa đăng ký", "Điều chỉnh", "Xác nhận"}, []string{"thường trú", "tạm trú", "thông tin cư trú", "tạm vắng", "lưu trú"}},
		{"Thành lập và hoạt động của hộ kinh doanh", 8, []string{"Đăng ký", "Thay đổi", "Tạm ngừng", "Chấm dứt"}, []string{"hộ kinh doanh", "nội dung đăng ký hộ kinh doanh", "địa điểm kinh doanh"}},
		{"Bảo trợ xã hội", 8, []string{"Trợ cấp", "Hỗ trợ", "Xác định", "Tiếp nhận"}, []string{"xã hội hằng tháng", "chi phí mai táng", "người khuyết tật", "đối tượng cần bảo vệ khẩn cấp", "người cao tuổi"}},
		{"Người có công", 6, []string{"Giải quyết chế độ", "Cấp đổi", "Di chuyển hồ sơ"}, []string{"trợ cấp thờ cúng liệt sĩ", "ưu đãi giáo dục", "thương binh", "bệnh binh", "người hoạt động kháng chiến"}},
		{"Giáo dục và đào tạo", 6, []string{"Cấp", "Chuyển trường", "Xét", "Công nhận"}, []string{"bằng tốt nghiệp", "học sinh tiểu học", "phổ cập giáo dục", "trường chuẩn quốc gia"}},
		{"Xây dựng", 6, []string{"Cấp", "Điều chỉnh", "Gia hạn"}, []string{"giấy phép xây dựng nhà ở riêng lẻ", "giấy phép sửa chữa, cải tạo", "giấy phép di dời công trình"}},
		{"Y tế", 6, []string{"Cấp", "Cấp lại", "Điều chỉnh"}, []string{"giấy chứng nhận an toàn thực phẩm", "chứng chỉ hành nghề", "giấy phép hoạt động phòng khám"}},
		{"Văn hóa", 4, []string{"Đăng ký", "Cấp", "Thông báo"}, []string{"tổ chức lễ hội", "hoạt động thư viện", "karaoke, vũ trường"}},
		{"Nông nghiệp", 4, []string{"Cấp", "Xác nhận", "Hỗ trợ"}, []string{"giấy chứng nhận kinh tế trang trại", "khắc phục thiệt hại thiên tai", "giống cây trồng"}},
	}
	total := 0
	for _, s := range specs {
		total += s.weight
	}
	levels := []string{"xã", "xã", "xã", "tỉnh", "huyện", "trung ương"}
	methods := [][]Method{
		{{Method: "Trực tiếp", Time: "03 ngày làm việc", Fee: "Miễn phí"}, {Method: "Trực tuyến", Time: "03 ngày làm việc", Fee: "Miễn phí"}},
		{{Method: "Trực tiếp", Time: "05 ngày làm việc", Fee: "50.000 đồng", FeeAmount: 50000}},
		{{Method: "Trực tiếp", Time: "Trong ngày", Fee: "2.000 đồng/trang", FeeAmount: 2000}, {Method: "Bưu chính", Time: "02 ngày làm việc", Fee: "2.000 đồng/trang", FeeAmount: 2000}},
	}
	f := File{Format: FormatID, Title: fmt.Sprintf("Danh mục tổng hợp %d thủ tục (dữ liệu giả lập)", n), Sample: true}
	for i := 0; i < n; i++ {
		k := r.IntN(total)
		s := specs[0]
		for _, sp := range specs {
			if k < sp.weight {
				s = sp
				break
			}
			k -= sp.weight
		}
		name := s.verbs[r.IntN(len(s.verbs))] + " " + s.things[r.IntN(len(s.things))]
		if r.IntN(3) == 0 {
			name += []string{" cho người nước ngoài", " có yếu tố nước ngoài", " tại khu vực biên giới", " lần đầu", " trực tuyến"}[r.IntN(5)]
		}
		lv := levels[r.IntN(len(levels))]
		m := methods[r.IntN(len(methods))]
		f.Procedures = append(f.Procedures, Procedure{
			Code: fmt.Sprintf("9.%06d", i+1), Name: name, Field: s.field, Level: lv, Agency: "UBND cấp " + lv,
			Methods: m, Cases: []DossierCase{{Name: name, Time: m[0].Time, Fee: m[0].Fee, FeeAmount: m[0].FeeAmount, Documents: []Document{{Name: "Tờ khai", Originals: 1}, {Name: "Giấy tờ tùy thân", Originals: 1}}}},
			Validity: "hiệu lực", Source: "Giả lập (kioskctl catalog gen)", Updated: "2026-01-01",
		})
	}
	return f
}
