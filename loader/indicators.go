package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/mediq/mediq/sources"
)

// maxClause bounds, in runes each side, the clause an indicator is read
// from, so that a document on one long line is read in linear time.
const maxClause = 80

// clauseBreaks end the clause a figure's indicator is read from.
const clauseBreaks = "，,；;。：:、！？!?\n\t"

// AttachIndicators sets each figure's indicator from the catalogue (see
// sources/indicators.yaml): the indicator one of whose names the figure's
// subject holds (or, for a figure with no subject, its clause), with a unit
// it takes, its context words in the sentence and its region. The longest
// name wins, a subject match before a clause match; a tie attaches neither,
// so a figure never belongs to two indicators by accident.
func (p *Parsed) AttachIndicators(inds []sources.Indicator) {
	for di := range p.Documents {
		d := &p.Documents[di]
		for i := range d.Figures {
			f := &d.Figures[i]
			f.Indicator = p.indicatorOf(inds, d, i)
			if f.Indicator == "" && f.Respective >= 0 {
				// 分别较2024年底增加109种、15类: each measures what its
				// counterpart before 分别 measures
				f.Indicator = d.Figures[f.Respective].Indicator
			}
		}
	}
}

// subjectMatch weighs a name found in a figure's subject above any found
// in its clause.
const subjectMatch = 1 << 16

func (p *Parsed) indicatorOf(inds []sources.Indicator, d *Doc, i int) string {
	f := d.Figures[i]
	s := d.Sentences[f.Sentence]
	clause := ""
	if f.Label == "" {
		lo, hi := f.Start, f.End
		for lo > s.Start && f.Start-lo < maxClause && !strings.ContainsRune(clauseBreaks, p.Text[lo-1]) {
			lo--
		}
		for hi < s.End && hi-f.End < maxClause && !strings.ContainsRune(clauseBreaks, p.Text[hi]) {
			hi++
		}
		clause = string(p.Text[lo:hi])
		// A name that is the subject of another figure of the same unit
		// in the clause measures that figure, not this one (山东118个县
		// 组建388个医共体: 医共体 is what 388个 counts).
		for _, j := range []int{-1, 1} { // the figures of the clause, nearest first
			for k := i + j; k >= 0 && k < len(d.Figures) && d.Figures[k].Start >= lo && d.Figures[k].End <= hi; k += j {
				if g := d.Figures[k]; g.Unit == f.Unit && g.Subject != "" {
					clause = strings.ReplaceAll(clause, g.Subject, "")
				}
			}
		}
	}
	subject := f.Subject
	if f.Label != "" {
		subject = f.Label
	}
	best, bestLen, tie := "", 0, false
	for _, ind := range inds {
		if !contains(ind.Units, f.Unit) || ind.Region != "" && ind.Region != f.Region ||
			len(ind.Context) > 0 && longestIn(s.Text, ind.Context) == 0 {
			continue
		}
		n := longestIn(subject, ind.Names)
		if n > 0 {
			n += subjectMatch
		} else {
			n = longestIn(clause, ind.Names)
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

// CatalogueKey identifies an indicator catalogue, for parse keys.
func CatalogueKey(inds []sources.Indicator) string {
	b, _ := json.Marshal(inds)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
