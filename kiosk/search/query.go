package search

import (
	"math/bits"
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
	// name or a keyword.
	Matched []string `json:"matched"`
	// MatchedNames lists the everyday names and keywords, as written, that
	// the query hit.
	MatchedNames []string `json:"matchedNames"`
	// Words lists the query words (folded, as typed) that found this
	// procedure in its name, everyday names or keywords, or the code typed.
	// Every result of a query has at least one; it is empty only when
	// browsing (no query) and for suggestions.
	Words []string `json:"words"`
}

func (ix *Index) result(d int32, score float64, terms map[string]bool) Result {
	p := &ix.procs[d]
	r := Result{Code: p.Code, Name: p.Name, Field: p.Field, Level: p.Level, Agency: p.Agency, Score: score,
		Matched: []string{}, MatchedNames: []string{}, Words: []string{}}
	if len(terms) > 0 {
		nw := ix.nameWords[d]
		for i := 0; i+1 < len(nw); i += 2 {
			if anyTerm(nw[i+1], terms) {
				r.Matched = append(r.Matched, strings.TrimFunc(nw[i], notAlnum))
			}
		}
		// ix.aliases[d] is Names then Keywords, folded, in that order.
		for i, a := range ix.aliases[d] {
			if anyTerm(a, terms) {
				if i < len(p.Names) {
					r.MatchedNames = append(r.MatchedNames, p.Names[i])
				} else {
					r.MatchedNames = append(r.MatchedNames, p.Keywords[i-len(p.Names)])
				}
			}
		}
	}
	return r
}

// anyTerm reports whether a word of folded (single spaces) is in terms.
func anyTerm(folded string, terms map[string]bool) bool {
	for folded != "" {
		w, rest, _ := strings.Cut(folded, " ")
		if w != "" && terms[w] {
			return true
		}
		folded = rest
	}
	return false
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
	hit := map[string]bool{} // every index term a query word matched in a way that counts (see counts)
	var long uint16          // query words of three letters or more
	var solid uint16         // query words that matched some procedure without a typo
	for wi, w := range expanded {
		last := wi == n-1
		bit := uint16(1) << wi
		alts := strings.Split(w, "|")
		if len(canonicalWord(ix, alts[0])) >= 3 {
			long |= bit
		}
		for ai, alt := range alts {
			sub := strings.Fields(alt)
			for si, sw := range sub {
				ms := ix.lookup(sw, last && ai == 0)
				exact := false
				for _, m := range ms {
					exact = exact || m.kind == kExact
				}
				for _, m := range ms {
					post := ix.post[m.term]
					if ai > 0 {
						// An expansion ("lltp" → four words) counts as one word,
						// and matches only where all its words are, as written.
						ok := m.kind == kExact
						if ok {
							hit[m.term] = true
						}
						k := m.q * 1.2 / float32(len(sub))
						for _, p := range post {
							acc.word(p.doc, p.w*k, true)
							if ok && p.w >= wAlias {
								acc.subWord(p.doc, si)
							}
						}
					} else {
						ok := counts(m, sw, last, exact, n)
						b := bit
						if ok {
							hit[m.term] = true
							if m.kind == kTypo {
								b = bit << 8
							} else {
								solid |= bit
							}
						}
						if !ok {
							b = 0
						}
						for _, p := range post {
							acc.word(p.doc, p.w*m.q, false)
							if p.w >= wAlias {
								acc.strong[p.doc] |= b
							}
						}
					}
				}
			}
			if ai > 0 {
				acc.endExpansion(len(sub), bit)
				solid |= bit
			}
		}
		acc.endWord()
	}
	// A result must have matched a query word in its name, everyday names
	// or keywords (see keep).
	anchor := long
	if anchor == 0 {
		anchor = 1<<n - 1
	}
	typoOnly := solid == 0 // every word was mistyped: typo matches anchor too
	keep := func(d int32) bool {
		st := acc.strong[d]
		if typoOnly {
			st |= st >> 8
		}
		st &= 0xff
		if long == 0 && n >= 2 {
			// Only syllables of one or two letters ("so do", "ly li"):
			// folded they are too ambiguous ("sở", "độ") to stand alone.
			return bits.OnesCount16(st) >= 2
		}
		return st&anchor != 0
	}
	cands := acc.cands[:0]
	invN := 1 / float32(n)
	for _, d := range acc.touched {
		if !keep(d) || !ix.ok(&flt, d) {
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
		if ix.phraseAtWord(c.d, phrase) {
			// The query as typed, its last word maybe half-typed, starts
			// at a word of the name or an everyday name: every word matched.
			acc.strong[c.d] |= 1<<n - 1
		}
		for wi, w := range expanded {
			if acc.strong[c.d]&(0x101<<wi) != 0 {
				w, _, _ = strings.Cut(w, "|")
				out[i].Words = append(out[i].Words, w)
			}
		}
	}
	return out
}

// phraseAtWord reports whether phrase starts at a word of d's name or of one
// of its everyday names or keywords.
func (ix *Index) phraseAtWord(d int32, phrase string) bool {
	if atWord(ix.names[d], phrase) {
		return true
	}
	for _, a := range ix.aliases[d] {
		if atWord(a, phrase) {
			return true
		}
	}
	return false
}

// atWord reports whether phrase occurs in s starting at a word.
func atWord(s, phrase string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		if i += off; i == 0 || s[i-1] == ' ' {
			return true
		}
		off = i + 1
	}
}

// counts reports whether a match of query word w (not an abbreviation's
// expansion) is one a citizen would recognise as "about what I typed":
// the word itself or its Telex/VNI reading; a longer word it begins, while
// it is being typed (the last word, not itself a complete word unless it
// is all the query); one typo, only onto a word of four letters or more.
// A lone letter counts only as the start of the word being typed.
func counts(m match, w string, last, exact bool, n int) bool {
	if len(w) < 2 && !last {
		return false
	}
	switch m.kind {
	case kExact:
		return true
	case kPrefix:
		return !exact || n == 1
	default:
		return len(m.term) >= minTypo
	}
}

// canonicalWord is w, or its first Telex/VNI reading the index knows.
func canonicalWord(ix *Index, w string) string {
	if _, ok := ix.post[w]; ok {
		return w
	}
	for _, v := range Variants(w)[1:] {
		if _, ok := ix.post[v]; ok {
			return v
		}
	}
	return w
}

// canonical joins the query words, each replaced by its first Telex/VNI
// reading that is an index term when the word itself is not one.
func (ix *Index) canonical(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = canonicalWord(ix, w)
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
		r := ix.result(c.d, s, nil)
		r.Words = append(r.Words, code)
		out = append(out, r)
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
