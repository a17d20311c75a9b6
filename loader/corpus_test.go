package loader_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/mediq/mediq/internal/hanscript"
	"github.com/mediq/mediq/internal/regions"
	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// The unseen corpus (testdata/unseen) is real documents the loader was not
// written against, each with a reading by FIGURES.md made before the loader
// ran on it. "tune" is the part rules were fixed with; each later part was
// measured once untouched (the honest numbers, in the README) and then
// fixed with too, except the last two, twelfth-a and twelfth-b, which no
// rule has been written from. See its README.

// corpusGold is one line of a NAME.gold.jsonl file of the unseen corpus.
type corpusGold struct {
	Start, End int
	Raw        string
	Value      json.Number
	ValueMax   json.Number `json:"value_max"`
	Unit       string
	Qualifier  string
	Required   bool
	Cell       bool
	Period     *string
	Role       *string
	Region     *string
	Subject    *string
}

// corpusKinds are the kinds of figure the score is broken down by.
var corpusKinds = []string{"all", "prose", "table cell", "Chinese numeral", "range", "bound", "qualifier"}

// kindsOf returns the kinds a gold figure counts under.
func kindsOf(g corpusGold) []string {
	ks := []string{"all"}
	if g.Cell {
		ks = append(ks, "table cell")
	} else {
		ks = append(ks, "prose")
	}
	hasArabic, hasHan := false, false
	for _, r := range g.Raw {
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			hasArabic = true
		case strings.ContainsRune("一二两三四五六七八九十百千零〇", r):
			hasHan = true
		}
	}
	if hasHan && !hasArabic {
		ks = append(ks, "Chinese numeral")
	}
	switch g.Qualifier {
	case loader.Range:
		ks = append(ks, "range")
	case loader.GT, loader.GTE, loader.LT, loader.LTE:
		ks = append(ks, "bound")
	}
	if g.Qualifier != loader.Exact {
		ks = append(ks, "qualifier")
	}
	return ks
}

// corpusScore counts, per kind, gold figures found right, found wrong and
// missed, and the loader's figures that stand on no gold figure.
type corpusScore struct {
	right, wrong, missed map[string]int
	extra                int
	found                int
	// context: how many found figures' period, role, region and subject
	// the gold gives, and how many of those the loader has right.
	ctxN, ctxRight map[string]int
	problems       []string
}

func newCorpusScore() *corpusScore {
	return &corpusScore{right: map[string]int{}, wrong: map[string]int{}, missed: map[string]int{},
		ctxN: map[string]int{}, ctxRight: map[string]int{}}
}

func (s *corpusScore) recall() float64 {
	n := s.right["all"] + s.wrong["all"] + s.missed["all"]
	return ratio(s.right["all"]+s.wrong["all"], n)
}

func (s *corpusScore) precision() float64 { return ratio(s.found-s.extra, s.found) }

func (s *corpusScore) fieldsRight() float64 {
	return ratio(s.right["all"], s.right["all"]+s.wrong["all"])
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *corpusScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %6s %6s %6s %6s\n", "kind", "gold", "right", "wrong", "missed")
	for _, k := range corpusKinds {
		fmt.Fprintf(&b, "%-16s %6d %6d %6d %6d\n", k, s.right[k]+s.wrong[k]+s.missed[k], s.right[k], s.wrong[k], s.missed[k])
	}
	fmt.Fprintf(&b, "found %d, on no gold figure %d\n", s.found, s.extra)
	fmt.Fprintf(&b, "recall %.3f  precision %.3f  value/unit/qualifier right %.3f\n", s.recall(), s.precision(), s.fieldsRight())
	for _, k := range []string{"period", "role", "region", "subject"} {
		fmt.Fprintf(&b, "%-8s right %d of %d (%.3f)\n", k, s.ctxRight[k], s.ctxN[k], ratio(s.ctxRight[k], s.ctxN[k]))
	}
	return b.String()
}

// readCorpusGold reads a NAME.gold.jsonl file.
func readCorpusGold(t *testing.T, path string) []corpusGold {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusGold
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var g corpusGold
		if err := dec.Decode(&g); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, g)
	}
	return out
}

// sameNumber reports whether a loader value equals a gold value.
func sameNumber(d loader.Decimal, n json.Number) bool {
	a, err1 := strconv.ParseFloat(string(d), 64)
	b, err2 := n.Float64()
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// sameSubject reports whether a subject the loader gives names the same
// measure as the gold's, in whichever script each is written: one holds the
// other, or they share most of their Han characters.
func sameSubject(got, want string) bool {
	got, want = hanscript.Simplified(got), hanscript.Simplified(want)
	han := func(s string) []rune {
		var out []rune
		for _, r := range s {
			if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, r)
			}
		}
		return out
	}
	g, w := han(got), han(want)
	if len(g) == 0 || len(w) == 0 {
		return len(g) == len(w)
	}
	if strings.Contains(string(g), string(w)) || strings.Contains(string(w), string(g)) {
		return true
	}
	return float64(lcs(g, w)) >= 0.6*float64(min(len(g), len(w)))
}

func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// scoreCorpus reads one half of the unseen corpus and scores the loader on it.
func scoreCorpus(t *testing.T, dir string) *corpusScore {
	t.Helper()
	l, err := sources.LoadDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) > 0 {
		t.Fatalf("%s: warnings %v", dir, l.Warnings)
	}
	score := newCorpusScore()
	for _, src := range l.Sources {
		p, err := loader.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(src.File, filepath.Ext(src.File))
		gold := readCorpusGold(t, filepath.Join(dir, name+".gold.jsonl"))
		var rows []loader.Row
		for _, d := range p.Documents {
			rows = append(rows, d.Figures...)
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].Start < rows[j].Start })
		used := make([]bool, len(rows))
		for _, g := range gold {
			hit := -1
			for i, r := range rows {
				if r.Start < g.End && g.Start < r.End && !used[i] {
					hit = i
					break
				}
			}
			if hit >= 0 {
				used[hit] = true
			}
			if !g.Required {
				continue
			}
			ks := kindsOf(g)
			if hit < 0 {
				for _, k := range ks {
					score.missed[k]++
				}
				score.problems = append(score.problems, fmt.Sprintf("%s: missed %q at %d", name, g.Raw, g.Start))
				continue
			}
			r := rows[hit]
			ok := sameNumber(r.Value, g.Value) && sameNumber(r.ValueMax, g.ValueMax) && sameUnit(t, r.Unit, g.Unit) && r.Qualifier == g.Qualifier
			for _, k := range ks {
				if ok {
					score.right[k]++
				} else {
					score.wrong[k]++
				}
			}
			if !ok {
				score.problems = append(score.problems, fmt.Sprintf("%s: %q read as %s–%s %q %s, want %s–%s %q %s", name, g.Raw,
					r.Value, r.ValueMax, r.Unit, r.Qualifier, g.Value, g.ValueMax, g.Unit, g.Qualifier))
			}
			check := func(k string, want *string, got string, same func(a, b string) bool) {
				if want == nil {
					return
				}
				w := *want
				score.ctxN[k]++
				if same(got, w) {
					score.ctxRight[k]++
				} else {
					score.problems = append(score.problems, fmt.Sprintf("%s: %q %s %q, want %q", name, g.Raw, k, got, w))
				}
			}
			eq := func(a, b string) bool { return a == b }
			period := r.Period
			if period == "" {
				period = "unknown"
			}
			if g.Period != nil {
				check("period", g.Period, period, samePeriod)
			}
			want := "null"
			if g.Role != nil {
				want = *g.Role
			}
			got := r.Role
			if got == "" {
				got = "null"
			}
			check("role", &want, got, eq)
			if g.Region != nil {
				check("region", g.Region, r.Region, sameRegion)
			}
			if g.Subject != nil {
				check("subject", g.Subject, r.Subject, sameSubject)
			}
		}
		score.found += len(rows)
		for i, r := range rows {
			if !used[i] {
				score.extra++
				score.problems = append(score.problems, fmt.Sprintf("%s: %q at %d is no figure of the gold", name, r.Raw, r.Start))
			}
		}
	}
	return score
}

// sameUnit reports whether two units are the same, written in the same
// script or not: readers of pages in traditional characters wrote 個 as
// written or as 个 (lexicon/traditional.tsv pairs the forms).
func sameUnit(t *testing.T, a, b string) bool {
	if a == b {
		return true
	}
	simplified := traditionalForms(t)
	fold := func(s string) string {
		return strings.Map(func(r rune) rune {
			if s, ok := simplified[r]; ok {
				return s
			}
			return r
		}, s)
	}
	return fold(a) == fold(b)
}

// traditionalForms maps each traditional form in lexicon/traditional.tsv
// to its simplified one.
func traditionalForms(t *testing.T) map[rune]rune {
	t.Helper()
	if traditional != nil {
		return traditional
	}
	data, err := os.ReadFile(filepath.Join("lexicon", "traditional.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[rune]rune{}
	for _, ln := range strings.Split(string(data), "\n") {
		s, tr, ok := strings.Cut(ln, "\t")
		if !ok || strings.HasPrefix(ln, "#") {
			continue
		}
		m[[]rune(tr)[0]] = []rune(s)[0]
	}
	traditional = m
	return m
}

// traditional caches traditionalForms.
var traditional map[rune]rune

// samePeriod reports whether two periods are the same, a span of years
// written 2021/2025 (as mediq stores it) or 2021-2025.
func samePeriod(a, b string) bool {
	span := func(p string) string {
		if len(p) == 9 && p[4] == '-' {
			return p[:4] + "/" + p[5:]
		}
		return p
	}
	return span(a) == span(b)
}

// sameRegion reports whether two region names are the same division:
// mediq tags a province by its short name (浙江), a reader may write it
// in full (浙江省); mediq names a district with its city before it
// (上海市崇明区), a reader may write it alone.
func sameRegion(a, b string) bool {
	tag := func(name string) string {
		if r, ok := regions.Lookup(name); ok {
			return r.Tag()
		}
		return name
	}
	if a == b || tag(a) == tag(b) {
		return true
	}
	// a district named with its city before it (上海市崇明区, 乐山市市中区)
	// is the district
	for _, p := range [][2]string{{a, b}, {b, a}} {
		if city, ok := strings.CutSuffix(p[0], p[1]); ok && city != "" && strings.HasSuffix(p[1], "区") {
			if _, found := regions.Lookup(city); found {
				return true
			}
		}
	}
	return false
}

// TestUnseenCorpus scores the loader on each part of the unseen corpus and
// fails below its bars: the figures and context issues' bars on the tune
// part; on the later parts, the numbers they reached once their first,
// untouched measurement was taken (the README gives both), so that no change
// makes them worse unseen.
func TestUnseenCorpus(t *testing.T) {
	type bars struct{ recall, precision, fields, period, role, region, subject float64 }
	for _, half := range []struct {
		name string
		bars bars
	}{
		{"tune", bars{0.97, 0.97, 0.97, 0.95, 0.95, 0.97, 0.90}},
		{"second", bars{0.99, 0.99, 0.99, 0.96, 0.98, 0.98, 0.73}},
		{"third", bars{0.99, 0.99, 0.98, 0.92, 0.99, 0.99, 0.99}},
		{"fourth-a", bars{0.99, 0.99, 0.99, 0.90, 0.98, 0.99, 0.95}},
		{"fourth-b", bars{0.99, 0.99, 0.79, 0.95, 0.98, 0.99, 0.96}},
		{"fifth-a", bars{0.99, 0.99, 0.50, 0.96, 0.97, 0.97, 0.94}},
		{"fifth-b", bars{0.99, 0.96, 0.48, 0.83, 0.96, 0.99, 0.49}},
		{"sixth-a", bars{0.98, 0.99, 0.98, 0.94, 0.97, 0.99, 0.97}},
		{"sixth-b", bars{0.99, 0.99, 0.99, 0.87, 0.95, 0.99, 0.97}},
		{"seventh-a", bars{0.99, 0.99, 0.99, 0.90, 0.99, 0.99, 0.95}},
		{"seventh-b", bars{0.99, 0.99, 0.99, 0.98, 0.98, 0.99, 0.97}},
		{"eighth-a", bars{0.99, 0.93, 0.70, 0.67, 0.79, 0.97, 0.88}},
		{"eighth-b", bars{0.99, 0.98, 0.99, 0.95, 0.96, 0.94, 0.88}},
		{"ninth-a", bars{0.99, 0.97, 0.99, 0.90, 0.97, 0.98, 0.96}},
		{"ninth-b", bars{0.99, 0.99, 0.99, 0.82, 0.98, 0.99, 0.96}},
		{"tenth-a", bars{0.98, 0.99, 0.98, 0.89, 0.93, 0.97, 0.96}},
		{"tenth-b", bars{0.99, 0.99, 0.97, 0.96, 0.99, 0.99, 0.94}},
		{"eleventh-a", bars{0.99, 0.99, 0.99, 0.86, 0.92, 0.97, 0.85}},
		{"eleventh-b", bars{0.98, 0.98, 0.98, 0.85, 0.97, 0.99, 0.99}},
		{"twelfth-a", bars{0.99, 0.99, 0.57, 0.75, 0.98, 0.99, 0.91}},
		{"twelfth-b", bars{0.99, 0.99, 0.96, 0.80, 0.88, 0.99, 0.94}},
	} {
		t.Run(half.name, func(t *testing.T) {
			s := scoreCorpus(t, filepath.Join("testdata", "unseen", half.name))
			t.Logf("%s part:\n%s", half.name, s)
			if testing.Verbose() {
				for _, p := range s.problems {
					t.Log(p)
				}
			}
			b := half.bars
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"recall", s.recall(), b.recall},
				{"precision", s.precision(), b.precision},
				{"value, unit and qualifier", s.fieldsRight(), b.fields},
				{"period", ratio(s.ctxRight["period"], s.ctxN["period"]), b.period},
				{"role", ratio(s.ctxRight["role"], s.ctxN["role"]), b.role},
				{"region", ratio(s.ctxRight["region"], s.ctxN["region"]), b.region},
				{"subject", ratio(s.ctxRight["subject"], s.ctxN["subject"]), b.subject},
			} {
				if c.got < c.want {
					t.Errorf("%s %.3f, below the bar %.2f (go test -run TestUnseenCorpus -v ./loader lists every problem)", c.what, c.got, c.want)
				}
			}
		})
	}
}
