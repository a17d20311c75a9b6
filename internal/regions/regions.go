// Package regions is China's administrative divisions at country, province
// and prefecture level, as data (regions.tsv, embedded), with a matcher that
// finds the divisions a text names.
//
// Importing the package costs about 15 KB of embedded text; nothing is parsed
// until Find, Lookup or All is first called.
package regions

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/runes"
)

//go:embed regions.tsv
var regionsTSV string

//go:embed words.tsv
var wordsTSV string

// Levels of a division, as Region.Level holds them.
const (
	LevelCountry    = "country"
	LevelProvince   = "province"
	LevelPrefecture = "prefecture"
)

// Country is the tag of the national level.
const Country = "全国"

// Region is one administrative division.
type Region struct {
	Name     string // full name: 广西壮族自治区, 南宁市, 黔东南苗族侗族自治州, 中华人民共和国
	Short    string // common short name: 广西, 南宁, 黔东南, 全国
	Level    string // LevelCountry, LevelProvince or LevelPrefecture
	Province string // the province's short name; empty for the country
}

// Tag returns the region tag mediq stores: a province by its short name
// (广西, 内蒙古, 北京), a prefecture by its full name (三亚市,
// 黔东南苗族侗族自治州), the country as 全国.
func (r Region) Tag() string {
	switch r.Level {
	case LevelCountry:
		return Country
	case LevelProvince:
		return r.Short
	}
	return r.Name
}

// Mention is a division named in a text: s[Start:End] (byte offsets) names
// Region.
type Mention struct {
	Start, End int
	Region     Region
}

// All returns every division: the country, then each province followed by
// its prefectures, in the order of regions.tsv.
func All() []Region { return slices.Clone(table().regions) }

// Lookup returns the division a name stands for: a full name (江西省,
// 三亚市), a short name (江西, 三亚, 黔东南; 吉林 and 海南 are the
// provinces), a short name with its generic part (恩施州, 海南州, 阿里地区),
// or a name of the country (全国, 中国, 国家, 中华人民共和国).
func Lookup(name string) (Region, bool) {
	t := table()
	if i, ok := t.byName[name]; ok {
		return t.regions[i], true
	}
	if ms := Find(name); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(name) {
		return ms[0].Region, true
	}
	return Region{}, false
}

// Find returns every mention of a division in s, left to right and
// non-overlapping; where names of different length start at the same place
// the longest counts (广西壮族自治区 over 广西, 吉林市 over 吉林). The rules:
//
//   - A full name always counts: 江西省, 南宁市, 黔东南苗族侗族自治州, 中华人民共和国.
//   - A province's short name always counts: 广西, 内蒙古, 北京. Where a
//     province and a prefecture share a short name (吉林, 海南), it is the
//     province, unless the generic part follows (吉林市, 海南州).
//   - A prefecture's short name counts with a generic part after it, which is
//     then part of the mention: 市 for a city, 州 for an autonomous
//     prefecture, 盟 for a league, 地区 for any (恩施州, 南宁地区).
//   - A prefecture's short name without its generic part counts when it
//     starts a word: at the start of s, after a character that is not Han,
//     right after another mention (广西南宁), or after one of the characters
//     that end the word before a place name (在 于 和 与 及 同 至 到 赴 从 自
//     往 向 对 为 是 的 了 省 市 区 州 县 盟 等 如 含); so 推广安全 does not
//     name 广安 and 工作中卫生 does not name 中卫. A short name that is
//     also an ordinary word (words.tsv: 来宾, 安康, 开封, 大理 …) counts bare
//     only right after another mention.
//   - The country is 全国, 中国 and 中华人民共和国 wherever they stand, 国务院
//     (the State Council), and 国家 where it starts a name (国家医保局,
//     国家卫生健康委, 国家组织): at a word start as above and followed by a
//     Han character, so that 发达国家 is not the country.
func Find(s string) []Mention {
	return table().find(s)
}

// kinds of name a candidate matches.
const (
	nameFull     = iota // a full name
	nameShort           // a province's short name, or a country name that always counts
	namePrefect         // a prefecture's short name
	nameNational        // 国家
)

type candidate struct {
	name string
	idx  int // into regions
	kind int
}

type matcher struct {
	regions []Region
	byName  map[string]int
	first   map[rune][]candidate // by first rune, longest name first, so a tie goes to the longer name
	// firstBits has bit r set when a name begins with rune r (r < 1<<16):
	// most runes of a text are passed on it without a map look-up.
	firstBits [1 << 10]uint64
	common    map[string]bool // prefecture short names that are ordinary words
}

var table = sync.OnceValue(build)

func build() *matcher {
	m := &matcher{byName: map[string]int{}, first: map[rune][]candidate{}, common: map[string]bool{}}
	for _, ln := range strings.Split(regionsTSV, "\n") {
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		f := strings.Split(ln, "\t")
		if len(f) != 4 {
			panic("regions.tsv: want 4 tab-separated columns: " + ln)
		}
		m.regions = append(m.regions, Region{Name: f[0], Short: f[1], Level: f[2], Province: f[3]})
	}
	for _, ln := range strings.Split(wordsTSV, "\n") {
		if ln != "" && !strings.HasPrefix(ln, "#") {
			w, _, _ := strings.Cut(ln, "\t")
			m.common[w] = true
		}
	}
	add := func(name string, idx, kind int) {
		if _, ok := m.byName[name]; !ok {
			m.byName[name] = idx // first wins: a province before a prefecture
		}
		r, _ := utf8.DecodeRuneInString(name)
		m.first[r] = append(m.first[r], candidate{name, idx, kind})
		if r >= 1<<16 {
			panic("regions: a name begins beyond the Basic Multilingual Plane: " + name)
		}
		m.firstBits[r>>6] |= 1 << (r & 63)
	}
	for i, r := range m.regions {
		add(r.Name, i, nameFull)
		switch r.Level {
		case LevelCountry:
			add(r.Short, i, nameShort)
			add("中国", i, nameShort)
			add("国务院", i, nameShort)
			add("国家", i, nameNational)
		case LevelProvince:
			add(r.Short, i, nameShort)
		default:
			add(r.Short, i, namePrefect)
		}
	}
	for _, cs := range m.first {
		slices.SortStableFunc(cs, func(a, b candidate) int { return len(b.name) - len(a.name) })
	}
	return m
}

func (m *matcher) find(s string) []Mention {
	var out []Mention
	last := -1 // where the previous mention ended
	for i := 0; i < len(s); {
		r, size := runes.At(s, i)
		if r >= 1<<16 || m.firstBits[r>>6]&(1<<(r&63)) == 0 {
			i += size
			continue
		}
		if cs, ok := m.first[r]; ok {
			if idx, end := m.match(s, i, i == last, cs); end > i {
				out = append(out, Mention{Start: i, End: end, Region: m.regions[idx]})
				i, last = end, end
				continue
			}
		}
		i += size
	}
	return out
}

// match returns the longest mention starting at s[i:] among cs, and its end;
// end is i when none counts. adjacent reports that a mention ends at i.
func (m *matcher) match(s string, i int, adjacent bool, cs []candidate) (idx, end int) {
	end = i
	for _, c := range cs {
		if !strings.HasPrefix(s[i:], c.name) {
			continue
		}
		e := i + len(c.name)
		switch c.kind {
		case namePrefect:
			if n := m.suffix(s[e:], m.regions[c.idx].Name); n > 0 {
				e += n
			} else if !adjacent && (m.common[c.name] || !wordStart(s, i)) {
				continue
			}
		case nameNational:
			next, _ := utf8.DecodeRuneInString(s[e:])
			if !(adjacent || wordStart(s, i)) || !unicode.Is(unicode.Han, next) {
				continue
			}
		}
		if e > end {
			idx, end = c.idx, e
		}
	}
	return idx, end
}

// suffix returns the length of the generic part at the start of rest that
// may follow the short name of the prefecture named full, or 0.
func (m *matcher) suffix(rest, full string) int {
	switch {
	case strings.HasPrefix(rest, "地区"):
		return len("地区")
	case strings.HasPrefix(rest, "市") && strings.HasSuffix(full, "市"):
		return len("市")
	case strings.HasPrefix(rest, "州") && strings.HasSuffix(full, "自治州"):
		return len("州")
	case strings.HasPrefix(rest, "盟") && strings.HasSuffix(full, "盟"):
		return len("盟")
	}
	return 0
}

// wordBefore are the characters after which a place name starts a word.
const wordBefore = "在于和与及同至到赴从自往向对为是的了省市区州县盟等如含"

// wordStart reports whether a name at s[i:] starts a word: see Find.
func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.Is(unicode.Han, r) || strings.ContainsRune(wordBefore, r)
}
