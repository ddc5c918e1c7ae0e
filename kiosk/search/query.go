package search

import (
	"sort"
	"strings"
	"unicode"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// Filter narrows results; empty fields match everything.
type Filter struct {
	Field  string `json:"field"`
	Level  string `json:"level"`
	Agency string `json:"agency"`
}

// filter is a Filter resolved against the index: ids instead of strings.
type filter struct {
	field, level uint16
	agency       string // folded
	none         bool   // a named field or level the catalog lacks
}

func (ix *Index) resolve(f Filter) filter {
	var r filter
	var ok bool
	if f.Field != "" {
		if r.field, ok = ix.fieldIDs[f.Field]; !ok {
			r.none = true
		}
	}
	if f.Level != "" {
		if r.level, ok = ix.levelIDs[f.Level]; !ok {
			r.none = true
		}
	}
	r.agency = Fold(f.Agency)
	return r
}

func (ix *Index) ok(f *filter, d int32) bool {
	return !f.none && (f.field == 0 || ix.fieldID[d] == f.field) && (f.level == 0 || ix.levelID[d] == f.level) &&
		(f.agency == "" || strings.Contains(ix.agency[d], f.agency))
}

// Result is one ranked procedure.
type Result struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Field  string  `json:"field"`
	Level  string  `json:"level"`
	Agency string  `json:"agency"`
	Score  float64 `json:"score"`
	// Matched lists the words of Name, as written, that the query hit (for
	// highlighting); empty when the match came from a code, an everyday
	// name, a keyword or the documents.
	Matched []string `json:"matched"`
}

func (ix *Index) result(d int32, score float64, terms map[string]bool) Result {
	p := &ix.procs[d]
	r := Result{Code: p.Code, Name: p.Name, Field: p.Field, Level: p.Level, Agency: p.Agency, Score: score, Matched: []string{}}
	if len(terms) > 0 {
		nw := ix.nameWords[d]
		for i := 0; i+1 < len(nw); i += 2 {
			for _, t := range strings.Fields(nw[i+1]) {
				if terms[t] {
					r.Matched = append(r.Matched, strings.TrimFunc(nw[i], notAlnum))
					break
				}
			}
		}
	}
	return r
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// Search ranks procedures for q, best first, at most limit (20 when
// limit <= 0). An empty query lists the popular ones, then the rest, under
// the filter. Safe for concurrent use.
func (ix *Index) Search(q string, f Filter, limit int) []Result {
	if limit <= 0 {
		limit = 20
	}
	flt := ix.resolve(f)
	folded := Fold(q)
	if folded == "" {
		return ix.browse(&flt, limit)
	}
	words := strings.Fields(folded)
	// Codes: "1.001193", "2.000488", full codes, or a code being typed.
	if len(words) == 1 && isCode(words[0]) {
		return ix.searchCode(words[0], &flt, limit)
	}
	// The phrase bonuses compare names with the query as meant: each raw
	// Telex/VNI word replaced by the reading the index knows ("lys" → "ly").
	phrase := ix.canonical(words)
	// Expand abbreviations into their words ("lltp" → "ly lich tu phap").
	var expanded []string
	for _, w := range words {
		if exp, ok := abbreviations[w]; ok {
			expanded = append(expanded, w+"|"+exp)
		} else {
			expanded = append(expanded, w)
		}
	}
	if len(expanded) > maxPerQ {
		expanded = expanded[:maxPerQ]
	}
	n := len(expanded)
	acc := ix.getAcc()
	defer ix.putAcc(acc)
	hit := map[string]bool{} // every index term a query word matched
	for wi, w := range expanded {
		last := wi == n-1
		alts := strings.Split(w, "|")
		for ai, alt := range alts {
			sub := strings.Fields(alt)
			for _, sw := range sub {
				for _, m := range ix.lookup(sw, last && ai == 0) {
					hit[m.term] = true
					post := ix.post[m.term]
					if ai > 0 {
						// An expansion ("lltp" → four words) counts as one word.
						k := m.q * 1.2 / float32(len(sub))
						for _, p := range post {
							acc.word(p.doc, p.w*k, true)
						}
					} else {
						for _, p := range post {
							acc.word(p.doc, p.w*m.q, false)
						}
					}
				}
			}
		}
		acc.endWord()
	}
	// Rank by word scores, then add phrase bonuses to the best candidates.
	cands := acc.cands[:0]
	invN := 1 / float32(n)
	for _, d := range acc.touched {
		if !ix.ok(&flt, d) {
			continue
		}
		cover := float32(acc.hits[d]) * invN
		if n >= 2 && cover < 0.5 {
			continue
		}
		cands = append(cands, cand{d, float64(acc.score[d] * cover * cover)})
	}
	acc.cands = cands
	cands = topK(cands, rerank)
	for i := range cands {
		d, s := cands[i].d, cands[i].s
		if strings.Contains(ix.names[d], phrase) {
			s += 2
			if strings.HasPrefix(ix.names[d], phrase) {
				s += 1
			}
		}
		for _, a := range ix.aliases[d] {
			if a == phrase {
				s += 3
				break
			} else if strings.Contains(a, phrase) {
				s += 1.5
				break
			}
		}
		s += float64(ix.boost[d])
		s *= float64(ix.damp[d])
		cands[i].s = round(s)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].s != cands[j].s {
			return cands[i].s > cands[j].s
		}
		return ix.procs[cands[i].d].Code < ix.procs[cands[j].d].Code
	})
	if len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Result, len(cands))
	for i, c := range cands {
		out[i] = ix.result(c.d, c.s, hit)
	}
	return out
}

// canonical joins the query words, each replaced by its first Telex/VNI
// reading that is an index term when the word itself is not one.
func (ix *Index) canonical(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		if _, ok := ix.post[w]; ok {
			continue
		}
		for _, v := range Variants(w)[1:] {
			if _, ok := ix.post[v]; ok {
				out[i] = v
				break
			}
		}
	}
	return strings.Join(out, " ")
}

type cand struct {
	d int32
	s float64
}

// rerank is how many word-score leaders get the phrase bonuses.
const rerank = 200

// topK keeps the k best of cs (in no order) with a bounded min-heap:
// O(n log k), not a full sort. It reorders cs in place.
func topK(cs []cand, k int) []cand {
	if len(cs) <= k {
		return cs
	}
	h := cs[:k]
	down := func(i int) {
		for {
			l, small := 2*i+1, i
			if l < len(h) && h[l].s < h[small].s {
				small = l
			}
			if r := l + 1; r < len(h) && h[r].s < h[small].s {
				small = r
			}
			if small == i {
				return
			}
			h[i], h[small] = h[small], h[i]
			i = small
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, c := range cs[k:] {
		if c.s > h[0].s {
			h[0] = c
			down(0)
		}
	}
	return h
}

// searchCode finds procedures whose short or full code starts with code;
// an exact code scores 100, a prefix 90.
func (ix *Index) searchCode(code string, f *filter, limit int) []Result {
	i := sort.Search(len(ix.codeList), func(i int) bool { return ix.codeList[i].code >= code })
	var out []Result
	at := map[int32]int{}
	for ; i < len(ix.codeList) && strings.HasPrefix(ix.codeList[i].code, code); i++ {
		c := ix.codeList[i]
		if !ix.ok(f, c.d) {
			continue
		}
		s := 90.0
		if c.code == code {
			s = 100
		}
		if j, dup := at[c.d]; dup {
			out[j].Score = max(out[j].Score, s)
			continue
		}
		at[c.d] = len(out)
		out = append(out, ix.result(c.d, s, nil))
	}
	sortResults(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func round(s float64) float64 { return float64(int64(s*1000+0.5)) / 1000 }

func sortResults(rs []Result) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return rs[i].Code < rs[j].Code
	})
}

func (ix *Index) browse(f *filter, limit int) []Result {
	out := []Result{}
	seen := map[int32]bool{}
	for _, d := range ix.popular {
		if len(out) < limit && ix.ok(f, d) {
			out = append(out, ix.result(d, 0, nil))
			seen[d] = true
		}
	}
	for d := int32(0); int(d) < len(ix.procs) && len(out) < limit; d++ {
		if !seen[d] && ix.ok(f, d) {
			out = append(out, ix.result(d, 0, nil))
		}
	}
	return out
}

// Suggest offers something when a search found nothing: the procedures
// whose names share the most letter trigrams with the query (at least two),
// else the popular ones. popular reports which.
func (ix *Index) Suggest(q string, limit int) (rs []Result, popular bool) {
	if limit <= 0 {
		limit = 5
	}
	grams := trigrams(Fold(q))
	if len(grams) > 0 {
		var best []cand
		have := make([]bool, len(grams))
		for d, name := range ix.names {
			clear(have)
			common := 0
			s := " " + name + " "
			for i := 0; i+3 <= len(s); i++ {
				if g, ok := grams[s[i:i+3]]; ok && !have[g] {
					have[g] = true
					common++
				}
			}
			if common >= 2 {
				best = append(best, cand{int32(d), float64(common) / float64(len(grams))})
			}
		}
		sort.SliceStable(best, func(i, j int) bool { return best[i].s > best[j].s })
		for _, b := range best {
			if len(rs) >= limit {
				break
			}
			rs = append(rs, ix.result(b.d, round(b.s), nil))
		}
		if len(rs) > 0 {
			return rs, false
		}
	}
	for _, d := range ix.popular {
		if len(rs) >= limit {
			break
		}
		rs = append(rs, ix.result(d, 0, nil))
	}
	return rs, true
}

// trigrams numbers the distinct letter trigrams of s (padded with spaces).
func trigrams(s string) map[string]int {
	m := map[string]int{}
	s = " " + s + " "
	for i := 0; i+3 <= len(s); i++ {
		if _, ok := m[s[i:i+3]]; !ok {
			m[s[i:i+3]] = len(m)
		}
	}
	return m
}

// Facet counts procedures per value.
type Facet struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Facets returns fields, levels and agencies with counts, most common first.
func (ix *Index) Facets() (fields, levels, agencies []Facet) {
	count := func(get func(catalog.Procedure) string) []Facet {
		m := map[string]int{}
		for _, p := range ix.procs {
			m[get(p)]++
		}
		out := make([]Facet, 0, len(m))
		for k, v := range m {
			out = append(out, Facet{k, v})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Name < out[j].Name
		})
		return out
	}
	return count(func(p catalog.Procedure) string { return p.Field }),
		count(func(p catalog.Procedure) string { return p.Level }),
		count(func(p catalog.Procedure) string { return p.Agency })
}
