package search

import (
	"testing"

	"github.com/motcua/kiosk/kiosk/catalog"
)

func sample(t testing.TB) *Index {
	t.Helper()
	f, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	return NewIndex(f.Procedures)
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Lý lịch tư pháp":           "ly lich tu phap",
		"ĐĂNG KÝ Khai Sinh":         "dang ky khai sinh",
		"Sổ đỏ, sổ hồng!":           "so do so hong",
		"Mã 1.001193.000.00.00.H48": "ma 1.001193.000.00.00.h48",
		"  nhiều   khoảng  trắng ":  "nhieu khoang trang",
		"Cư trú (tạm trú)":          "cu tru tam tru",
		"Nữ":                        "nu",
		"nữ":                        "nu", // decomposed input folds the same
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVariants(t *testing.T) {
	cases := map[string]string{"lys": "ly", "lichj": "lich", "tuw": "tu", "phaps": "phap", "ddaats": "dat", "ly1": "ly", "lich5": "lich", "kheets": "khet", "hooj": "ho"}
	for in, want := range cases {
		vs := Variants(in)
		found := false
		for _, v := range vs {
			found = found || v == want
		}
		if !found {
			t.Errorf("Variants(%q) = %v, want to include %q", in, vs, want)
		}
	}
}

// The ranking table: what citizens type → the procedure they mean, first.
func TestRanking(t *testing.T) {
	ix := sample(t)
	cases := []struct{ q, want string }{
		{"khai sinh", "1.001193"},
		{"giấy khai sinh", "1.001193"},
		{"lam giay khai sinh", "1.001193"},
		{"khai sin", "1.001193"},
		{"khia sinh", "1.001193"},
		{"ly lich", "2.000488"},
		{"lý lịch tư pháp", "2.000488"},
		{"lys lichj tuw phaps", "2.000488"},
		{"ly1 lich5", "2.000488"},
		{"LLTP", "2.000488"},
		{"2.000488", "2.000488"},
		{"1.001193", "1.001193"},
		{"1.0011", "1.001193"},
		{"so do", "1.012735"},
		{"sổ đỏ", "1.012735"},
		{"sang ten so do", "1.012760"},
		{"QSDĐ", "1.012735"},
		{"kết hôn", "1.000894"},
		{"ket hon", "1.000894"},
		{"giay doc than", "1.004873"},
		{"xác nhận tình trạng hôn nhân", "1.004873"},
		{"khai tử", "1.000656"},
		{"trich luc", "2.000635"},
		{"công chứng giấy tờ", "2.000815"},
		{"sao y ban chinh", "2.000815"},
		{"chứng thực chữ ký", "2.000884"},
		{"làm căn cước", "1.010808"},
		{"CCCD", "1.010808"},
		{"cap doi can cuoc", "1.010808"},
		{"đăng ký thường trú", "1.004194"},
		{"nhap ho khau", "1.004194"},
		{"tạm trú", "1.004222"},
		{"HKD", "2.000575"},
		{"dang ky kinh doanh", "2.000575"},
		{"GPLX", "1.002804"},
		{"doi bang lai", "1.002804"},
		{"tro cap nguoi gia", "1.001776"},
		{"mai táng phí người có công", "1.010803"},
		{"ho tro mai tang", "1.001758"},
		{"thờ cúng liệt sĩ", "1.010801"},
		{"con nuoi", "1.001612"},
		{"xin phep xay nha", "1.004440"},
		{"ly li", "2.000488"}, // still typing
	}
	for _, c := range cases {
		rs := ix.Search(c.q, Filter{}, 5)
		if len(rs) == 0 {
			t.Errorf("%q: no results, want %s", c.q, c.want)
			continue
		}
		if rs[0].Code != c.want {
			t.Errorf("%q: first is %s %q (%.2f), want %s; then %v", c.q, rs[0].Code, rs[0].Name, rs[0].Score, c.want, rs[1:min(3, len(rs))])
		}
	}
}

func TestFiltersAndSuggestions(t *testing.T) {
	ix := sample(t)
	for _, r := range ix.Search("dang ky", Filter{Field: "Cư trú"}, 50) {
		if r.Field != "Cư trú" {
			t.Fatalf("filter leaked %+v", r)
		}
	}
	if rs := ix.Search("", Filter{}, 3); len(rs) != 3 || rs[0].Code != "1.001193" {
		t.Fatalf("empty query should list popular first: %+v", rs)
	}
	if rs := ix.Search("qwzxv plokm", Filter{}, 5); len(rs) != 0 {
		t.Fatalf("nonsense matched: %+v", rs)
	}
	sug, pop := ix.Suggest("khai sinhh cho con toi", 3)
	if len(sug) == 0 || pop {
		t.Fatalf("close-name suggestions: %+v %v", sug, pop)
	}
	sug, pop = ix.Suggest("zzz", 3)
	if len(sug) == 0 || !pop {
		t.Fatalf("popular fallback: %+v %v", sug, pop)
	}
	fields, levels, _ := ix.Facets()
	if len(fields) < 8 || len(levels) < 2 {
		t.Fatalf("facets %v %v", fields, levels)
	}
}

func BenchmarkSearchKeystroke10k(b *testing.B) {
	ix := NewIndex(catalog.Generate(10000, 7).Procedures)
	qs := []string{"k", "kh", "kha", "khai", "khai s", "khai sinh", "ly lich t", "so do", "chung thuc ban sao"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Search(qs[i%len(qs)], Filter{}, 20)
	}
}
