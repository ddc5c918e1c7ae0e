package search

// acc accumulates per-document scores for one query without maps: dense
// slices indexed by document, a list of the documents touched, reused
// across queries through a pool.
type acc struct {
	score   []float32 // sum over words
	hits    []uint8   // words matched
	word1   []float32 // this word's best (or summed, for expansions)
	strong  []uint16  // bit i: query word i matched the name, an everyday name or a keyword; bit 8+i: only with a typo
	subN    []uint8   // an expansion's words matched so far (see expansion)
	subT    []int32   // documents with subN set
	touched []int32   // documents with any score
	wordT   []int32   // documents touched by this word
	cands   []cand    // candidates buffer, reused
}

func (ix *Index) getAcc() *acc {
	if a, ok := ix.pool.Get().(*acc); ok {
		return a
	}
	n := len(ix.procs)
	return &acc{score: make([]float32, n), hits: make([]uint8, n), word1: make([]float32, n),
		strong: make([]uint16, n), subN: make([]uint8, n)}
}

func (ix *Index) putAcc(a *acc) {
	for _, d := range a.touched {
		a.score[d], a.hits[d], a.strong[d] = 0, 0, 0
	}
	a.touched = a.touched[:0]
	ix.pool.Put(a)
}

// word records document d scoring s for the current word: the best match
// counts, or with sum the matches add up (an abbreviation's expansion).
func (a *acc) word(d int32, s float32, sum bool) {
	if a.word1[d] == 0 {
		a.wordT = append(a.wordT, d)
	}
	if sum {
		a.word1[d] += s
	} else if s > a.word1[d] {
		a.word1[d] = s
	}
}

// endWord folds the current word into the totals.
func (a *acc) endWord() {
	for _, d := range a.wordT {
		if a.hits[d] == 0 {
			a.touched = append(a.touched, d)
		}
		a.score[d] += a.word1[d]
		a.hits[d]++
		a.word1[d] = 0
	}
	a.wordT = a.wordT[:0]
}

// subWord records that document d matched word j of an abbreviation's
// expansion in a strong field; words are fed in order, so subN[d] == j+1
// after word j means every word so far matched.
func (a *acc) subWord(d int32, j int) {
	switch int(a.subN[d]) {
	case j:
		if j == 0 {
			a.subT = append(a.subT, d)
		}
		a.subN[d] = uint8(j + 1)
	}
}

// endExpansion marks word bit as strong for the documents that matched all
// k words of the expansion, and resets the counters.
func (a *acc) endExpansion(k int, bit uint16) {
	for _, d := range a.subT {
		if int(a.subN[d]) == k {
			a.strong[d] |= bit
		}
		a.subN[d] = 0
	}
	a.subT = a.subT[:0]
}
