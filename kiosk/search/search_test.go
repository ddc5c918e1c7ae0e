package search

import (
	"strings"
	"sync"
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
var rankingCases = []struct{ q, want string }{
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
	{"GCN", "1.012735"},
	{"ĐKKD", "2.000575"},
	{"giam ho", "1.001669"},
	{"khai sinh co yeu to nuoc ngoai", "1.001695"},
	{"tam vang", "1.004227"},
	{"xac nhan cu tru", "1.004199"},
	{"CT07", "1.004199"},
	{"tam ngung kinh doanh", "2.000644"},
	{"cham dut ho kinh doanh", "2.000629"},
	{"chung thuc hop dong", "2.000913"},
	{"nhan cha con", "1.001022"},
	{"sua ten", "1.004859"},
	{"lamf cawn cuowcs", "1.010808"},
	{"can2 cuoc1", "1.010808"},
	{"ddawng kys khai sinh", "1.001193"},
	{"cap lai so do", "1.012770"},
	{"mat giay khai sinh", "1.001766"},
	{"thua ke", "1.012760"},
	{"GIẤY PHÉP LÁI XE", "1.002804"},
	{"2.0004", "2.000488"},
}

func TestRanking(t *testing.T) {
	ix := sample(t)
	for _, c := range rankingCases {
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

// Every line of a result list is about what was typed: it names the query
// words it matched in its name, everyday names or keywords, and a
// procedure that matched none (only through its agency, field, documents,
// an unrelated short syllable or a stray typo) is not listed.
func TestEveryResultMatched(t *testing.T) {
	ix := sample(t)
	cases := []struct {
		q    string
		want []string // the results, in order
	}{
		{"ly lich", []string{"2.000488"}},                         // not "Đổi giấy phép lái xe" (agency "quản lý")
		{"ket hon", []string{"1.000894", "1.004746", "1.004873"}}, // not via documents or "sổ hồng"
		{"khai tu", nil}, // checked below: every line has "khai" or "tu"
		{"sổ đỏ", []string{"1.012735", "1.012760", "1.012770"}}, // "sở", "độ" alone are not "sổ đỏ"
		{"khia sinh", nil},
	}
	for _, c := range cases {
		rs := ix.Search(c.q, Filter{}, 20)
		var got []string
		for _, r := range rs {
			got = append(got, r.Code)
		}
		if c.want != nil && strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%q: got %v, want %v", c.q, got, c.want)
		}
		checkMatched(t, c.q, rs)
	}
	for _, r := range ix.Search("khai tu", Filter{}, 20) {
		if r.Code == "2.000815" || r.Code == "2.000488" {
			t.Errorf("khai tu: %s %q matched only a stray \"từ\"/\"tư\"", r.Code, r.Name)
		}
	}
	for _, r := range ix.Search("khia sinh", Filter{}, 20) {
		if r.Code == "1.012799" {
			t.Errorf("khia sinh: %s %q matched only the typo khia → chia", r.Code, r.Name)
		}
	}
	for _, c := range rankingCases {
		checkMatched(t, c.q, ix.Search(c.q, Filter{}, 20))
	}
	// Abbreviations, codes and a word being typed name what they matched.
	for q, w := range map[string]string{"LLTP": "lltp", "CCCD": "cccd", "2.000488": "2.000488", "ly li": "li", "khai s": "s"} {
		rs := ix.Search(q, Filter{}, 5)
		if len(rs) == 0 || !strings.Contains(" "+strings.Join(rs[0].Words, " ")+" ", " "+w+" ") {
			t.Errorf("%q: first result words %+v, want %q among them", q, rs, w)
		}
	}
	rs := ix.Search("lltp", Filter{}, 1)
	if len(rs) != 1 || strings.Join(rs[0].Matched, " ") != "lý lịch tư pháp" || len(rs[0].MatchedNames) == 0 {
		t.Errorf("lltp: matched %+v", rs)
	}
}

// checkMatched: every result names at least one word, each a word of q.
func checkMatched(t *testing.T, q string, rs []Result) {
	t.Helper()
	words := " " + Fold(q) + " "
	for _, r := range rs {
		if len(r.Words) == 0 {
			t.Errorf("%q: %s %q is listed with no matched word", q, r.Code, r.Name)
		}
		for _, w := range r.Words {
			if !strings.Contains(words, " "+w+" ") {
				t.Errorf("%q: %s names %q, not a word of the query", q, r.Code, w)
			}
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

func TestMatchedWords(t *testing.T) {
	ix := sample(t)
	rs := ix.Search("lys lichj tuw phaps", Filter{}, 1)
	if len(rs) != 1 || strings.Join(rs[0].Matched, " ") != "lý lịch tư pháp" {
		t.Fatalf("matched %+v", rs)
	}
	rs = ix.Search("sổ đỏ", Filter{}, 1)
	if len(rs) != 1 || rs[0].Matched == nil {
		t.Fatalf("Matched must be an empty list, not null, for alias hits: %+v", rs)
	}
}

func TestFilters(t *testing.T) {
	ix := sample(t)
	cases := []struct {
		q    string
		f    Filter
		want func(Result) bool
	}{
		{"dang ky", Filter{Field: "Cư trú"}, func(r Result) bool { return r.Field == "Cư trú" }},
		{"", Filter{Field: "Đất đai"}, func(r Result) bool { return r.Field == "Đất đai" }},
		{"cap", Filter{Level: "tỉnh"}, func(r Result) bool { return r.Level == "tỉnh" }},
		{"", Filter{Agency: "cong an"}, func(r Result) bool { return strings.Contains(Fold(r.Agency), "cong an") }},
		{"1.00", Filter{Field: "Hộ tịch"}, func(r Result) bool { return r.Field == "Hộ tịch" }},
	}
	for _, c := range cases {
		rs := ix.Search(c.q, c.f, 100)
		if len(rs) == 0 {
			t.Errorf("%q %+v: nothing", c.q, c.f)
		}
		for _, r := range rs {
			if !c.want(r) {
				t.Errorf("%q %+v let through %s %s/%s/%s", c.q, c.f, r.Code, r.Field, r.Level, r.Agency)
			}
		}
	}
	if rs := ix.Search("khai sinh", Filter{Field: "Không có lĩnh vực này"}, 10); len(rs) != 0 {
		t.Errorf("unknown field matched %+v", rs)
	}
	if rs := ix.Search("", Filter{Level: "không có"}, 10); len(rs) != 0 {
		t.Errorf("unknown level matched %+v", rs)
	}
}

func TestFullCodes(t *testing.T) {
	mk := func(code, name string) catalog.Procedure {
		return catalog.Procedure{Code: code, Name: name, Field: "Hộ tịch", Level: "xã"}
	}
	ix := NewIndex([]catalog.Procedure{
		mk("1.001612.000.00.00.H48", "Một"), mk("1.001612.000.00.00.H12", "Hai"), mk("1.001613", "Ba"),
	})
	cases := []struct {
		q     string
		codes []string
		top   float64
	}{
		{"1.001612.000.00.00.H48", []string{"1.001612.000.00.00.H48"}, 100},
		{"1.001612.000.00.00.h48", []string{"1.001612.000.00.00.H48"}, 100}, // folded to lower case
		{"1.001612", []string{"1.001612.000.00.00.H12", "1.001612.000.00.00.H48"}, 100},
		{"1.00161", []string{"1.001612.000.00.00.H12", "1.001612.000.00.00.H48", "1.001613"}, 90},
		{"Mã 1.001613", nil, 0}, // words and a code: a text search, the code word matches nothing
	}
	for _, c := range cases {
		rs := ix.Search(c.q, Filter{}, 10)
		var got []string
		for _, r := range rs {
			got = append(got, r.Code)
		}
		if strings.Join(got, ",") != strings.Join(c.codes, ",") || (len(rs) > 0 && rs[0].Score != c.top) {
			t.Errorf("%q: got %v (%+v), want %v top %v", c.q, got, rs, c.codes, c.top)
		}
	}
}

func TestTypoRules(t *testing.T) {
	ix := sample(t)
	if ms := ix.lookup("hnn", false); len(ms) != 0 {
		t.Errorf("a 3-letter word got typo matches %v", ms)
	}
	has := func(ms []match, term string) bool {
		for _, m := range ms {
			if m.term == term {
				return true
			}
		}
		return false
	}
	for in, want := range map[string]string{"khia": "khai", "sinhh": "sinh", "ligh": "lich", "pahp": "phap"} {
		if ms := ix.lookup(in, false); !has(ms, want) {
			t.Errorf("lookup(%q) = %v, want %q among them", in, ms, want)
		}
	}
	// A word the index knows is taken as typed: no typo neighbours.
	if ms := ix.lookup("hong", false); len(ms) != 1 || ms[0].term != "hong" {
		t.Errorf("lookup(hong) = %v", ms)
	}
}

// Many screens and the CLI may search one index at once (run with -race).
func TestConcurrentSearch(t *testing.T) {
	ix := sample(t)
	want := ix.Search("ly lich", Filter{}, 5)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				ix.Search("khai sinh", Filter{}, 5)
				if got := ix.Search("ly lich", Filter{}, 5); got[0].Code != want[0].Code || got[0].Score != want[0].Score {
					errs <- got[0].Code
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent search gave %s", e)
	}
}

func BenchmarkBuild10k(b *testing.B) {
	ps := catalog.Generate(10000, 7).Procedures
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewIndex(ps)
	}
}
