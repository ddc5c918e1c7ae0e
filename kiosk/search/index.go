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

// Index is an in-memory inverted index over folded words.
type Index struct {
	procs   []catalog.Procedure
	names   []string // folded name per doc
	aliases [][]string
	terms   []string             // sorted, for prefix ranges
	post    map[string][]posting // term → postings (max weight per doc)
	dels    map[string][]string  // one-deletion variant → terms (typos)
	codes   map[string]int32
	popular []int32
	pool    sync.Pool // *acc
}

// NewIndex builds the index.
func NewIndex(ps []catalog.Procedure) *Index {
	ix := &Index{procs: ps, post: map[string][]posting{}, dels: map[string][]string{}, codes: map[string]int32{},
		names: make([]string, len(ps)), aliases: make([][]string, len(ps))}
	for i, p := range ps {
		d := int32(i)
		ix.codes[p.Code] = d
		if short := shortCode(p.Code); short != p.Code {
			ix.codes[short] = d
		}
		ix.names[i] = Fold(p.Name)
		seen := map[string]float32{}
		add := func(text string, w float32) {
			for _, t := range Tokens(text) {
				if seen[t] < w {
					seen[t] = w
				}
			}
		}
		add(p.Name, wName)
		for _, a := range append(append([]string{}, p.Names...), p.Keywords...) {
			add(a, wAlias)
			ix.aliases[i] = append(ix.aliases[i], Fold(a))
			if exp, ok := abbreviations[Fold(a)]; ok {
				add(exp, wAlias)
			}
		}
		add(p.Field, wField)
		add(p.Agency, wAgency)
		for _, c := range p.Cases {
			add(c.Name, wDocs)
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
}

// lookup finds the terms a query word may mean.
func (ix *Index) lookup(word string, last bool) []match {
	var out []match
	seen := map[string]bool{}
	addTerm := func(t string, q float32) {
		if !seen[t] && len(out) < maxTerms {
			seen[t] = true
			out = append(out, match{t, q})
		}
	}
	for vi, v := range Variants(word) {
		pen := float32(1)
		if vi > 0 {
			pen = 0.95
		}
		if _, ok := ix.post[v]; ok {
			addTerm(v, 1*pen)
		}
		// Prefix: always for the word being typed, and for 3+ letter words.
		if last || len(v) >= 3 {
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
					addTerm(ix.terms[i], 0.75*pen)
				}
			}
		}
		if len(v) >= minTypo {
			cands := append([]string{}, ix.dels[v]...)
			for _, d := range deletes(v) {
				if _, ok := ix.post[d]; ok && len(d) >= minTypo-1 {
					cands = append(cands, d)
				}
				cands = append(cands, ix.dels[d]...)
			}
			for _, t := range cands {
				if !seen[t] && osa1(v, t) {
					addTerm(t, 0.6*pen)
				}
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
