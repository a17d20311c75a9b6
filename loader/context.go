package loader

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/hanscript"
	"github.com/mediq/mediq/internal/regions"
	"github.com/mediq/mediq/internal/runes"
)

// Roles, as stored in figures.role.
const (
	RoleActual   = "actual"
	RoleTarget   = "target"
	RoleBaseline = "baseline"
	RoleChange   = "change"
)

// The context rules (FIGURES.md §4), each a statement about Chinese text:
//
// Period. A figure's period is the last date expression before it in its
// sentence (2024年, 截至9月底, 今年以来, 上半年, “十四五”期间, 到2025年);
// failing that, the last one of an earlier sentence of its paragraph;
// failing that, its section's (its heading's, or the first its paragraphs
// state); failing that, the one its document's title names. A comparison
// base (比上年, 较去年同期, 较2024年底) sets the period of neither figure; a
// span in brackets names a programme (行动方案（2025—2027年）), not a period;
// a deadline names its year (到2025年底 is 2025), an as-of its day (截至
// 2025年9月底, 2023年末). A speaker's turn starts afresh. A table cell takes
// its column's year, else its row label's year, else the period its
// caption, header or title line names.
//
// Role. The words right before a figure decide: 可达/最高 make a ceiling,
// which has no role; 从/由 make the start of a from–to pair a baseline; a
// change verb (增长, 下降, 提高 …) or a difference in 百分点 makes a change
// (a target that rises, in a plan's or notice's task still to be done);
// 到/至 after a verb make the value reached. Then target words (力争, 目标,
// a deadline 到2025年 not past) make a target, a rule's words (应当, 不得,
// 罚款, 日内) make no role, actual words (截至, 已, 累计 …) an actual. Then
// the period: after the document's date a target, before it an actual.
// Only where none of these speaks does the document's kind decide: a plan's
// or notice's figure (or its task for its own year) is a target, any other
// an actual. A table's year column is a baseline beside a later column that
// is a target, and its header's words (目标, 增减, 基期) name the role.
//
// Region. A figure describes the place its clause names (延安市组建…),
// else the place its paragraph last named, else its speaker's, else its
// document's. 全区/全省/我省 name the province named before them in the
// sentence, else the document's own place; a place after 比/较/高于/低于 is
// a comparison base and names nothing, and a place inside a book title names
// a document.
//
// Subject. A count of a classifier with a noun after it measures that noun
// (29个疫苗临床试验现场), a share before 的 the noun after it (90%的乡镇卫生
// 院), a bound before 罚款 the fine; a rank measures what is ranked; any other
// figure measures the noun phrase that ends right before it in its clause
// (合格率99.21%), less the time and place words and the verbs that link it
// to the figure; a change with no noun of its own (比上年增加…) measures the
// figure before it, and a figure after 分别 its counterpart before 分别. A
// table cell measures its row label, or, in a yearbook whose rows are years,
// its column.

// docContext is what the context rules carry from sentence to sentence
// while a document is read.
type docContext struct {
	doc *Doc
	// the sentence last given context, its date expressions, and where it
	// names a year's end without its year (see periodMarksEnds)
	marksFor int
	marks    []periodMark
	bareEnds []int
	// paraPeriod is the period in force at the end of the paragraph's
	// sentences read so far; sectionPeriod the section heading's.
	paraPeriod, sectionPeriod string
	// sectionOpen is set until the section's heading or a paragraph of it
	// has stated a period.
	sectionOpen bool
	// traditional is set for a page in traditional characters: its
	// sentences are read through their simplified form (textFor, text),
	// which the expressions and word lists are written in.
	traditional bool
	textFor     int
	text        string
	simplified  []rune // see view
	// paraRegion is the place the paragraph last named, "" for its own.
	paraRegion string
	para       int // the sentence index the paragraph starts at
	read       int // the first sentence of the paragraph not yet read for them
	// the places the sentence last given context names
	placesFor int
	places    []regions.Mention
	// where byteOffset last stopped: sentence, rune and byte
	offFor, offRune, offByte int
}

// nearBytes bounds the text before a figure that its role's words are looked
// for in: about two hundred Chinese characters, so that a sentence as long as
// a document is read in linear time.
const nearBytes = 600

// window returns the last nearBytes of s, cut at a rune's start.
func window(s string) string {
	if len(s) <= nearBytes {
		return s
	}
	i := len(s) - nearBytes
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// titlePeriod returns the period the document's title names (2017年…发展
// 情况, …“十四五”规划), the default of a figure nothing nearer dates.
func (c *docContext) titlePeriod() string {
	if m := periodMarks(c.doc.Title, c.doc.Date); len(m) > 0 {
		return m[len(m)-1].period
	}
	if y := bracketYear(c.doc.Title); y != "" {
		return y
	}
	return planSpan(c.doc.Title)
}

// rePlanName is a five-year plan named in a title: “十四五”卫生健康发展规划.
var rePlanName = lazyRegexp(`“?(十[一二三四五六七八九])五”?`)

// planSpan returns the years of the five-year plan a title names (宝应县“十四五”
// 卫生健康发展规划 → 2021/2025), or "": a plan's figures are of its span.
func planSpan(title string) string {
	if !strings.Contains(title, "五") {
		return ""
	}
	if m := rePlanName().FindStringSubmatch(title); m != nil {
		if end := fiveYearPlanEnd(m[1]); end != 0 {
			return fmt.Sprintf("%d/%d", end-4, end)
		}
	}
	return ""
}

// reBracketYear is a year alone in brackets: (2023), （2023）.
var reBracketYear = lazyRegexp(`[(（]\s*(\d{4})\s*[)）]`)

// bracketYear returns the year a yearbook table's title or caption gives in
// brackets without 年 (17-6 卫生机构、床位和人员情况(2023)), or "".
func bracketYear(s string) string {
	if m := reBracketYear().FindStringSubmatch(s); m != nil && isYear(m[1]) {
		return m[1]
	}
	return ""
}

// byteOffset returns the byte offset of the n-th rune of the text of
// sentence si. The figures of a sentence come in order, so it goes on from
// where it last stopped: a sentence as long as a whole document costs no
// more than one pass.
func (c *docContext) byteOffset(si int, text string, n int) int {
	if c.offFor != si || n < c.offRune {
		c.offFor, c.offRune, c.offByte = si, 0, 0
	}
	for c.offRune < n && c.offByte < len(text) {
		_, size := utf8.DecodeRuneInString(text[c.offByte:])
		c.offByte += size
		c.offRune++
	}
	return c.offByte
}

// newParagraph starts a paragraph at sentence si.
func (c *docContext) newParagraph(si int) {
	c.paraPeriod, c.paraRegion, c.para, c.read = c.sectionPeriod, "", si, si
}

// heading records a section heading's period, which its paragraphs inherit.
func (c *docContext) heading(text string) {
	marks := periodMarks(text, c.doc.Date)
	c.sectionPeriod, c.sectionOpen = "", true
	if len(marks) > 0 {
		c.sectionPeriod, c.sectionOpen = marks[len(marks)-1].period, false
	}
}

// newTurn starts a speaker's turn in a transcript: the periods earlier
// speakers stated are not the new speaker's.
func (c *docContext) newTurn() {
	c.sectionPeriod, c.sectionOpen = "", true
}

// endParagraph lets the first paragraph of a section that states a period
// give it to the section: its later paragraphs inherit it (“十三五”期间，…
// opens a plan's 发展基础).
func (c *docContext) endParagraph() {
	if c.sectionOpen {
		c.readUpTo(len(c.doc.Sentences))
		if c.paraPeriod != "" {
			c.sectionPeriod, c.sectionOpen = c.paraPeriod, false
		}
	}
}

// readUpTo carries the periods and places the paragraph's sentences before
// si leave in force. It reads a sentence only when a figure after it needs
// what it says, so that the many sentences of a body with no figure after
// them in their paragraph cost nothing.
func (c *docContext) readUpTo(si int) {
	for ; c.read < si; c.read++ {
		s := c.doc.Sentences[c.read]
		s.Text = c.textOf(c.read)
		marks := c.marksOf(c.read)
		for k := len(marks) - 1; k >= 0; k-- {
			if !marks[k].clause { // 目前 dates its own clause only
				c.paraPeriod = marks[k].period
				break
			}
		}
		if len(marks) == 0 && len(c.bareEnds) > 0 {
			// 年末医疗卫生机构80492个, in a bulletin of 2017
			base := c.paraPeriod
			if base == "" {
				base = c.titlePeriod()
			}
			if isYear(base) {
				c.paraPeriod = base + "-12-31"
			}
		}
		if r := placeNamedIn(s.Text, len(s.Text), c.doc.Region, c.placesOf(c.read)); r != "" && (r != regions.Country || opensWith(s.Text, "全国")) {
			// 全国 inside a clause is mostly an attribute (获批全国…示范
			// 项目, 位居全国前列): it carries on only when it opens one
			c.paraRegion = r
		}
	}
}

// opensWith reports whether a sentence, less a leading date and comma,
// begins with word.
func opensWith(sentence, word string) bool {
	s := strings.TrimLeft(sentence, " ")
	if m := reLeadingTime().FindStringIndex(s); m != nil && m[0] == 0 {
		s = s[m[1]:]
	}
	s = strings.TrimLeft(s, "，, ")
	return strings.HasPrefix(s, word)
}

// marksOf returns the date expressions of sentence si, found once.
func (c *docContext) marksOf(si int) []periodMark {
	if c.marksFor != si {
		c.marks, c.bareEnds = periodMarksEnds(c.textOf(si), c.doc.Date)
		c.marksFor = si
	}
	return c.marks
}

// placesOf returns the places sentence si names, found once.
func (c *docContext) placesOf(si int) []regions.Mention {
	if c.placesFor != si {
		c.places, c.placesFor = regions.Find(c.textOf(si)), si
	}
	return c.places
}

// view returns the text the subject rules read: on a traditional page, a
// copy of text with each of the document's body lines in simplified
// characters where that keeps its length (the stops, links and comparison
// words are written in simplified ones), made once; else text itself.
func (c *docContext) view(text []rune) []rune {
	if !c.traditional {
		return text
	}
	if c.simplified == nil {
		v := slices.Clone(text)
		for _, b := range c.doc.Body {
			for lo := b.Start; lo < b.End; {
				hi := lo
				for hi < b.End && v[hi] != '\n' {
					hi++
				}
				if line := []rune(hanscript.Simplified(string(v[lo:hi]))); len(line) == hi-lo {
					copy(v[lo:hi], line)
				}
				lo = hi + 1
			}
		}
		c.simplified = v
	}
	return c.simplified
}

// textOf returns the text of sentence si as the context rules read it: in
// simplified characters on a traditional page, where that keeps every
// byte offset (one three-byte character for another); else as written.
func (c *docContext) textOf(si int) string {
	text := c.doc.Sentences[si].Text
	if !c.traditional {
		return text
	}
	if c.textFor != si {
		c.textFor, c.text = si, text
		if st := hanscript.Simplified(text); len(st) == len(text) {
			c.text = st
		}
	}
	return c.text
}

// context attaches period, role, region, subject, issuer and speaker to a
// figure of sentence si in document d. The subject is written in simplified
// characters, so that a measure lines up across pages in either script.
func (p *Parsed) context(d *Doc, f Figure, si int, table *Table) Row {
	row := p.rowContext(d, f, si, table)
	if p.ctx.traditional {
		row.Subject = hanscript.Simplified(row.Subject) // a table's labels
	}
	return row
}

// rowContext gives context the row of a figure, its subject as written.
func (p *Parsed) rowContext(d *Doc, f Figure, si int, table *Table) Row {
	c := &p.ctx
	s := d.Sentences[si]
	s.Text = c.textOf(si) // read, never stored: the row keeps the sentence's index
	row := Row{Figure: f, Sentence: si, Region: d.Region, Issuer: d.Issuer(), Speaker: s.Speaker, Pair: -1, Respective: -1}
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
			for _, cr := range p.Source.Corrections {
				if cr.Find == sp.Correction {
					row.IssuerNote = fmt.Sprintf("agency of speaker %s; the page shows %q in its place (manifest correction: %s)", sp.Name, cr.Find, cr.Reason)
				}
			}
		}
	}
	if table != nil {
		p.cellContext(d, &row, table)
		return row
	}
	// The text before the figure, sliced from the sentence (its runes are
	// text[s.Start:s.End]) rather than built anew.
	before := s.Text[:c.byteOffset(si, s.Text, f.Start-s.Start)]
	c.readUpTo(si)
	marks, places := c.marksOf(si), c.placesOf(si) // after readUpTo, which reads others
	row.Period = lastPeriod(marks, len(before), func(m periodMark) bool {
		if m.clause && strings.ContainsAny(before[m.at:], "；;") {
			return true // 目前 dated its own clause only
		}
		if closesAside(before[m.at:]) {
			return true // (2018年为75.7岁) dates its own aside only
		}
		if !m.from {
			return false
		}
		// a from date dates its own figure only: none may stand between
		for k := len(d.Figures) - 1; k >= 0 && d.Figures[k].Sentence == si; k-- {
			if byteOffset(s.Text, d.Figures[k].Start-s.Start) >= m.at {
				return true
			}
		}
		return false
	})
	if pr := respectivePeriod(before, marks, s, si, f, d.Figures); pr != "" {
		row.Period = pr
	} else if yearsBefore(marks, len(before)) >= 2 {
		if pr := parallelPeriod(p.Text, before, s, si, f, d.Figures); pr != "" {
			row.Period = pr
		}
	}
	inherited := row.Period == "" // from the paragraph, not the sentence
	if row.Period == "" {
		row.Period = c.paraPeriod
	}
	if row.Period == "" {
		row.Period = c.titlePeriod()
	}
	if inherited && isYear(row.Period) && len(c.bareEnds) > 0 && c.bareEnds[0] < len(before) {
		row.Period += "-12-31" // 年末…80492个: the end of the year in force
	}
	if r := placeNamedIn(s.Text, len(before), d.Region, places); r != "" {
		row.Region = r
	} else if c.paraRegion != "" && s.SpeakerIndex < 0 {
		row.Region = c.paraRegion
	}
	row.Role = roleOf(window(s.Text), window(before), row.Period, d.Date, d.Kind, f)
	if place, ok := baseInBrackets(s.Text, len(before), places); ok {
		// 优于全国平均水平(13.4/10万、5.4‰): the level compared with, of the
		// place named, a base that no date of the sentence dates
		row.Region, row.Role, row.Period = place, RoleBaseline, ""
	}
	if row.Role == RoleChange || row.Role == RoleTarget || row.Role == RoleActual {
		row.Direction = directionOf(before) // 增加20个… in a task is a target that rises
	}
	row.Subject = p.subjectOf(s, f, d.Figures)
	if n := classBound(c.view(p.Text), f, s.End); n != "" {
		// 5岁以下儿童, 100-199张医院: the bound names a class, it
		// measures nothing and is no target or actual
		row.Role, row.Subject = "", n
	}
	if name := respectiveName(s, si, before, f, d.Figures); name != "" {
		row.Subject = name
	}
	if k := respectiveOf(s, si, before, f, d.Figures); k >= 0 {
		row.Respective = k
		// a figure after 分别 measures what its partner before 分别 does,
		// unless words of its own name a measure
		if n := len(d.Figures); generic(row.Subject) || n > 0 && row.Subject == d.Figures[n-1].Subject {
			row.Subject = d.Figures[k].Subject
		}
	}
	row.Period = spanEnd(row.Period, row.Role, window(before), f, row.Subject)
	if inherited && strings.HasSuffix(row.Period, "-12-31") && isFlow(f, row.Subject) {
		// 2022年末… then 居民平均就诊6.0次: a year's end dates what stands
		// at it; what flows through the year is the year's
		row.Period = row.Period[:4]
	}
	if row.Role == RoleChange {
		row.Period = changePeriod(row.Period, window(before))
	}
	return row
}

// yearsBefore counts the date expressions before byte at that name a year
// alone: a list of years needs two.
func yearsBefore(marks []periodMark, at int) int {
	n := 0
	for _, m := range marks {
		if m.at <= at && isYear(m.period) {
			n++
		}
	}
	return n
}

// reYearList is a list of years joined by 和, 及, 与 or 、: 到2022年和2030年.
var reYearList = lazyRegexp(`\d{4}\s*年?(?:\s*(?:和|及|与|、)\s*\d{4}\s*年?)+`)

// parallelPeriod applies a list of years to a list of figures in a clause
// after it, in turn, as 分别 does but unwritten: in 力争到2022年和2030年，人均
// 预期寿命达到77岁和79岁, 77岁 is 2022's and 79岁 2030's. It applies only to
// a figure joined to another by 和, 及 or 、, and returns "" otherwise.
func parallelPeriod(text []rune, before string, s Sentence, si int, f Figure, prior []Row) string {
	if !strings.Contains(before, "年") {
		return ""
	}
	locs := reYearList().FindAllStringIndex(before, -1)
	if len(locs) == 0 {
		return ""
	}
	loc := locs[len(locs)-1]
	clause := runes.LastIndexAny(before, "，,；;。：:") + 1
	if clause < loc[1] {
		return "" // the figure is in the list's own clause
	}
	joined := func(r rune) bool { return r == '和' || r == '及' || r == '、' }
	trail := strings.TrimRightFunc(before, unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(trail)
	if !(f.End < s.End && joined(text[f.End])) && !(joined(last) && len(prior) > 0 && prior[len(prior)-1].Sentence == si) {
		return ""
	}
	var years []string
	for _, m := range reYear4().FindAllString(before[loc[0]:loc[1]], -1) {
		years = append(years, m)
	}
	k := 0 // the figure's place among the clause's figures
	for i := len(prior) - 1; i >= 0 && prior[i].Sentence == si; i-- {
		if byteOffset(s.Text, prior[i].Start-s.Start) >= clause {
			k++
		}
	}
	if k >= len(years) {
		return ""
	}
	return years[k]
}

// reYear4 is four digits: a year of a list.
var reYear4 = lazyRegexp(`\d{4}`)

// changePeriod returns the period of a change against a base year the
// text names two years or more before it, from the base to the change's
// period (比2015年增加1.53倍, in 2020: 2015/2020). A base at a date
// (较2024年底) or the year before leaves the period as it is.
func changePeriod(period, before string) string {
	clause := before[runes.LastIndexAny(before, "；;。")+1:]
	y := lastYearOf(period)
	if y == "" || !strings.Contains(clause, "年") {
		return period
	}
	m := reBaseYear().FindAllStringSubmatchIndex(clause, -1)
	if len(m) == 0 {
		return period
	}
	last := m[len(m)-1]
	if rest := clause[last[1]:]; strings.HasPrefix(rest, "底") || strings.HasPrefix(rest, "末") || strings.HasPrefix(rest, "同期") {
		return period
	}
	b := clause[last[2]:last[3]]
	by, _ := strconv.Atoi(b)
	if yy, _ := strconv.Atoi(y); yy-by >= 2 {
		return b + "/" + y // over several years; against the year before, the year's own
	}
	return period
}

// reBaseYear is a comparison with a named year: 比2015年, 较2010年底.
var reBaseYear = lazyRegexp(`(?:比|较|与)\s*(\d{4})\s*年`)

// respectiveOf returns, for a figure after 分别 in its sentence, the index
// of the figure with its unit before 分别 that it answers to, counting in
// order (共有891种药品和94类耗材…,分别较2024年底增加109种、15类), or -1.
func respectiveOf(s Sentence, si int, before string, f Figure, prior []Row) int {
	at := strings.LastIndex(before, "分别")
	if at < 0 {
		return -1
	}
	var earlier []int // the figures of f's unit before 分别
	k := 0            // and f's place among those after it
	first := len(prior)
	for first > 0 && prior[first-1].Sentence == si {
		first--
	}
	for i := first; i < len(prior); i++ {
		r := prior[i]
		if r.Unit != f.Unit || r.Start >= f.Start {
			continue
		}
		if byteOffset(s.Text, r.End-s.Start) <= at {
			earlier = append(earlier, i)
		} else {
			k++
		}
	}
	if opens := strings.TrimRight(before[:at], " "); len(earlier) == 0 && (opens == "" || strings.HasSuffix(opens, "，") || strings.HasSuffix(opens, ",")) {
		// no figure of its unit before 分别, which opens its clause: the
		// list is the figures before it in the sentence's part, whatever
		// their unit (收入9724.48亿元，支出9296.37亿元，分别比上年增长6.7%、
		// 13.9%). Where words come between (…住院费用基金支付比例分别达到),
		// they name the list and no figure answers.
		clause := runes.LastIndexAny(before[:at], "；;。") + 1
		k = 0
		for i := first; i < len(prior); i++ {
			r := prior[i]
			if r.Start >= f.Start {
				continue
			}
			switch b := byteOffset(s.Text, r.End-s.Start); {
			case b <= at && byteOffset(s.Text, r.Start-s.Start) >= clause:
				earlier = append(earlier, i)
			case b > at:
				k++
			}
		}
	}
	if k >= len(earlier) {
		return -1
	}
	return earlier[k]
}

// spanEnd dates a level reached in a span of years by the span's end, and
// the start of a from–to pair in it by the year before the span: in “十二五”
// 时期…床位从103624张增加到176674张, the first is 2010's, the second 2015's,
// and 每千人口床位数达到5.86张 is 2015's. A change, a count that may add up
// the span, and a level held over it (参保率稳定在95%以上) keep the span.
func spanEnd(period, role, before string, f Figure, subject string) string {
	from, to, ok := strings.Cut(period, "/")
	if !ok || !isYear(from) || !isYear(to) {
		return period
	}
	tail := strings.TrimRight(lastRunes(before, 16), " ")
	if at := trailingDate(tail); at >= 0 {
		tail = tail[:at]
	}
	switch {
	case role == RoleBaseline && endsWith(tail, words("from"), words("from-filler")):
		y, _ := strconv.Atoi(from)
		return strconv.Itoa(y - 1)
	case (role == RoleActual || role == RoleTarget) && endsWith(tail, words("to"), words("to-filler")):
		return to
	case (role == RoleActual || role == RoleTarget) && hasSuffixAny(tail, words("reach")) && isLevel(f, subject):
		return to
	}
	return period
}

// isLevel reports whether a figure is a level, never a total over time: a
// ratio (98%, 19.28%) or a rate per head (每千常住人口床位数5.86张, 年人均
// 380元). A count reached (受益人数达1.25亿人次) may add up a span.
func isLevel(f Figure, subject string) bool {
	if u := lex().unitNamed(f.Unit); u != nil && (u.class == ClassRatio || u.class == ClassRate) || strings.Contains(f.Unit, "/") {
		return true
	}
	return hasPrefixWord(subject, "per-head") || hasWord(subject, "rate-noun")
}

// isFlow reports whether a figure counts what flows through a period
// rather than what stands at its end: visits, bed-days, money spent or
// received, a rate over the year (lexicon/roles.tsv, flow-unit and
// flow-noun).
func isFlow(f Figure, subject string) bool {
	for _, u := range words("flow-unit") {
		if f.Unit == u {
			return true
		}
	}
	return hasWord(subject, "flow-noun")
}

// classBound returns the noun a bound or a range qualifies when the
// figure names a class of it rather than measures anything (5岁以下儿童,
// 65岁及以上老年人, 100-199张医院, 500万元以上项目), or "": a bound or a
// range of a count, an age or an amount, followed at once by the noun. A
// ratio so placed (90%以上的乡镇卫生院) is a share, a measure, and so is an
// approximate count (一千八百多家医院, 5万余名医生): 多 and 余 round a
// number, they bound no class.
func classBound(text []rune, f Figure, end int) string {
	switch f.Qualifier {
	case GT, GTE, LT, LTE, Range:
	default:
		return ""
	}
	for _, r := range f.Raw {
		if _, ok := lex().markers[r]; ok {
			return ""
		}
	}
	if u := lex().unitNamed(f.Unit); f.Unit == "" || u != nil && u.class == ClassRatio || strings.Contains(f.Unit, "/") {
		return ""
	}
	return nounAfter(text, f.End, end)
}

// respectiveName returns, for a figure after 分别, the name it answers to
// when the clause before 分别 lists names with 、 and no figure (婴儿死亡
// 率、5岁以下儿童死亡率、孕产妇死亡率分别下降到4.0‰、4.5‰、10/10万): the
// k-th figure after 分别 takes the k-th name. It returns "" otherwise.
func respectiveName(s Sentence, si int, before string, f Figure, prior []Row) string {
	at := strings.LastIndex(before, "分别")
	if at < 0 {
		return ""
	}
	clause := before[runes.LastIndexAny(before[:at], "，,；;。：:")+1 : at]
	names := strings.Split(clause, "、")
	if len(names) < 2 {
		return ""
	}
	k, inList := 0, 0
	for i := len(prior) - 1; i >= 0 && prior[i].Sentence == si; i-- {
		switch b := byteOffset(s.Text, prior[i].Start-s.Start); {
		case b > at:
			k++
		case b >= at-len(clause) && prior[i].Role != "":
			inList++ // a measure in the list: not a list of names
		}
	}
	if k >= len(names) || inList > 0 {
		return "" // a bound naming a class inside a name (5岁以下) has no role
	}
	return subjectOfLabel(leadTrimmed(strings.TrimSpace(names[k])))
}

// leadTrimmed cuts the words that open a clause before its subject
// (全国, 其中, 目前) and the self words (全省) from the head of s.
func leadTrimmed(s string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range append(words("subject-lead"), words("self")...) {
			if t, ok := strings.CutPrefix(s, w); ok && t != "" {
				s, changed = t, true
			}
		}
	}
	return s
}

// generic reports whether a subject names no measure of its own: empty, or
// only the words of a comparison (分别较2024年底).
func generic(subject string) bool {
	s := strings.TrimSpace(subject)
	return s == "" || strings.HasPrefix(s, "分别") || opensComparison(s)
}

// opensComparison reports whether a phrase opens with the words of a
// comparison (比上年, 较2024年底, 同比, 环比): it names a base, no measure.
func opensComparison(s string) bool { return hasPrefixWord(s, "comparison") }

// respectivePeriod applies 分别 to periods: in 到2022年和2030年…分别不低于22%
// 和30%, the figures after 分别 take the periods listed before it in turn.
// It returns "" where the rule does not apply.
func respectivePeriod(before string, marks []periodMark, s Sentence, si int, f Figure, prior []Row) string {
	at := strings.LastIndex(before, "分别")
	if at < 0 {
		return ""
	}
	clause := max(0, runes.LastIndexAny(before[:at], "；;。")) // the list is in 分别's clause
	var list []string
	for _, m := range marks {
		if m.at <= at && m.at > clause {
			list = append(list, m.period)
		}
	}
	if len(list) < 2 {
		return ""
	}
	k := 0 // the figure's place among the figures after 分别
	for i := len(prior) - 1; i >= 0 && prior[i].Sentence == si; i-- {
		if r := prior[i]; r.Start < f.Start && byteOffset(s.Text, r.Start-s.Start) > at {
			k++
		}
	}
	if k >= len(list) {
		return ""
	}
	return list[k]
}

// cellContext gives a table cell its period, role and subject: its column's
// year, else its row label's, else the year its caption or header names.
func (p *Parsed) cellContext(d *Doc, row *Row, t *Table) {
	docYear := yearPrefix(d.Date)
	row.Period = yearOf(row.Column)
	fromColumn := row.Period != ""
	if row.Period == "" {
		if y := yearOf(row.Label); y != "" && strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(row.Label), "年")) == y {
			row.Period = y // a yearbook's row of one year: 1995
		}
	}
	if row.Period == "" {
		row.Period = t.period(d.Date)
	}
	if row.Period == "" {
		row.Period = p.ctx.paraPeriod
	}
	if row.Period == "" {
		row.Period = p.ctx.titlePeriod()
	}
	head := row.Column
	switch {
	case hasWord(head, "column-target"):
		row.Role = RoleTarget
	case hasWord(head, "column-change"):
		row.Role = RoleChange
	case hasWord(head, "column-base"):
		row.Role = RoleBaseline
	case row.Period == "":
		if d.Kind == "plan" {
			row.Role = RoleTarget
		} else {
			row.Role = RoleActual
		}
	case docYear != "" && yearPrefix(row.Period) > docYear:
		row.Role = RoleTarget
	case fromColumn && t.laterTarget(row.Column, docYear):
		row.Role = RoleBaseline
	default:
		row.Role = RoleActual
	}
	if r, ok := t.placeOf(row.Label, d.Region); ok {
		// a table of places (各区市县…): the row's place is its region,
		// the column, or else the table's title, names the measure
		row.Region = r
		row.Subject = t.lowestSubject(row.Col)
		if row.Subject == "" {
			row.Subject = t.titleSubject(d.Title)
		}
		return
	}
	row.Subject = subjectOfLabel(row.Label)
	if row.Subject == "" {
		// a yearbook's row is a year, or a total with or without its
		// label: the column names the measure, its lowest header row most
		// closely; where the columns are years, a total row's label (总计
		// under a section) or else the table's title
		row.Subject = t.lowestSubject(row.Col)
		if row.Subject == "" && !isYear(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(row.Label), "年"))) {
			row.Subject = squeezeSpaces([]rune(strings.TrimSpace(row.Label)))
		}
		if row.Subject == "" {
			row.Subject = t.titleSubject(d.Title)
		}
	}
}

// Words in a column header that give its cells' role.

// period returns the period a table's caption or header rows name (the
// title row 2025年2月…主要指标, the caption …(2015年)), or "".
func (t *Table) period(docDate string) string {
	var parts []string
	if t.Caption.Len() > 0 {
		parts = append(parts, string(t.text[t.Caption.Start:t.Caption.End]))
	}
	for _, h := range t.Header {
		// a header whose cells name years is the columns' own
		if len(t.Header) > 0 && t.yearColumns() {
			break
		}
		parts = append(parts, string(t.text[h.Line.Start:h.Line.End]))
	}
	for _, s := range parts {
		if m := periodMarks(s, docDate); len(m) > 0 {
			return m[len(m)-1].period
		}
	}
	if len(parts) > 0 && t.Caption.Len() > 0 {
		return bracketYear(parts[0])
	}
	return ""
}

// yearColumns reports whether some column of t is headed by a year.
func (t *Table) yearColumns() bool {
	for c := 0; c < t.Columns; c++ {
		if yearOf(t.ColumnHeader(c)) != "" {
			return true
		}
	}
	return false
}

var (
	reAsOfDay      = lazyRegexp(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reMonthEnd     = lazyRegexp(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)`)
	reMonthSpan    = lazyRegexp(`(\d{4})\s*年\s*1\s*[-—–~～至到]\s*(\d{1,2})\s*月`)
	reMonth        = lazyRegexp(`(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?`)
	reYearEnd      = lazyRegexp(`(\d{4})\s*年\s*年?(?:底|末)`)
	reYearPart     = lazyRegexp(`(\d{4})\s*年\s*(?:的)?(上半年|下半年|前三季度|一季度|第一季度|二季度|第二季度|三季度|第三季度|四季度|第四季度)`)
	reYearSpan     = lazyRegexp(`(\d{4})\s*[-—–~～至到]\s*(\d{4})\s*年`)
	reSince        = lazyRegexp(`(\d{4})\s*年\s*(?:以来|至今)`)
	reYear         = lazyRegexp(`(\d{4})\s*年`)
	reBareYearPart = lazyRegexp(`今年上半年|今年前三季度|上半年|前三季度|一季度`)
	reThisYear     = lazyRegexp(`今年|本年度`)
	reLastYear     = lazyRegexp(`(?:去年|上年)(?:年?(?:底|末))?|过去一年|过去的一年`)
	reNoYearMonth  = lazyRegexp(`截至\s*(\d{1,2})\s*月\s*(?:底|末)`)
	reNoYearDay    = lazyRegexp(`截[至止]\s*(?:到)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*0?\s*[-—–~～至]\s*24\s*[时時]`)
	reDayOfMonth   = lazyRegexp(`(?:^|[^\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reNow          = lazyRegexp(`截至目前|截止目前|目前|当前|截至今年`)
	reFiveYear     = lazyRegexp(`“?(十[一二三四五六七八九])五”?(期末|时期|期间|末)`)
	reBase         = lazyRegexp(`(?:较|比|与|同|于|对比|相比)\s*$`)
)

// searchFromYears finds the matches of re, an expression that begins with
// a year in Arabic digits ((\d{4})\s*年…), as re.FindAllStringSubmatchIndex
// would, but tries it only where yearMentions found a year, on the text
// from there to dateWindow bytes past its 年: a few short searches instead
// of one over the whole sentence.
func searchFromYears(text string, years []yearMention, re *regexp.Regexp) [][]int {
	var out [][]int
	for _, y := range years {
		if !isDigit(rune(text[y.start])) {
			continue // 二〇二一年: no expression reads Chinese digits
		}
		loc := re.FindStringSubmatchIndex(text[y.start:min(len(text), y.end+dateWindow)])
		if loc == nil || loc[0] != 0 {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += y.start
			}
		}
		out = append(out, loc)
	}
	return out
}

// dateWindow bounds the text after a year's 年 that a date expression
// starting at the year is looked for in: 年 12 月 31 日 is 18 bytes.
const dateWindow = 96

// noMatch stands for no expression in findIf: only the words are checked.
var noMatch func() *regexp.Regexp

// periodMark is a date expression in a sentence: the byte offset where it
// ends and the period it names.
type periodMark struct {
	at     int
	period string
	// from is set for a date right after 由 or 从 (由2010年的28.01/10万):
	// it dates the figure after it, the start of a from–to pair, only
	from bool
	// clause is set for 目前 and 当前 (now): an adverb of its clause, it
	// dates nothing after the clause's ；
	clause bool
}

// lastPeriod returns the period of the last mark ending at or before at
// that skip does not rule out for the figure at at.
func lastPeriod(marks []periodMark, at int, skip func(periodMark) bool) string {
	best, bestAt := "", -1
	for _, m := range marks {
		if m.at <= at && m.at >= bestAt && !skip(m) {
			best, bestAt = m.period, m.at
		}
	}
	return best
}

// closesAside reports whether text closes a bracket it did not open: what
// stands before it is inside an aside that has ended.
func closesAside(text string) bool {
	depth := 0
	for _, r := range text {
		switch r {
		case '(', '（':
			depth++
		case ')', '）':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// asOf reports whether text ends in the words of an as-of date (截至, 截止,
// 截止到, 截至到), not a deadline's 到.
func asOf(text string) bool {
	text = strings.TrimSuffix(strings.TrimSuffix(text, "到"), "至")
	return strings.HasSuffix(text, "截") || strings.HasSuffix(text, "截至") || strings.HasSuffix(text, "截止")
}

// isBase reports whether the date expression starting at byte i of text is
// the base of a comparison (比上年, 较2024年底, 与去年同期相比).
func isBase(text string, i int) bool {
	return reBase().MatchString(text[max(0, i-9):i])
}

// periodMarks finds every date expression in a text that can set the
// period of a figure after it. Where two end at the same place, the more
// precise (listed later) wins: 2025年9月底 over 2025年.
func periodMarks(text, docDate string) []periodMark {
	marks, _ := periodMarksEnds(text, docDate)
	return marks
}

// periodMarksEnds is periodMarks, and where the text names a year's end
// without its year and no year before it (年末医疗卫生机构80492个): the end of
// the year in force, which only the paragraph knows.
func periodMarksEnds(text, docDate string) (marks []periodMark, bareEnds []int) {
	trig := periodTriggers(text)
	if trig&(1<<0|1<<1|1<<2|1<<3|1<<4|1<<5) == 0 {
		return nil, nil // no 年今目五季月: no expression below can match
	}
	// findIf runs an expression only when text holds a word it needs:
	// first the words' first runes are looked up in trig, which is free.
	findIf := func(words []string, re func() *regexp.Regexp) [][]int {
		for _, w := range words {
			// a word whose first rune has no trigger bit is looked for
			// all the same: the bits only spare searches
			r, _ := utf8.DecodeRuneInString(w)
			if bit := periodTrigger(r); (bit == 0 || trig&bit != 0) && strings.Contains(text, w) {
				if re == nil {
					return [][]int{} // the words are there: the caller searches
				}
				return re().FindAllStringSubmatchIndex(text, -1)
			}
		}
		return nil
	}
	years := yearMentions(text)
	// fromYears is findIf for an expression that begins with a year in
	// Arabic digits: see searchFromYears.
	fromYears := func(words []string, re func() *regexp.Regexp) [][]int {
		if findIf(words, noMatch) == nil {
			return nil
		}
		return searchFromYears(text, years, re())
	}
	docYear := yearPrefix(docDate)
	var out []periodMark
	add := func(start, end int, period string) {
		if isBase(text, start) {
			return
		}
		pre := strings.TrimRight(text[:start], " ")
		w := text[start:end]
		out = append(out, periodMark{
			at: end, period: period,
			from:   strings.HasSuffix(pre, "由") || strings.HasSuffix(pre, "从"),
			clause: w == "目前" || w == "当前",
		})
	}
	var spans [][]int
	if len(years) > 0 { // 2021—2025年 ends with a year before 年
		spans = findIf([]string{"-", "—", "–", "~", "～", "至", "到"}, reYearSpan)
	}
	for _, m := range years {
		named := false
		for _, sp := range spans {
			named = named || m.start >= sp[0] && m.end <= sp[1] && insideBrackets(text, sp[0])
		}
		if !named {
			add(m.start, m.end, m.year)
		}
	}
	for _, m := range spans {
		a, b := text[m[2]:m[3]], text[m[4]:m[5]]
		if insideBrackets(text, m[0]) {
			continue // 三年行动方案（2025—2027年）: the span of a programme's name
		}
		if isYear(a) && isYear(b) && a < b {
			add(m[0], m[1], a+"/"+b)
		}
	}
	for _, m := range fromYears([]string{"以来", "至今"}, reSince) {
		y := text[m[2]:m[3]]
		if y < docYear {
			add(m[0], m[1], y+"/"+docYear)
		} else {
			add(m[0], m[1], y)
		}
	}
	for _, m := range fromYears([]string{"月"}, reMonth) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		if rest := text[m[1]:]; strings.HasPrefix(rest, "底") || strings.HasPrefix(rest, "末") || strings.HasPrefix(strings.TrimLeft(rest, " "), "日") || mo < 1 || mo > 12 {
			continue
		}
		add(m[0], m[1], fmt.Sprintf("%04d-%02d", y, mo))
	}
	for _, m := range fromYears([]string{"月"}, reMonthSpan) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		if mo >= 1 && mo <= 12 {
			add(m[0], m[1], fmt.Sprintf("%04d-%02d", y, mo)) // 2024年1-3月: up to that month
		}
	}
	for _, m := range fromYears([]string{"底", "末"}, reYearEnd) {
		if pre := strings.TrimRight(text[:m[0]], " "); (strings.HasSuffix(pre, "到") || strings.HasSuffix(pre, "至")) && !asOf(pre) {
			add(m[0], m[1], text[m[2]:m[3]]) // 到2025年底: a deadline names its year
			continue
		}
		add(m[0], m[1], text[m[2]:m[3]]+"-12-31") // 2023年末: a stock as of the year's end
	}
	for _, m := range fromYears([]string{"底", "末"}, reMonthEnd) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		if mo >= 1 && mo <= 12 {
			add(m[0], m[1], fmt.Sprintf("%04d-%02d-%02d", y, mo, lastDay(y, mo)))
		}
	}
	for _, m := range fromYears([]string{"日"}, reAsOfDay) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		dd, _ := strconv.Atoi(text[m[6]:m[7]])
		if mo >= 1 && mo <= 12 && dd >= 1 && dd <= lastDay(y, mo) && strings.Contains(text[max(0, m[0]-12):m[0]], "截") {
			add(m[0], m[1], fmt.Sprintf("%04d-%02d-%02d", y, mo, dd))
		}
	}
	for _, m := range fromYears([]string{"季度", "半年"}, reYearPart) {
		add(m[0], m[1], yearPart(text[m[2]:m[3]], text[m[4]:m[5]]))
	}
	if docYear != "" {
		for _, m := range findIf([]string{"季度", "半年"}, reBareYearPart) {
			if m[0] >= 3 && reYearPart().MatchString(text[max(0, m[0]-12):m[1]]) {
				continue
			}
			part := strings.TrimPrefix(text[m[0]:m[1]], "今年")
			add(m[0], m[1], yearPart(docYear, part))
		}
		// 当年 (that year) is the year the text speaks of, not the
		// document's: it names no period of its own
		for _, m := range findIf([]string{"今年", "本年度"}, reThisYear) {
			add(m[0], m[1], docYear)
		}
		for _, m := range findIf([]string{"去年", "上年", "过去"}, reLastYear) {
			y, _ := strconv.Atoi(docYear)
			if strings.HasSuffix(text[m[0]:m[1]], "底") || strings.HasSuffix(text[m[0]:m[1]], "末") {
				add(m[0], m[1], fmt.Sprintf("%04d-12-31", y-1)) // 到去年底: at the year's end
				continue
			}
			add(m[0], m[1], strconv.Itoa(y-1))
		}
		for _, m := range findIf([]string{"截至"}, reNoYearMonth) {
			if m[0] >= 4 && reYear().MatchString(text[max(0, m[0]-8):m[0]]) {
				continue
			}
			y, _ := strconv.Atoi(docYear)
			mo, _ := strconv.Atoi(text[m[2]:m[3]])
			if mo >= 1 && mo <= 12 {
				add(m[0], m[1], fmt.Sprintf("%04d-%02d-%02d", y, mo, lastDay(y, mo)))
			}
		}
		// 截至2月14日, 2月14日0-24时 (that day's count): a day without its
		// year is in the document's year, or the year before when it would
		// fall after the document's date. A day alone is an event's date
		// (6月7日，省政府新闻办召开发布会), no figure's.
		for _, m := range findIf([]string{"截至", "截止", "24时", "24時"}, reNoYearDay) {
			if m[2] < 0 {
				m = append(m[:2:2], m[6:10]...) // the second form
			}
			if m[0] >= 4 && reYear().MatchString(text[max(0, m[0]-8):m[0]]) || m[0] > 0 && isDigit(rune(text[m[0]-1])) {
				continue
			}
			y, _ := strconv.Atoi(docYear)
			mo, _ := strconv.Atoi(text[m[2]:m[3]])
			dd, _ := strconv.Atoi(text[m[4]:m[5]])
			if mo >= 1 && mo <= 12 && dd >= 1 && dd <= lastDay(y, mo) {
				day := fmt.Sprintf("%04d-%02d-%02d", y, mo, dd)
				if len(docDate) == 10 && day > docDate {
					day = fmt.Sprintf("%04d-%02d-%02d", y-1, mo, dd)
				}
				add(m[0], m[1], day)
			}
		}
		for _, m := range findIf([]string{"目前", "当前", "截至今年"}, reNow) {
			// now is the document's date, or the day the report names
			// before it (2月3日，记者…获悉，截至目前…)
			now := docDate
			if d := reDayOfMonth().FindAllStringSubmatch(text[:m[0]], -1); len(d) > 0 {
				y, _ := strconv.Atoi(docYear)
				mo, _ := strconv.Atoi(d[len(d)-1][1])
				dd, _ := strconv.Atoi(d[len(d)-1][2])
				if day := fmt.Sprintf("%04d-%02d-%02d", y, mo, dd); mo >= 1 && mo <= 12 && dd >= 1 && dd <= lastDay(y, mo) && (len(docDate) < 10 || day <= docDate) {
					now = day
				}
			}
			add(m[0], m[1], now)
		}
	}
	for _, m := range findIf([]string{"五"}, reFiveYear) {
		end := fiveYearPlanEnd(text[m[2]:m[3]])
		if end == 0 {
			continue
		}
		if text[m[4]:m[5]] == "期末" || text[m[4]:m[5]] == "末" {
			add(m[0], m[1], strconv.Itoa(end))
		} else {
			add(m[0], m[1], fmt.Sprintf("%d/%d", end-4, end))
		}
	}
	// 2022年，…年末基金累计结存42540.73亿元: a year's end without its year
	// is the end of the year named before it
	for _, w := range []string{"年末", "年底"} {
		if trig&1 == 0 {
			break
		}
		for i := 0; ; {
			k := strings.Index(text[i:], w)
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(w)
			if r, _ := utf8.DecodeLastRuneInString(text[:at]); isDigit(r) || strings.ContainsRune("年今去上明当本", r) {
				continue // 2022年末, 去年年末, 今年底: read above
			}
			year, yearAt := "", -1
			for _, m := range out {
				if m.at <= at && m.at > yearAt && len(m.period) >= 4 && isYear(m.period[:4]) {
					year, yearAt = m.period[:4], m.at
				}
			}
			if year != "" {
				add(at, at+len(w), year+"-12-31")
			} else {
				bareEnds = append(bareEnds, at)
			}
		}
	}
	return out, bareEnds
}

// yearPart returns the as-of date of a part of a year: 上半年 → 06-30,
// 前三季度 → 09-30, 一季度 → 03-31.
func yearPart(year, part string) string {
	md := map[string]string{
		"上半年": "06-30", "下半年": "12-31", "前三季度": "09-30",
		"一季度": "03-31", "第一季度": "03-31", "二季度": "06-30", "第二季度": "06-30",
		"三季度": "09-30", "第三季度": "09-30", "四季度": "12-31", "第四季度": "12-31",
	}[part]
	if md == "" {
		return year
	}
	return year + "-" + md
}

// The date expressions of periodMarks cannot match without one of the
// runes periodTrigger gives a bit: 年今目五季月 (bits 0–5), the range marks
// and the first runes of the words findIf looks for.
// periodTrigger returns the bit of r in periodTriggerRunes, or 0.
func periodTrigger(r rune) uint32 {
	switch r {
	case '年':
		return 1 << 0
	case '今':
		return 1 << 1
	case '目':
		return 1 << 2
	case '五':
		return 1 << 3
	case '季':
		return 1 << 4
	case '月':
		return 1 << 5
	case '-':
		return 1 << 6
	case '—':
		return 1 << 7
	case '–':
		return 1 << 8
	case '~':
		return 1 << 9
	case '～':
		return 1 << 10
	case '至':
		return 1 << 11
	case '到':
		return 1 << 12
	case '以':
		return 1 << 13
	case '底':
		return 1 << 14
	case '末':
		return 1 << 15
	case '日':
		return 1 << 16
	case '半':
		return 1 << 17
	case '本':
		return 1 << 18
	case '当':
		return 1 << 19
	case '去':
		return 1 << 20
	case '上':
		return 1 << 21
	case '截':
		return 1 << 22
	case '过':
		return 1 << 23
	}
	return 0
}

// periodTriggers returns the bits of the trigger runes text holds, in one
// pass over its runes.
func periodTriggers(text string) uint32 {
	var bits uint32
	for i := 0; i < len(text); {
		r, size := runes.At(text, i)
		bits |= periodTrigger(r)
		i += size
	}
	return bits
}

// yearMention is a year written before 年: text[start:end] names year.
type yearMention struct {
	start, end int
	year       string
}

// yearMentions finds each year written before 年 in four Arabic digits, as
// the expression `(\d{4})\s*年` would, or in four Chinese digits
// (二〇二一年, 二零二一年), without a regular expression: it looks back
// from each 年.
func yearMentions(text string) []yearMention {
	var out []yearMention
	prevEnd := 0
	for i := 0; ; {
		j := strings.Index(text[i:], "年")
		if j < 0 {
			return out
		}
		at := i + j
		end := at + len("年")
		k := at
		for k > prevEnd && isRESpace(text[k-1]) {
			k--
		}
		if k-4 >= prevEnd && isASCIIDigits(text[k-4:k]) {
			out = append(out, yearMention{k - 4, end, text[k-4 : k]})
			prevEnd = end
		} else if y, start := chineseYearBefore(text, at, prevEnd); y != "" {
			out = append(out, yearMention{start, end, y})
			prevEnd = end
		}
		i = end
	}
}

// chineseYearBefore reads the four Chinese digits that end at byte at of
// text, no further back than from: 二〇二一 gives "2021" and where it
// starts. A fifth digit before them makes it no year.
func chineseYearBefore(text string, at, from int) (string, int) {
	var digits [4]byte
	k := at
	for n := 3; n >= 0; n-- {
		if k <= from {
			return "", 0
		}
		r, size := runes.Before(text, k)
		d, ok := yearDigit(r)
		if !ok {
			return "", 0
		}
		digits[n] = '0' + byte(d)
		k -= size
	}
	if k > from {
		if r, _ := runes.Before(text, k); isYearDigit(r) {
			return "", 0
		}
	}
	return string(digits[:]), k
}

// yearDigit returns the value of a digit of a year written in Chinese:
// 〇 or 零 for 0, 一 to 九.
func yearDigit(r rune) (int64, bool) {
	if r == '零' {
		return 0, true
	}
	d, ok := chineseDigits[r]
	return d, ok && r != '两'
}

func isYearDigit(r rune) bool { _, ok := yearDigit(r); return ok }

// isRESpace reports whether c is a space as `\s` of Go's regexp reads it.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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

// roleOf returns the role the words before a figure give it (see the rules
// at the top of this file).
func roleOf(sentence, before, period, docDate, kind string, f Figure) string {
	clause := before
	if i := runes.LastIndexAny(clause, "，,；;。"); i >= 0 {
		clause = clause[i:]
	}
	tail := lastRunes(before, 16)
	// a date between 由/到 and the figure is the figure's: 由2021年6.72张
	// 增加到2022年7.25张 is a from–to pair
	undated := tail
	if at := trailingDate(tail); at >= 0 {
		undated = tail[:at]
	}
	future := isFuture(period, docDate)
	// 2024年云南将实施62个…, in January 2024, or 南昌将投120亿元 undated:
	// what will be done
	will := !isPast(period, docDate) && hasWord(before, "will")
	switch {
	case hasSuffixAny(strings.TrimRight(tail, " "), words("up-to")):
		return "" // 可达100%, 最高20万元: what may be reached, not what was
	case endsWith(undated, words("from"), words("from-filler")):
		return RoleBaseline
	case endsWith(undated, words("to"), words("to-filler")):
		if future || hasWord(clause, "target") || isPlanned(kind) && (period == "" || yearPrefix(period) >= yearPrefix(docDate)) {
			return RoleTarget
		}
		return RoleActual
	case endsWith(tail, words("change"), words("verb-filler")), f.Unit == "百分点":
		if period == "" && isPlanned(kind) && !hasWord(before, "actual") || future || will {
			return RoleTarget // 增加20个 in a task: a target that rises
		}
		return RoleChange
	case isPast(period, docDate) && deadlineAhead(before, docDate):
		// 力争到2022年…达到77岁(2018年为75.7岁): a past level beside a
		// deadline ahead is where the target starts from
		return RoleBaseline
	case hasWord(before, "target") && !isPast(period, docDate), deadlineAhead(before, docDate):
		// 力争, 争取: to be reached, unless the text speaks of a past year
		// (过去一年…争取预算内资金19.48亿元 was obtained)
		return RoleTarget
	case hasWord(sentence, "rule") && !future && !hasWord(clause, "actual"):
		return "" // a rule's bound or condition: 处…罚款, 应当在5日内
	case hasWord(clause, "actual"):
		return RoleActual
	case hasWord(before, "as-of"):
		// 截止到2018年底，…拥有…5270个, in a release dated 2018-12-12:
		// what stands at an as-of date was counted, even one a little
		// after the page's date
		return RoleActual
	case future, will, isPlanned(kind) && period == yearPrefix(docDate):
		// a plan's or notice's task for its own year is still to be done
		return RoleTarget
	case period != "":
		return RoleActual
	case isPlanned(kind):
		return RoleTarget
	}
	return RoleActual
}

// isPast reports whether a period lies in a year before the document's.
func isPast(period, docDate string) bool {
	p, d := yearPrefix(period), yearPrefix(docDate)
	return p != "" && d != "" && lastYearOf(period) < d
}

// lastYearOf returns the last year of a period (2021/2025 → 2025).
func lastYearOf(period string) string {
	if _, to, ok := strings.Cut(period, "/"); ok {
		return yearPrefix(to)
	}
	return yearPrefix(period)
}

// isPlanned reports whether a document of kind sets out what is to be done,
// so that a figure whose text says nothing more is a target.
func isPlanned(kind string) bool { return kind == "plan" || kind == "notice" }

// containsAny reports whether s holds one of words: the role words of
// lexicon/roles.tsv are checked with strings.Contains, cheaper than a regular
// expression of alternatives.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

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
	reByYear = lazyRegexp(`(?:^|[^截至止])(?:到|至)\s*(\d{4})\s*年`)
)

// deadlineAhead reports whether text names a deadline (到2025年) in the
// document's year or later: what is to be reached by then is a target.
func deadlineAhead(text, docDate string) bool {
	if !strings.Contains(text, "到") && !strings.Contains(text, "至") {
		return false
	}
	for _, m := range reByYear().FindAllStringSubmatch(text, -1) {
		if m[1] >= yearPrefix(docDate) {
			return true
		}
	}
	return false
}

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
	if len(period) == 10 && len(docDate) == 10 {
		// a count as of a day less than a month after the page's date (截至
		// 2018年底, in a release of 2018-12-12) was counted: no target
		p, err1 := time.Parse(time.DateOnly, period)
		d, err2 := time.Parse(time.DateOnly, docDate)
		if err1 == nil && err2 == nil {
			return p.Sub(d) > 31*24*time.Hour
		}
	}
	return period > docDate
}

// yearOf returns the four-digit year a table header names (2020年 → 2020).
func yearOf(h string) string {
	if m := reYear().FindStringSubmatch(h); m != nil {
		return m[1]
	}
	// a header whose lowest row is a bare year: 2020, 机构数(个) 2020
	t := strings.TrimSpace(h)
	if i := strings.LastIndexByte(t, ' '); i >= 0 {
		t = t[i+1:]
	}
	if isYear(t) {
		return t
	}
	return ""
}

// yearPrefix returns the year a date or period starts with, or "" when it
// names none (a document whose date is unknown).
func yearPrefix(date string) string {
	if len(date) < 4 {
		return ""
	}
	return date[:4]
}

// directionOf returns up or down for a change, from the verb before it.
func directionOf(before string) string {
	before = lastRunes(before, 12)
	switch {
	case endsWith(before, words("up"), words("verb-filler")):
		return "up"
	case endsWith(before, words("down"), words("verb-filler")):
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
				if g.Subject == "" {
					g.Subject = f.Subject
				}
				if f.Subject == "" {
					f.Subject = g.Subject
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

// baseInBrackets reports whether the figure at byte at of a sentence stands
// in brackets right after a level compared with (优于全国平均水平(…),
// 高于全省平均(…)), and returns the place whose level it is.
func baseInBrackets(sentence string, at int, mentions []regions.Mention) (string, bool) {
	text := window(sentence[:at])
	open := runes.LastIndexAny(text, "(（")
	if open < 0 || strings.ContainsAny(text[open:], ")）") {
		return "", false
	}
	head := strings.TrimRight(text[:open], " ")
	if !strings.HasSuffix(head, "水平") && !strings.HasSuffix(head, "平均") && !strings.HasSuffix(head, "平均值") {
		return "", false
	}
	end := len(sentence[:at]) - len(text) + open // the bracket, in the sentence
	for k := len(mentions) - 1; k >= 0; k-- {
		m := mentions[k]
		if m.End <= end && end-m.End <= len("平均水平") && isBase(sentence, m.Start) {
			return m.Region.Tag(), true
		}
	}
	return "", false
}

// rankScope reports whether the place named at byte i of text is the scope
// of a ranking (位列全国第9, 居全省前列): what is ranked is not that place.
func rankScope(text string, i int) bool {
	before := strings.TrimRight(text[max(0, i-9):i], " ")
	for _, w := range words("rank-verb") {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// placeNamed returns the region the text before byte at of a sentence
// names as its subject (the last place named that is not a comparison
// base), own for 全区 and the like, or "" when it names none. A place
// inside a book title names a document, not a subject.
func placeNamed(sentence string, at int, own string) string {
	return placeNamedIn(sentence, at, own, regions.Find(sentence))
}

// placeNamedIn is placeNamed with the sentence's mentions of places found
// already, so that the figures of one sentence share one search.
func placeNamedIn(sentence string, at int, own string, mentions []regions.Mention) string {
	text := sentence[:at]
	from := len(text) - len(window(text)) // look no further back than the window
	best, bestAt := "", -1
	if j := lex().sets["self"].lastIn(text, from); j >= 0 {
		best, bestAt = own, j // the last self word: 全省, 我市, 本区
	}
	selfLevel := regions.LevelProvince
	if bestAt >= 0 && strings.ContainsAny(text[bestAt:bestAt+len("全市")], "市州") {
		selfLevel = regions.LevelPrefecture
	}
	first := sort.Search(len(mentions), func(k int) bool { return mentions[k].Start >= from })
	for _, m := range mentions[first:] {
		if m.End > at {
			break
		}
		if isBase(text, m.Start) || insideTitle(text, m.Start) || rankScope(text, m.Start) || hasPrefixWord(text[m.End:], "outlet") {
			continue // 湖北日报讯: a paper's name
		}
		if m.Start <= bestAt {
			// 四川省在全省…: 全省 is the province named before it
			if m.Region.Level == selfLevel && (selfLevel == regions.LevelProvince || strings.ContainsAny(text[m.Start:m.End], "市州盟")) {
				best = m.Region.Tag()
			}
			continue
		}
		tag := m.Region.Tag()
		if tag == regions.Country && !strings.HasPrefix(text[m.Start:], "全国") && !strings.HasPrefix(text[m.Start:], "我国") {
			continue // 国家医保局, 国务院: an organ, not the place described
		}

		best, bestAt = tag, m.Start
	}
	return best
}

// hasPrefixWord reports whether s opens with a word of class.
func hasPrefixWord(s, class string) bool {
	for _, w := range words(class) {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// insideBrackets reports whether byte i of s is inside a book title or a
// parenthesis: 《…》, （…）, (…).
func insideBrackets(s string, i int) bool {
	for _, p := range [][2]string{{"《", "》"}, {"（", "）"}, {"(", ")"}} {
		if open := strings.LastIndex(s[:i], p[0]); open >= 0 && !strings.Contains(s[open:i], p[1]) {
			return true
		}
	}
	return false
}

// insideTitle reports whether byte i of s is inside a book title 《…》.
func insideTitle(s string, i int) bool {
	open := strings.LastIndex(s[:i], "《")
	return open >= 0 && !strings.Contains(s[open:i], "》")
}

// subjectOf returns the noun phrase a figure of sentence s quantifies.
// prior are the figures of the document before it.
func (p *Parsed) subjectOf(s Sentence, f Figure, prior []Row) string {
	text := p.ctx.view(p.Text)
	lx := lex()
	if f.Unit == "名" && text[f.Start] == '第' {
		// a rank measures the measure ranked: 人均预期寿命…位列全国第七
		n := nounBefore(text, s.Start, f.Start)
		for trimmed := true; trimmed; {
			trimmed = false
			for _, w := range append(lex().contexts["rank-verb"], "全国", "全省", "全区", "排在", "在", "中") {
				if t, ok := strings.CutSuffix(n, w); ok {
					n, trimmed = t, true
				}
			}
		}
		if n != "" {
			return n
		}
		if k := len(prior); k > 0 && prior[k-1].Start >= s.Start {
			return prior[k-1].Subject
		}
	}
	if h := headAfter(text, f.End, s.End); h != "" {
		return h // 处5000元以上1万元以下罚款: the fine
	}
	if f.End < s.End && text[f.End] == '的' {
		// 90%的乡镇卫生院: the share or count of the noun after 的
		if n := nounAfter(text, f.End+1, s.End); n != "" {
			return n
		}
	}
	if u := lx.unitNamed(f.Unit); u != nil && ((u.class == ClassCount || u.class == ClassPlace) && !u.measure || u.classifier) ||
		f.Unit == "个" || f.Unit == toTraditional("个") {
		// 29个疫苗临床试验现场, 46万名注册护士: a count measures the noun after it
		if n := nounAfter(text, f.End, s.End); n != "" {
			return n
		}
	}
	from := s.Start
	var prev *Row
	if n := len(prior); n > 0 && prior[n-1].End <= f.Start && prior[n-1].End > s.Start {
		prev = &prior[n-1]
		from = prev.End
	}
	n := nounBefore(text, from, f.Start)
	if slices.Contains(words("subject-lead"), n) || onlyChangeWords(n) {
		n = "" // 其中110家: a part of the set named before; 降到: a verb
	}
	if whole, ok := strings.CutPrefix(n, "占"); ok && prev != nil && prev.Subject != "" {
		// 非营利性医疗机构24327个，占医疗机构总数的71.43%: the share of
		// the measure before it in the whole after 占
		return prev.Subject + "占" + strings.TrimSuffix(whole, "的") + "比例"
	}
	if n == "" || slices.Contains(words("self"), n) || isPlaceName(n) {
		// 全省有2020余万人签约家庭医生: what the count does names it
		if a := nounAfter(text, f.End, s.End); a != "" && prev == nil {
			return a
		}
	}
	if prev != nil && (n == "" || strings.Trim(n, "和及与或、 ") == "" || opensComparison(n)) {
		// 总数1070785个，比上年增加37867个: a change of the measure before it
		return prev.Subject
	}
	if n == "" && prev == nil {
		// 居民健康素养水平稳步提升，2022年达38.2%: the measure is the
		// previous clause's, when that clause holds no figure of its own
		if c := clauseBefore(text, s.Start, f.Start); c > s.Start {
			if m := nounBefore(text, s.Start, c); !onlyChangeWords(m) {
				n = m
			}
		}
	}
	return n
}

// isPlaceName reports whether s is the name of a division and nothing else
// (广东, 南昌市): a place, no measure.
func isPlaceName(s string) bool {
	_, ok := regions.Lookup(s)
	return ok
}

// clauseBefore returns where the clause before the one holding at ends (at
// its comma), or -1 when the figure's clause opens the sentence.
func clauseBefore(text []rune, sentStart, at int) int {
	for k := at - 1; k > sentStart; k-- {
		if r := text[k]; r == '，' || r == ',' {
			return k
		}
		if r := text[k]; r == '；' || r == ';' || r == '：' || r == ':' {
			return -1
		}
	}
	return -1
}

// onlyChangeWords reports whether a phrase is made only of the words of a
// change and its adverbs (降, 提高到, 进一步提高): a verb, no measure.
func onlyChangeWords(n string) bool {
	if n == "" || len(n) > 48 {
		return false // a verb phrase of this kind is short
	}
	classes := []string{"change", "up", "down", "manner", "link"}
	for n != "" {
		r, _ := utf8.DecodeRuneInString(n)
		if !slices.ContainsFunc(classes, func(c string) bool { return lex().sets[c].mayStart(r) }) {
			return false
		}
		cut := false
		for _, class := range classes {
			for _, w := range words(class) {
				if t, ok := strings.CutPrefix(n, w); ok {
					n, cut = t, true
				}
			}
		}
		if !cut {
			return false
		}
	}
	return true
}

// headAfter returns the head noun a figure stands before, across the other
// end of its bounds (处5000元以上1万元以下罚款 → 罚款), when it is one of
// the heads lexicon/contexts.tsv names, or "".
func headAfter(text []rune, from, end int) string {
	lx := lex()
	for k := from; k < end && k < from+12; k++ {
		r := text[k]
		if strings.ContainsRune("，,。；;：:、", r) {
			return ""
		}
		if w := lx.wordAfter(text, k, end, "head-after"); w != "" {
			return w
		}
	}
	return ""
}

// subjectStops end the noun phrase after a count: punctuation, particles and
// the verbs that follow a counted noun. 的 does not end it: it joins a
// modifier to its head (44种适用于罕见病的药品).
const subjectStops = "，,。；;：:、（）()“”\"《》【】和及与或等在已都被将从向对为是有由到至比较达以其也并且还就"

// nounAfter returns the noun phrase right after a count (up to a stop), or
// "" when none follows: a count followed by a verb (从10个增长至41个) is the
// object of that verb, not of a noun.
func nounAfter(text []rune, from, end int) string {
	k := from
	for k < end && k-from < 20 {
		r := text[k]
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) || strings.ContainsRune(subjectStops, r) {
			break
		}
		k++
	}
	for k > from && text[k-1] == '的' {
		k-- // 14个市的116家医院: 的 before another count ends the phrase
	}
	if k-from < 2 {
		return ""
	}
	n := string(text[from:k])
	for _, w := range [][]string{words("change"), words("up"), words("down")} {
		for _, v := range w {
			if strings.HasPrefix(n, v) {
				return ""
			}
		}
	}
	return n
}

// nounBefore returns the noun phrase that ends right before a figure in its
// clause, less the link words, and the time and place words that open it.
func nounBefore(text []rune, sentStart, at int) string {
	lo := at
	var asides [][2]int // bracketed asides inside the phrase: (含村卫生室)
	for lo > sentStart && at-lo < 40 && !strings.ContainsRune("，,。；;：:、（(！？!?\n\t|", text[lo-1]) {
		if c := text[lo-1]; c == ')' || c == '）' {
			if open := openingBracket(text, sentStart, lo-1); open >= 0 && open < lo-1 {
				asides = append(asides, [2]int{open, lo})
				lo = open
				continue
			}
		}
		lo--
	}
	var b strings.Builder
	k := lo
	for i := len(asides) - 1; i >= 0; i-- {
		b.WriteString(string(text[k:asides[i][0]]))
		k = asides[i][1]
	}
	b.WriteString(string(text[k:at]))
	s := strings.TrimSpace(b.String())
	// drop comparison tails: 比上年, 较2024年底, 同比; links (达到, 为)
	// and the adverbs before them (稳步提升, 进一步提高到)
	for {
		trimmed := false
		for _, w := range append(words("link"), words("manner")...) {
			if t, ok := strings.CutSuffix(s, w); ok {
				s, trimmed = strings.TrimSpace(t), true
			}
		}
		if at := trailingDate(s); at >= 0 {
			s, trimmed = strings.TrimSpace(s[:at]), true // 增加到2022年: the date is the figure's
		}
		if m := reBaseTail().FindStringIndex(s); m != nil && m[0] > 0 {
			if head := strings.TrimSpace(s[:m[0]]); opensComparison(head) || head == "相" {
				// 相比上年基金收入增长: the base opens the phrase, the
				// measure follows it
				if b := reBaseHead().FindStringIndex(s); b != nil {
					s, trimmed = strings.TrimSpace(s[b[1]:]), true // 相比上年 alone: no measure
					continue
				}
			}
			s, trimmed = strings.TrimSpace(s[:m[0]]), true // 总收入…比上年: the base is not the measure
		}
		if strings.HasSuffix(s, "同比") {
			s, trimmed = strings.TrimSuffix(s, "同比"), true
		}
		if !trimmed {
			break
		}
	}
	// 把/将 put the object before its verb: 我们把检验互认的项目从73项…
	for _, m := range []string{"把", "将"} {
		if i := strings.LastIndex(s, m); i >= 0 && i+len(m) < len(s) {
			s = s[i+len(m):]
		}
	}
	// drop a leading date and place: 2023年末，全国…, 全区…, 其中
	for changed := true; changed; {
		changed = false
		if m := reLeadingTime().FindStringIndex(s); m != nil && m[0] == 0 && m[1] < len(s) {
			s, changed = s[m[1]:], true
		}
		for _, w := range append(words("subject-lead"), words("self")...) {
			if t, ok := strings.CutPrefix(s, w); ok && t != "" {
				s, changed = t, true
			}
		}
	}
	return strings.TrimSpace(s)
}

// openingBracket returns the index of the bracket that the closing one at
// close closes, looking back no further than from, or -1.
func openingBracket(text []rune, from, close int) int {
	for i := close - 1; i >= from && close-i <= 40; i-- {
		switch text[i] {
		case '(', '（':
			return i
		case ')', '）', '，', '。', '；':
			return -1
		}
	}
	return -1
}

// trailingDate returns where a date that ends s starts (2022年, 2018年的,
// 2025年底, as `\d{4}\s*年(?:底|末)?\s*(?:的)?\s*$` would find it), or
// -1. It reads back from the end, so a long s costs no more than a short.
func trailingDate(s string) int {
	t := strings.TrimRight(s, reSpaces)
	t = strings.TrimSuffix(t, "的")
	t = strings.TrimRight(t, reSpaces)
	if u, ok := strings.CutSuffix(t, "底"); ok {
		t = u
	} else if u, ok := strings.CutSuffix(t, "末"); ok {
		t = u
	}
	t, ok := strings.CutSuffix(t, "年")
	if !ok {
		return -1
	}
	t = strings.TrimRight(t, reSpaces)
	if len(t) < 4 || !isASCIIDigits(t[len(t)-4:]) {
		return -1
	}
	return len(t) - 4
}

// reSpaces are the spaces of `\s` in Go's regular expressions.
const reSpaces = " \t\n\f\r"

// reBaseHead is a comparison base opening a phrase: 相比上年, 与上年相比,
// 比上年, 较2024年底.
var reBaseHead = lazyRegexp(`^(?:相比|相较|与|和|较|比|同)\s*(?:上年|去年|上月|年初|同期|\d{4}\s*年(?:底|末)?)(?:同期)?(?:相比|比较)?`)

// reBaseTail is a comparison base ending a clause: 比上年, 较2024年底, 与去年同期相比.
var reBaseTail = lazyRegexp(`(?:比|较|与|同)\s*(?:上年|去年|上月|年初|同期|全国|\d{4}\s*年)[^比较]*$`)

var reLeadingTime = lazyRegexp(`^(?:截至|截止|到)?\s*\d{4}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?(?:底|末|以来|度)?\s*`)

// subjectOfLabel returns the measure a table row label names: the label
// less its unit in brackets, a leading serial (1. 一、) and a trailing
// colon.
func subjectOfLabel(label string) string {
	s := strings.TrimSpace(label)
	if s == "" {
		return ""
	}
	if u, ok := unitInParens(s); ok && u.unit != "" {
		if i := runes.LastIndexAny(s, "(（"); i >= 0 {
			s = strings.TrimSpace(s[:i]) // (个) alone: a unit, no name
		}
	}
	s = strings.TrimLeft(s, "#＃ \u3000")
	s = reLeadingSerial().ReplaceAllString(s, "")
	// 医院分级别: 三级医院: a group's name, then the row's own
	if _, name, ok := cutAny(s, ":："); ok && strings.TrimSpace(name) != "" {
		s = strings.TrimSpace(name)
	}
	// a bilingual yearbook's header: keep the Chinese, drop the translation
	if i := strings.IndexFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }); i > 0 && s[:i] != "" {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.TrimRight(s, ":： ")
	switch squeezeSpaces([]rune(s)) {
	case "其中", "合计", "总计", "共计", "小计", "总数", "全部":
		return "" // the mark of a sub-column, or a total: no measure's name
	}
	if isYear(strings.TrimSpace(strings.TrimSuffix(s, "年"))) {
		return "" // a year names a period
	}
	return s
}

var reLeadingSerial = lazyRegexp(`^(?:[0-9０-９]+[.、．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)\s*`)

// hasWord reports whether s holds a word of the class of
// lexicon/roles.tsv (or of contexts.tsv).
func hasWord(s, class string) bool {
	ws := lex().sets[class]
	return ws != nil && ws.in(s)
}

// words returns the words of a class of lexicon/roles.tsv (or of
// contexts.tsv), longest first.
func words(class string) []string { return lex().contexts[class] }
