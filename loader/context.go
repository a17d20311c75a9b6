package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Roles, as stored in figures.role.
const (
	RoleActual   = "actual"
	RoleTarget   = "target"
	RoleBaseline = "baseline"
	RoleChange   = "change"
)

// context attaches period, role, region, issuer and speaker to a figure of
// sentence si in document d.
func (p *Parsed) context(d *Doc, f Figure, si int, table *tableState) Row {
	s := d.Sentences[si]
	row := Row{Figure: f, Sentence: si, Region: d.Region, Issuer: d.Issuer(), Speaker: s.Speaker, Pair: -1}
	if s.SpeakerIndex >= 0 {
		sp := d.Speakers[s.SpeakerIndex]
		if sp.Region != "" {
			row.Region = sp.Region
		}
		if sp.Agency != "" {
			row.Issuer = sp.Agency
			row.IssuerNote = "agency of speaker " + sp.Name
		}
		if sp.Correction != "" {
			for _, c := range p.Source.Corrections {
				if c.Find == sp.Correction {
					row.IssuerNote = fmt.Sprintf("agency of speaker %s; the page shows %q in its place (manifest correction: %s)", sp.Name, c.Find, c.Reason)
				}
			}
		}
	}
	if p.cityFor != si || p.marksDoc != d {
		p.city, p.cityFor = cityOf(s.Text), si
	}
	if p.city != "" {
		row.Region = p.city
	}
	docYear := yearPrefix(d.Date)
	if table != nil {
		row.Period = yearOf(f.Column)
		switch {
		case row.Period == "":
		case docYear != "" && row.Period > docYear:
			row.Role = RoleTarget
		case table.laterYear(f.Column):
			row.Role = RoleBaseline
		default:
			row.Role = RoleActual
		}
		return row
	}
	if p.marksFor != si || p.marksDoc != d {
		p.marks, p.marksFor, p.marksDoc = periodMarks(s.Text, d.Date), si, d
	}
	// The text before the figure, sliced from the sentence (its runes are
	// text[s.Start:s.End]) rather than built anew.
	before := s.Text[:byteOffset(s.Text, f.Start-s.Start)]
	row.Period = lastPeriod(p.marks, len(before))
	row.Role = roleOf(before, row.Period, d.Date, d.Kind, s.Section)
	if row.Role == RoleChange || row.Role == RoleTarget {
		row.Direction = directionOf(before) // 增加20个… in a task is a target that rises
	}
	return row
}

var (
	reAsOfMonthEnd = lazyRegexp(`截至\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末)`)
	reAsOfDay      = lazyRegexp(`截至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reAsOfYearEnd  = lazyRegexp(`(?:截至|到)\s*(\d{4})\s*年(?:底|末)`)
	reSince        = lazyRegexp(`(\d{4})\s*年(?:以来|至今)`)
	reYear         = lazyRegexp(`(\d{4})\s*年`)
	reThisYear     = lazyRegexp(`今年|本年度`)
	reLastYear     = lazyRegexp(`去年|上年`)
	reNow          = lazyRegexp(`截至目前|目前|截至今年`)
	reFiveYear     = lazyRegexp(`“?(十[一二三四五六七八九])五”?(期末|时期|期间|末)`)
	reBaseYear     = lazyRegexp(`(?:较|比|从|自|于)\s*(\d{4})\s*年(?:底|末)?$`)
)

// periodMark is a date expression in a sentence: the byte offset where it
// ends and the period it names.
type periodMark struct {
	at     int
	period string
}

// periodOf returns the period the text before a figure gives it, normalized:
// 2025, 2025-09-30, 2022/2025 for a span, or "" when the text gives none.
// The last expression before the figure wins.
func periodOf(before, docDate string) string {
	return lastPeriod(periodMarks(before, docDate), len(before))
}

// findIf returns the submatch indexes of re in text, running re only when
// text holds one of the words it cannot match without.
func findIf(text string, words []string, re func() *regexp.Regexp) [][]int {
	if !containsAny(text, words) {
		return nil
	}
	return re().FindAllStringSubmatchIndex(text, -1)
}

// lastPeriod returns the period of the last mark ending at or before at.
func lastPeriod(marks []periodMark, at int) string {
	best, bestAt := "", -1
	for _, m := range marks {
		if m.at <= at && m.at > bestAt {
			best, bestAt = m.period, m.at
		}
	}
	return best
}

// periodMarks finds every date expression in a sentence that can set the
// period of a figure after it.
func periodMarks(text, docDate string) []periodMark {
	docYear := yearPrefix(docDate)
	var out []periodMark
	if !strings.ContainsAny(text, "年今目五") {
		return nil // no expression below can match
	}
	consider := func(at int, period string) { out = append(out, periodMark{at, period}) }
	for _, m := range reYear().FindAllStringSubmatchIndex(text, -1) {
		if reBaseYear().MatchString(text[max(0, m[0]-6):m[1]]) || reBaseYear().MatchString(text[max(0, m[0]-6):min(m[1]+3, len(text))]) {
			continue // 较2024年底增加: the base of a change, not the period
		}
		consider(m[1], text[m[2]:m[3]])
	}
	for _, m := range findIf(text, []string{"以来", "至今"}, reSince) {
		y := text[m[2]:m[3]]
		if y < docYear {
			consider(m[1], y+"/"+docYear)
		} else {
			consider(m[1], y)
		}
	}
	for _, m := range findIf(text, []string{"截至", "到"}, reAsOfYearEnd) {
		consider(m[1], text[m[2]:m[3]]+"-12-31")
	}
	for _, m := range findIf(text, []string{"截至"}, reAsOfMonthEnd) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		consider(m[1], fmt.Sprintf("%04d-%02d-%02d", y, mo, lastDay(y, mo)))
	}
	for _, m := range findIf(text, []string{"截至"}, reAsOfDay) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		dd, _ := strconv.Atoi(text[m[6]:m[7]])
		consider(m[1], fmt.Sprintf("%04d-%02d-%02d", y, mo, dd))
	}
	for _, m := range findIf(text, []string{"今年", "本年度"}, reThisYear) {
		consider(m[1], docYear)
	}
	for _, m := range findIf(text, []string{"去年", "上年"}, reLastYear) {
		y, _ := strconv.Atoi(docYear)
		consider(m[1], strconv.Itoa(y-1))
	}
	for _, m := range findIf(text, []string{"目前", "截至今年"}, reNow) {
		consider(m[1], docDate)
	}
	for _, m := range findIf(text, []string{"五"}, reFiveYear) {
		end := fiveYearPlanEnd(text[m[2]:m[3]])
		if end == 0 {
			continue
		}
		if text[m[4]:m[5]] == "期末" || text[m[4]:m[5]] == "末" {
			consider(m[1], strconv.Itoa(end))
		} else {
			consider(m[1], fmt.Sprintf("%d/%d", end-4, end))
		}
	}
	// A later, more precise expression at the same place wins: 截至2025年9月底
	// over its 2025年.
	return out
}

// fiveYearPlanEnd returns the last year of the n-th five-year plan named by
// 十三 (2020), 十四 (2025), …
func fiveYearPlanEnd(ordinal string) int {
	v, err := ParseChinese(ordinal)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(string(v))
	return 2020 + (n-13)*5
}

func lastDay(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

var ()

// roleOf returns the role the text before a figure gives it. In plans and
// key-task notices a figure is a target unless the text places it in the
// past; elsewhere it is an actual value unless the text says otherwise.
func roleOf(before, period, docDate, kind, section string) string {
	clause := before
	if i := strings.LastIndexAny(clause, "，,；;"); i >= 0 {
		clause = clause[i:]
	}
	// The suffix patterns (从…, 提高到…, 增长…) look only at the words right
	// before the figure.
	tail := lastRunes(before, 16)
	future := isFuture(period, docDate)
	planned := (kind == "plan" || kind == "notice") && !containsAny(before, pastWords) && !containsAny(section, pastSections) &&
		(period == "" || !isPast(period, docDate))
	switch {
	case endsWith(tail, fromWords, fromFillers):
		return RoleBaseline
	case endsWith(tail, toWords, toFillers):
		if future || planned || containsAny(before, targetWords) {
			return RoleTarget
		}
		return RoleActual
	case endsWith(tail, changeWords, verbFillers) && !planned:
		return RoleChange
	case future, planned, containsAny(clause, targetWords), strings.Contains(before, "到") && reByYear().MatchString(before):
		return RoleTarget
	}
	return RoleActual
}

// Words that say what a figure is: each list is checked with
// strings.Contains, cheaper than a regular expression of alternatives.
var (
	// targetWords say the text is about what is to be reached.
	targetWords = []string{"力争", "目标", "确保", "预计", "将达到", "计划", "争取", "要求", "以上的县", "不少于", "不低于"}
	// pastWords place a plan's figure in the past: 已, 累计, 截至.
	pastWords = []string{"已", "累计", "截至", "期间", "期末", "以来", "完成了", "实现了"}
	// pastSections name a plan's review of what was achieved.
	pastSections = []string{"发展基础", "基本形势", "面临形势", "工作回顾", "取得成效"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// The words right before a figure that give its role and direction, each
// list with the fillers that may stand between it and the number: 降幅达75%,
// 从每人每年不低于550元, 增加至38种.
var (
	changeWords = []string{"增长", "增加", "提高", "提升", "下降", "降低", "减少", "降幅", "增幅", "降价", "上涨", "涨幅", "减轻", "节约", "增"}
	upWords     = []string{"增长", "增加", "提高", "提升", "扩大", "上涨", "涨幅", "增幅", "新增", "增"}
	downWords   = []string{"下降", "降低", "减少", "降幅", "降价", "减轻", "节约", "下调", "降"}
	verbFillers = []string{"了", "达到", "达", "约", "超过", "近"}
	// fromWords mark the starting value of a from–to pair: 从3万元提高到6万元.
	fromWords   = []string{"从", "由", "从每人每年", "由每人每年"}
	fromFillers = []string{"不低于", "不少于"}
	// toWords mark the value reached: 增加至38种, 提高到6万元.
	toWords   = []string{"至", "到"}
	toFillers = []string{"不低于", "不少于"}
)

// endsWith reports whether s, less trailing spaces and at most one of
// fillers, ends with one of words.
func endsWith(s string, words, fillers []string) bool {
	s = strings.TrimRight(s, " \u3000")
	if hasSuffixAny(s, words) {
		return true
	}
	for _, f := range fillers {
		if t, ok := strings.CutSuffix(s, f); ok && hasSuffixAny(t, words) {
			return true
		}
	}
	return false
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// byteOffset returns the byte offset of the n-th rune of s.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

var (
	// reByYear is a deadline: 到2025年, 到2023年底.
	reByYear = lazyRegexp(`到\s*\d{4}\s*年`)
)

// isFuture reports whether a period lies after the document's date.
func isFuture(period, docDate string) bool {
	if period == "" || docDate == "" {
		return false
	}
	if i := strings.IndexByte(period, '/'); i >= 0 {
		period = period[i+1:]
	}
	if len(period) == 4 {
		return period > yearPrefix(docDate)
	}
	return period > docDate
}

// isPast reports whether a period ends before the document's year.
func isPast(period, docDate string) bool {
	if i := strings.IndexByte(period, '/'); i >= 0 {
		period = period[i+1:]
	}
	return yearPrefix(period) < yearPrefix(docDate)
}

// yearOf returns the four-digit year a table header names (2020年 → 2020).
func yearOf(h string) string {
	m := reYear().FindStringSubmatch(h)
	if m == nil {
		return ""
	}
	return m[1]
}

// yearPrefix returns the year a date or period starts with, or "" when it
// names none (a document whose date is unknown).
func yearPrefix(date string) string {
	if len(date) < 4 {
		return ""
	}
	return date[:4]
}

var ()

// directionOf returns up or down for a change, from the verb before it.
func directionOf(before string) string {
	before = lastRunes(before, 12)
	switch {
	case endsWith(before, upWords, verbFillers):
		return "up"
	case endsWith(before, downWords, verbFillers):
		return "down"
	}
	return ""
}

// linkPairs links each from–to pair of a document (从3万元提高到6万元,
// 从29个病种扩大到38个病种): a baseline and the next figure of its sentence
// with the same unit.
func linkPairs(d *Doc) {
	for i := range d.Figures {
		f := &d.Figures[i]
		if f.Role != RoleBaseline || f.Label != "" || f.Pair >= 0 {
			continue
		}
		for j := i + 1; j < len(d.Figures) && d.Figures[j].Sentence == f.Sentence; j++ {
			g := &d.Figures[j]
			if g.Unit == f.Unit && g.Role != RoleBaseline {
				f.Pair, g.Pair = j, i
				if g.Direction == "" {
					if g.Value.Less(f.Value) {
						g.Direction = "down"
					} else if f.Value.Less(g.Value) {
						g.Direction = "up"
					}
				}
				break
			}
		}
	}
}

// lazyRegexp compiles a pattern when it is first used, not at start-up:
// the mediq command imports the loader but most runs never parse.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// cityOf returns the city a sentence is about, 延安市 for …延安市组建…, when
// it names exactly one city of the cities table (with 市), else "".
func cityOf(sentence string) string {
	if !strings.Contains(sentence, "市") {
		return ""
	}
	found := ""
	for _, list := range cities {
		for _, c := range list {
			if strings.Contains(sentence, c+"市") {
				if found != "" && found != c+"市" {
					return "" // several cities: the province's figure
				}
				found = c + "市"
			}
		}
	}
	return found
}
