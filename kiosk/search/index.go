package search

import (
	"sort"
	"strings"
	"sync"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// Field weights: what a word matched in.
const (
	wName    = 3.0
	wAlias   = 3.0 // everyday names and keywords
	wField   = 1.0
	wAgency  = 0.4
	wDocs    = 0.3
	minTypo  = 4 // one typo allowed on words of 4+ letters
	maxPerQ  = 8 // query words considered
	maxTerms = 64
)

type posting struct {
	doc int32
	w   float32
}

// Index is an in-memory inverted index over folded words. It is read-only
// after NewIndex, so any number of goroutines may search it at once.
type Index struct {
	procs     []catalog.Procedure
	names     []string   // folded name per doc
	nameWords [][]string // per doc: each word of the name as written, then its folded form
	aliases   [][]string
	terms     []string             // sorted, for prefix ranges
	post      map[string][]posting // term → postings (max weight per doc)
	dels      map[string][]string  // one-deletion variant → terms (typos)
	codes     map[string]int32
	codeList  []codeRef // every short and full code, lower case, sorted, for code prefixes
	popular   []int32
	// Per document, so ranking and filters never touch the big Procedure.
	fieldID  []uint16
	levelID  []uint16
	agency   []string // folded
	boost    []float32
	damp     []float32 // 0.5 for withdrawn or replaced procedures, else 1
	fieldIDs map[string]uint16
	levelIDs map[string]uint16
	pool     sync.Pool // *acc
}

type codeRef struct {
	code string
	d    int32
}

// NewIndex builds the index. It keeps ps (not a copy): do not change the
// procedures afterwards.
func NewIndex(ps []catalog.Procedure) *Index {
	n := len(ps)
	ix := &Index{procs: ps, post: map[string][]posting{}, dels: map[string][]string{}, codes: map[string]int32{},
		names: make([]string, n), nameWords: make([][]string, n), aliases: make([][]string, n),
		fieldID: make([]uint16, n), levelID: make([]uint16, n), agency: make([]string, n),
		boost: make([]float32, n), damp: make([]float32, n),
		fieldIDs: map[string]uint16{}, levelIDs: map[string]uint16{}}
	intern := func(m map[string]uint16, v string) uint16 {
		id, ok := m[v]
		if !ok {
			id = uint16(len(m) + 1)
			m[v] = id
		}
		return id
	}
	seen := map[string]float32{}
	for i := range ps {
		p := &ps[i]
		d := int32(i)
		ix.codes[p.Code] = d
		ix.codeList = append(ix.codeList, codeRef{strings.ToLower(p.Code), d}) // queries are folded
		if short := shortCode(p.Code); short != p.Code {
			ix.codes[short] = d
			ix.codeList = append(ix.codeList, codeRef{short, d})
		}
		ix.fieldID[i] = intern(ix.fieldIDs, p.Field)
		ix.levelID[i] = intern(ix.levelIDs, p.Level)
		ix.agency[i] = Fold(p.Agency)
		ix.damp[i] = 1
		if p.Validity == "hết hiệu lực" || p.Validity == "thay thế" {
			ix.damp[i] = 0.5
		}
		if p.Popular > 0 {
			ix.boost[i] = 0.5 / float32(p.Popular)
		}
		ix.names[i] = Fold(p.Name)
		for _, w := range strings.Fields(p.Name) {
			ix.nameWords[i] = append(ix.nameWords[i], w, Fold(w))
		}
		clear(seen)
		add := func(text string, w float32) {
			for _, t := range strings.Fields(text) {
				if seen[t] < w {
					seen[t] = w
				}
			}
		}
		add(ix.names[i], wName)
		for _, a := range append(append([]string{}, p.Names...), p.Keywords...) {
			fa := Fold(a)
			add(fa, wAlias)
			ix.aliases[i] = append(ix.aliases[i], fa)
			if exp, ok := abbreviations[fa]; ok {
				add(exp, wAlias)
			}
		}
		add(Fold(p.Field), wField)
		add(ix.agency[i], wAgency)
		for _, c := range p.Cases {
			add(Fold(c.Name), wDocs)
		}
		for t, w := range seen {
			ix.post[t] = append(ix.post[t], posting{d, w})
		}
		if p.Popular > 0 {
			ix.popular = append(ix.popular, d)
		}
	}
	ix.terms = make([]string, 0, len(ix.post))
	for t := range ix.post {
		ix.terms = append(ix.terms, t)
		if len(t) >= minTypo {
			for _, v := range deletes(t) {
				ix.dels[v] = append(ix.dels[v], t)
			}
		}
	}
	sort.Strings(ix.terms)
	sort.Slice(ix.codeList, func(a, b int) bool { return ix.codeList[a].code < ix.codeList[b].code })
	sort.Slice(ix.popular, func(a, b int) bool { return ps[ix.popular[a]].Popular < ps[ix.popular[b]].Popular })
	return ix
}

func shortCode(c string) string {
	if len(c) > 8 && c[1] == '.' {
		return c[:8]
	}
	return c
}

func deletes(t string) []string {
	out := make([]string, 0, len(t))
	for i := 0; i < len(t); i++ {
		out = append(out, t[:i]+t[i+1:])
	}
	return out
}

// Len is the number of procedures indexed.
func (ix *Index) Len() int { return len(ix.procs) }

// Procedure returns the indexed procedure with code.
func (ix *Index) Procedure(code string) (catalog.Procedure, bool) {
	d, ok := ix.codes[code]
	if !ok {
		return catalog.Procedure{}, false
	}
	return ix.procs[d], true
}

// Procedures returns every indexed procedure.
func (ix *Index) Procedures() []catalog.Procedure { return ix.procs }

// match is one index term a query word hit, with its quality.
type match struct {
	term string
	q    float32
	kind uint8 // kExact, kPrefix or kTypo
}

// How a query word reached a term.
const (
	kExact  uint8 = iota // the word or one of its Telex/VNI readings
	kPrefix              // a longer term the word begins
	kTypo                // one edit away
)

// lookup finds the terms a query word may mean, each with the quality of
// its best reading: exact (1, or 0.95 through a Telex/VNI reading), prefix
// (0.75, always for the word being typed, else for 3+ letters) and one typo
// (0.6, words of 4+ letters, only when no reading is an exact term).
func (ix *Index) lookup(word string, last bool) []match {
	var out []match
	at := map[string]int{}
	addTerm := func(t string, q float32, kind uint8) {
		if i, ok := at[t]; ok {
			if q > out[i].q {
				out[i].q, out[i].kind = q, kind
			}
			return
		}
		if len(out) < maxTerms {
			at[t] = len(out)
			out = append(out, match{t, q, kind})
		}
	}
	vs := Variants(word)
	pen := func(vi int) float32 {
		if vi > 0 {
			return 0.95
		}
		return 1
	}
	exact := false
	for vi, v := range vs {
		if _, ok := ix.post[v]; ok {
			addTerm(v, pen(vi), kExact)
			exact = true
		}
	}
	for vi, v := range vs {
		if !last && len(v) < 3 {
			continue
		}
		room := maxTerms
		switch len(v) {
		case 1:
			room = 6 // one letter: only the first few words it starts
		case 2:
			room = 12
		}
		i := sort.SearchStrings(ix.terms, v)
		for ; i < len(ix.terms) && strings.HasPrefix(ix.terms[i], v) && len(out) < room; i++ {
			if ix.terms[i] != v {
				addTerm(ix.terms[i], 0.75*pen(vi), kPrefix)
			}
		}
	}
	if exact {
		return out
	}
	for vi, v := range vs {
		if len(v) < minTypo {
			continue
		}
		cands := append([]string{}, ix.dels[v]...)
		for _, d := range deletes(v) {
			if _, ok := ix.post[d]; ok && len(d) >= minTypo-1 {
				cands = append(cands, d)
			}
			cands = append(cands, ix.dels[d]...)
		}
		for _, t := range cands {
			if osa1(v, t) {
				addTerm(t, 0.6*pen(vi), kTypo)
			}
		}
	}
	return out
}

// osa1 reports whether a and b differ by at most one insertion, deletion,
// substitution or transposition of neighbours.
func osa1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}
