package loader

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The loader's word lists live in lexicon/*.tsv, one entry a line with its
// class, so that a reviewer can hold each against FIGURES.md. They are read
// once, on first use.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// Unit classes, as lexicon/units.tsv names them.
const (
	ClassMoney    = "money"
	ClassPerson   = "person"
	ClassCount    = "count"
	ClassPlace    = "place"
	ClassTime     = "time"
	ClassRatio    = "ratio"
	ClassPhysical = "physical"
	// ClassRate is a unit per unit (元/人, 张/千人), put together by the
	// scanner from two units.
	ClassRate = "rate"
)

// unitEntry is one line of lexicon/units.tsv.
type unitEntry struct {
	raw, unit, class string
	n                int  // len([]rune(raw))
	arabicOnly       bool // only after Arabic digits
	measure          bool // 个: hands the unit to a time noun after it
	afterMeasure     bool // 月, 季度: a unit only after a measure word
	compound         bool // may take 次 after it: 人次, 剂次
	classifier       bool // 名, 位: stands before the noun it counts, of another class
}

// qualifierWord is one line of lexicon/qualifiers.tsv.
type qualifierWord struct {
	word, qualifier string
	n               int // len([]rune(word))
}

// lexicon is every word list the scanner reads, indexed for matching.
type lexicon struct {
	units      map[rune][]unitEntry // by first rune, longest first
	magnitudes []qualifierWord      // word and exponent (in qualifier), longest first
	magExp     map[string]int
	before     []qualifierWord // before-words, longest first
	after      []qualifierWord
	clause     []qualifierWord
	markers    map[rune]string // 余 多 来
	contexts   map[string][]string
	sets       map[string]*wordSet // contexts, indexed for hasWord
	nouns      []qualifierWord     // ending and unit (in qualifier), longest first
	nounSet    *wordSet            // the nouns' words, for their last runes
	glosses    map[string]string   // English unit gloss (lower case, single spaces) → unit
	maxContext int
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	lx, err := readLexicon()
	if err != nil {
		panic(err) // the files are embedded: a bad line is a bug caught by every test
	}
	return lx
})

// lex returns the loader's lexicon.
func lex() *lexicon { return loadLexicon() }

// LexiconError reports a malformed line of a lexicon file.
type LexiconError struct {
	File string
	Line int
	Msg  string
}

func (e *LexiconError) Error() string {
	return fmt.Sprintf("loader/lexicon/%s:%d: %s", e.File, e.Line, e.Msg)
}

// eachLine calls fn with the fields of every non-comment line of a lexicon
// file, and again with the line's word in traditional characters where it
// has another form (see traditional.tsv); in units.tsv the stored unit too,
// which is kept as written.
func eachLine(name string, minFields int, fn func(f []string, line int) error) error {
	return eachRawLine(name, minFields, func(f []string, line int) error {
		if err := fn(f, line); err != nil {
			return err
		}
		if t := toTraditional(f[0]); t != f[0] {
			tf := slices.Clone(f)
			tf[0] = t
			if name == "units.tsv" {
				tf[1] = toTraditional(f[1])
			}
			return fn(tf, line)
		}
		return nil
	})
}

// traditionalOf maps a simplified character of the lexicons to its
// traditional form (lexicon/traditional.tsv).
var traditionalOf = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	err := eachRawLine("traditional.tsv", 2, func(f []string, line int) error {
		s, t := []rune(f[0]), []rune(f[1])
		if len(s) != 1 || len(t) != 1 {
			return &LexiconError{"traditional.tsv", line, "want one character in each field"}
		}
		m[s[0]] = t[0]
		return nil
	})
	if err != nil {
		panic(err) // embedded: a bad line is a bug every test catches
	}
	return m
})

// toTraditional writes a word of the lexicons in traditional characters.
func toTraditional(w string) string {
	m := traditionalOf()
	return strings.Map(func(r rune) rune {
		if t, ok := m[r]; ok {
			return t
		}
		return r
	}, w)
}

// eachRawLine calls fn with the fields of every non-comment line of a lexicon file.
func eachRawLine(name string, minFields int, fn func(f []string, line int) error) error {
	data, err := lexiconFiles.ReadFile("lexicon/" + name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < minFields {
			return &LexiconError{name, n, fmt.Sprintf("want %d tab-separated fields, have %d", minFields, len(f))}
		}
		if err := fn(f, n); err != nil {
			return err
		}
	}
	return sc.Err()
}

func byLengthDesc(a, b qualifierWord) int { return b.n - a.n }

func readLexicon() (*lexicon, error) {
	lx := &lexicon{units: map[rune][]unitEntry{}, magExp: map[string]int{}, markers: map[rune]string{}, contexts: map[string][]string{}, sets: map[string]*wordSet{}}
	err := eachLine("units.tsv", 3, func(f []string, line int) error {
		u := unitEntry{raw: f[0], unit: f[1], class: f[2], n: len([]rune(f[0]))}
		switch u.class {
		case ClassMoney, ClassPerson, ClassCount, ClassPlace, ClassTime, ClassRatio, ClassPhysical:
		default:
			return &LexiconError{"units.tsv", line, "unknown class " + strconv.Quote(u.class)}
		}
		if len(f) > 3 {
			for _, flag := range strings.Fields(f[3]) {
				switch flag {
				case "arabic":
					u.arabicOnly = true
				case "measure":
					u.measure = true
				case "after-measure":
					u.afterMeasure = true
				case "compound":
					u.compound = true
				case "classifier":
					u.classifier = true
				default:
					return &LexiconError{"units.tsv", line, "unknown flag " + strconv.Quote(flag)}
				}
			}
		}
		r := []rune(u.raw)[0]
		lx.units[r] = append(lx.units[r], u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for r, list := range lx.units {
		slices.SortStableFunc(list, func(a, b unitEntry) int { return b.n - a.n })
		lx.units[r] = list
	}
	err = eachLine("magnitudes.tsv", 2, func(f []string, line int) error {
		exp, err := strconv.Atoi(f[1])
		if err != nil {
			return &LexiconError{"magnitudes.tsv", line, "exponent " + strconv.Quote(f[1]) + " is not a number"}
		}
		lx.magnitudes = append(lx.magnitudes, qualifierWord{f[0], f[1], len([]rune(f[0]))})
		lx.magExp[f[0]] = exp
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(lx.magnitudes, byLengthDesc)
	err = eachLine("qualifiers.tsv", 3, func(f []string, line int) error {
		q := qualifierWord{f[0], f[1], len([]rune(f[0]))}
		switch q.qualifier {
		case Exact, Approx, GT, GTE, LT, LTE:
		default:
			return &LexiconError{"qualifiers.tsv", line, "unknown qualifier " + strconv.Quote(q.qualifier)}
		}
		switch f[2] {
		case "before":
			lx.before = append(lx.before, q)
		case "after":
			lx.after = append(lx.after, q)
		case "clause":
			lx.clause = append(lx.clause, q)
		case "approx-marker":
			if q.n != 1 {
				return &LexiconError{"qualifiers.tsv", line, "an approx-marker is one character"}
			}
			lx.markers[[]rune(q.word)[0]] = q.qualifier
		default:
			return &LexiconError{"qualifiers.tsv", line, "unknown position " + strconv.Quote(f[2])}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(lx.before, byLengthDesc)
	slices.SortStableFunc(lx.after, byLengthDesc)
	for _, file := range []string{"contexts.tsv", "roles.tsv"} {
		err = eachLine(file, 2, func(f []string, line int) error {
			lx.contexts[f[1]] = append(lx.contexts[f[1]], f[0])
			if file == "contexts.tsv" {
				lx.maxContext = max(lx.maxContext, len([]rune(f[0])))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for c, list := range lx.contexts {
		slices.SortStableFunc(list, func(a, b string) int { return len(b) - len(a) })
		lx.contexts[c] = list
		lx.sets[c] = newWordSet(list)
	}
	err = eachLine("nouns.tsv", 2, func(f []string, line int) error {
		lx.nouns = append(lx.nouns, qualifierWord{f[0], f[1], len([]rune(f[0]))})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(lx.nouns, byLengthDesc)
	nounWords := make([]string, len(lx.nouns))
	for i, nn := range lx.nouns {
		nounWords[i] = nn.word
	}
	lx.nounSet = newWordSet(nounWords)
	lx.glosses = map[string]string{}
	err = eachRawLine("glosses.tsv", 2, func(f []string, line int) error {
		lx.glosses[glossKey(f[0])] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// glossKey writes an English gloss the way glosses.tsv is looked up: lower
// case, words separated by one space.
func glossKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// unitAt returns the longest unit written at text[k:end], or nil.
func (lx *lexicon) unitAt(text []rune, k, end int, arabic bool) *unitEntry {
	if k >= end {
		return nil
	}
	list := lx.units[text[k]]
	for i := range list {
		u := &list[i]
		if u.arabicOnly && !arabic || k+u.n > end {
			continue
		}
		if runesHavePrefix(text[k:end], u.raw) {
			return u
		}
	}
	return nil
}

// unitNamed returns the entry whose stored unit is s, for units read from
// headers and nouns.
func (lx *lexicon) unitNamed(s string) *unitEntry {
	rs := []rune(s)
	if len(rs) == 0 {
		return nil
	}
	for i, u := range lx.units[rs[0]] {
		if u.raw == s {
			return &lx.units[rs[0]][i]
		}
	}
	return nil
}

// wordBefore returns the longest word of class that ends at text[k], or "".
func (lx *lexicon) wordBefore(text []rune, lo, k int, class string) string {
	lo = max(0, min(lo, k))
	if ws := lx.sets[class]; ws == nil || k <= lo || !ws.mayEnd(text[k-1]) {
		return "" // no word of the class ends with the rune before k
	}
	for _, w := range lx.contexts[class] {
		if runesHaveSuffix(text[lo:k], w) {
			return w
		}
	}
	return ""
}

// wordAfter returns the longest word of class that starts at text[k], or "".
func (lx *lexicon) wordAfter(text []rune, k, end int, class string) string {
	if ws := lx.sets[class]; ws == nil || k >= end || !ws.mayStart(text[k]) {
		return "" // no word of the class begins with the rune at k
	}
	for _, w := range lx.contexts[class] {
		if runesHavePrefix(text[k:end], w) {
			return w
		}
	}
	return ""
}

func runesHaveSuffix(rs []rune, s string) bool {
	n := utf8.RuneCountInString(s)
	if n > len(rs) {
		return false
	}
	return runesHavePrefix(rs[len(rs)-n:], s)
}
