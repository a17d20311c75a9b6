package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/mediq/mediq/sources"
)

// clauseBreaks end the clause a figure's indicator is read from.
const clauseBreaks = "，,；;。：:、！？!?\n\t"

// AttachIndicators sets each figure's indicator from the catalogue's rules
// (see sources/indicators.yaml): the indicator whose phrase matches the
// figure's clause, table row label or following words, with a unit the
// indicator takes. The longest matched phrase wins; a tie attaches neither,
// so a figure never belongs to two indicators by accident.
func (p *Parsed) AttachIndicators(inds []sources.Indicator) {
	for di := range p.Documents {
		d := &p.Documents[di]
		for i := range d.Figures {
			f := &d.Figures[i]
			f.Indicator = p.indicatorOf(inds, d, i)
		}
	}
}

func (p *Parsed) indicatorOf(inds []sources.Indicator, d *Doc, i int) string {
	f := d.Figures[i]
	s := d.Sentences[f.Sentence]
	clause, after := "", ""
	if f.Label == "" {
		lo, hi := f.Start, f.End
		for lo > s.Start && !strings.ContainsRune(clauseBreaks, p.Text[lo-1]) {
			lo--
		}
		for hi < s.End && !strings.ContainsRune(clauseBreaks, p.Text[hi]) {
			hi++
		}
		clause = string(p.Text[lo:hi])
		after = string(p.Text[f.End:hi])
	}
	best, bestLen, tie := "", 0, false
	for _, ind := range inds {
		if !contains(ind.Units, f.Unit) {
			continue
		}
		n := 0
		if f.Label != "" {
			n = longestIn(f.Label, ind.Label)
		} else if longestIn(clause, ind.ClauseAll) >= 0 && allIn(clause, ind.ClauseAll) &&
			(len(ind.Sentence) == 0 || longestIn(s.Text, ind.Sentence) > 0) &&
			(len(ind.After) == 0 || prefixIn(after, ind.After)) {
			n = longestIn(clause, ind.Clause)
		}
		switch {
		case n > bestLen:
			best, bestLen, tie = ind.Key, n, false
		case n > 0 && n == bestLen:
			tie = true
		}
	}
	if tie {
		return ""
	}
	if best == "" && strings.Contains(s.Text, "分别") {
		// 分别较2024年底增加109种、15类: each takes the indicator of the
		// earlier figure of its sentence with the same unit.
		for j := 0; j < i; j++ {
			g := d.Figures[j]
			if g.Sentence == f.Sentence && g.Unit == f.Unit && g.Indicator != "" {
				return g.Indicator
			}
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// longestIn returns the length in bytes of the longest phrase of list that
// text contains, 0 when none does.
func longestIn(text string, list []string) int {
	n := 0
	for _, ph := range list {
		if len(ph) > n && strings.Contains(text, ph) {
			n = len(ph)
		}
	}
	return n
}

func allIn(text string, list []string) bool {
	for _, ph := range list {
		if !strings.Contains(text, ph) {
			return false
		}
	}
	return true
}

func prefixIn(text string, list []string) bool {
	for _, ph := range list {
		if strings.HasPrefix(text, ph) {
			return true
		}
	}
	return false
}

// CatalogueKey identifies an indicator catalogue, for parse keys.
func CatalogueKey(inds []sources.Indicator) string {
	b, _ := json.Marshal(inds)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
