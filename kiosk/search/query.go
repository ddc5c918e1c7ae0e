package search

import (
	"sort"
	"strings"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// Filter narrows results; empty fields match everything.
type Filter struct {
	Field  string `json:"field"`
	Level  string `json:"level"`
	Agency string `json:"agency"`
}

func (f Filter) ok(p catalog.Procedure) bool {
	return (f.Field == "" || p.Field == f.Field) && (f.Level == "" || p.Level == f.Level) &&
		(f.Agency == "" || strings.Contains(Fold(p.Agency), Fold(f.Agency)))
}

// Result is one ranked procedure.
type Result struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Field  string  `json:"field"`
	Level  string  `json:"level"`
	Agency string  `json:"agency"`
	Score  float64 `json:"score"`
}

func (ix *Index) result(d int32, score float64) Result {
	p := ix.procs[d]
	return Result{Code: p.Code, Name: p.Name, Field: p.Field, Level: p.Level, Agency: p.Agency, Score: score}
}

// Search ranks procedures for q. An empty query lists the popular ones
// (then the rest) under the filter.
func (ix *Index) Search(q string, f Filter, limit int) []Result {
	if limit <= 0 {
		limit = 20
	}
	folded := Fold(q)
	if folded == "" {
		return ix.browse(f, limit)
	}
	words := strings.Fields(folded)
	// Codes: "1.001193", "2.000488", full codes, or a code being typed.
	if len(words) == 1 && isCode(words[0]) {
		var out []Result
		for code, d := range ix.codes {
			if strings.HasPrefix(code, words[0]) && f.ok(ix.procs[d]) {
				s := 90.0
				if code == words[0] {
					s = 100
				}
				out = append(out, ix.result(d, s))
			}
		}
		sortResults(out)
		return dedupe(out, limit)
	}
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
	for wi, w := range expanded {
		last := wi == n-1
		alts := strings.Split(w, "|")
		for ai, alt := range alts {
			sub := strings.Fields(alt)
			for _, sw := range sub {
				for _, m := range ix.lookup(sw, last && ai == 0) {
					for _, p := range ix.post[m.term] {
						s := p.w * m.q
						if ai > 0 {
							// An expansion ("lltp" → four words) counts as one word.
							acc.word(p.doc, s*1.2/float32(len(sub)), true)
						} else {
							acc.word(p.doc, s, false)
						}
					}
				}
			}
		}
		acc.endWord()
	}
	// Rank by word scores, then add phrase bonuses to the best candidates.
	type cand struct {
		d int32
		s float64
	}
	cands := make([]cand, 0, 64)
	for _, d := range acc.touched {
		p := &ix.procs[d]
		if !f.ok(*p) {
			continue
		}
		cover := float64(acc.hits[d]) / float64(n)
		if n >= 2 && cover < 0.5 {
			continue
		}
		cands = append(cands, cand{d, float64(acc.score[d]) * cover * cover})
	}
	const rerank = 200
	if len(cands) > rerank {
		// Keep the best 200 with a bounded min-heap: O(n log 200), not a full sort.
		h := cands[:rerank]
		less := func(i, j int) bool { return h[i].s < h[j].s }
		down := func(i int) {
			for {
				l, small := 2*i+1, i
				if l < len(h) && less(l, small) {
					small = l
				}
				if r := l + 1; r < len(h) && less(r, small) {
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
		for _, c := range cands[rerank:] {
			if c.s > h[0].s {
				h[0] = c
				down(0)
			}
		}
		cands = h
	}
	out := make([]Result, 0, len(cands))
	for _, c := range cands {
		d, s := c.d, c.s
		p := &ix.procs[d]
		if strings.Contains(ix.names[d], folded) {
			s += 2
			if strings.HasPrefix(ix.names[d], folded) {
				s += 1
			}
		}
		for _, a := range ix.aliases[d] {
			if a == folded {
				s += 3
				break
			} else if strings.Contains(a, folded) {
				s += 1.5
				break
			}
		}
		if p.Popular > 0 {
			s += 0.5 / float64(p.Popular)
		}
		if p.Validity == "hết hiệu lực" || p.Validity == "thay thế" {
			s *= 0.5
		}
		out = append(out, ix.result(d, round(s)))
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

func dedupe(rs []Result, limit int) []Result {
	seen := map[string]bool{}
	var out []Result
	for _, r := range rs {
		if !seen[r.Code] {
			seen[r.Code] = true
			out = append(out, r)
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (ix *Index) browse(f Filter, limit int) []Result {
	var out []Result
	seen := map[int32]bool{}
	for _, d := range ix.popular {
		if f.ok(ix.procs[d]) {
			out = append(out, ix.result(d, 0))
			seen[d] = true
		}
	}
	for d := range ix.procs {
		if len(out) >= limit {
			break
		}
		if !seen[int32(d)] && f.ok(ix.procs[d]) {
			out = append(out, ix.result(int32(d), 0))
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Suggest offers something when a search found nothing: the procedures
// whose names share the most letters-trigrams with the query, else the
// popular ones. popular reports which.
func (ix *Index) Suggest(q string, limit int) (rs []Result, popular bool) {
	grams := trigrams(Fold(q))
	if len(grams) > 0 {
		type sc struct {
			d int32
			s float64
		}
		var best []sc
		for d, name := range ix.names {
			ng := trigrams(name)
			common := 0
			for g := range grams {
				if ng[g] {
					common++
				}
			}
			if common >= 2 {
				best = append(best, sc{int32(d), float64(common) / float64(len(grams))})
			}
		}
		sort.Slice(best, func(i, j int) bool { return best[i].s > best[j].s })
		for _, b := range best {
			if len(rs) >= limit {
				break
			}
			rs = append(rs, ix.result(b.d, round(b.s)))
		}
		if len(rs) > 0 {
			return rs, false
		}
	}
	for _, d := range ix.popular {
		if len(rs) >= limit {
			break
		}
		rs = append(rs, ix.result(d, 0))
	}
	return rs, true
}

func trigrams(s string) map[string]bool {
	m := map[string]bool{}
	s = " " + s + " "
	for i := 0; i+3 <= len(s); i++ {
		m[s[i:i+3]] = true
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
