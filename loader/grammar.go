package loader

import (
	"strings"
	"unicode"
)

// The figure grammar. A figure is read around a numeral token:
//
//	figure  = [before-qualifier [有|为]] [sign] number tail [range-tail]
//	number  = arabic | chinese | 百分之 number | 千分之 number
//	tail    = [marker] [magnitude] [marker] [measure] [unit [次] [/unit]] [after-qualifier]
//	range   = separator [sign] number tail        (2—8℃, 3个月至12个月, 2—3万元)
//
// Everything a token could be other than a figure — a date, an ordinal, an
// identifier, a quoted name — is decided at the token and recorded as a Skip
// with its reason, so that no number in a body vanishes without a trace.

// Qualifiers, as stored in figures.qualifier.
const (
	Exact  = "exact"
	Approx = "approx"
	GT     = "gt"
	GTE    = "gte"
	LT     = "lt"
	LTE    = "lte"
	Range  = "range"
)

// Figure is one figure found in a text, as FIGURES.md defines it.
type Figure struct {
	// Start and End are code point offsets into the scanned text, so that
	// Raw == string(text[Start:End]).
	Start, End int
	Raw        string
	Value      Decimal // in base units; the low end of a range
	ValueMax   Decimal // the high end of a range; Value otherwise
	Unit       string  // unit or classifier, without magnitude words
	Qualifier  string  // Exact, Approx, GT, GTE, LT, LTE or Range

	// Label is the row label of a table cell (the indicator's name).
	Label string
	// Column is the header of a table cell's column.
	Column string
	// Col is a table cell's column, counted from 0 (meaningless in prose).
	Col int
}

// Reasons a number-like token is not a figure (skipped.reason).
const (
	SkipDate       = "date"
	SkipTime       = "time"
	SkipOrdinal    = "ordinal"
	SkipListMarker = "list marker"
	SkipIdentifier = "identifier"
	SkipQuotedName = "quoted name"
	SkipName       = "name"
	SkipGrade      = "grade"
	SkipPer        = "rate denominator"
	SkipPeriod     = "period"
	SkipArticle    = "article"
	SkipFraction   = "fraction"
	SkipVague      = "vague count"
	SkipHeader     = "table header"
	SkipLabel      = "table label"
	SkipNote       = "table note"
	SkipSerial     = "serial number"
	SkipBad        = "not a number"
)

// Skip is a number-like token of a body that is not a figure, with the
// reason. A number-like token is a run of Arabic digits, or a Chinese
// numeral with a unit after it.
type Skip struct {
	Start, End int
	Raw        string
	Reason     string
}

// ScanFigures returns the figures in s, treating the whole of s as a body.
// Offsets are code point offsets into s.
func ScanFigures(s string) []Figure {
	figs, _ := ScanText(s)
	return figs
}

// ScanText returns the figures in s and the number-like tokens that are not
// figures, treating the whole of s as one body.
func ScanText(s string) ([]Figure, []Skip) {
	text := []rune(s)
	body := Span{0, len(text)}
	sc := newScanner(text, []Span{body})
	var out []Figure
	for _, b := range segmentBlocks(text, body) {
		out = append(out, sc.scanBlock(b)...)
	}
	return out, sc.skips
}

// scanner finds figures in the runes of one source.
type scanner struct {
	text []rune
	// name marks runes inside names: quotations, book titles, document
	// numbers, and the places a quoted name recurs unquoted.
	name  []bool
	lx    *lexicon
	skips []Skip
	// inCell is set while a table cell is scanned: a cell of numbers holds
	// a number, so 1973.8 is no year and month there.
	inCell bool
}

func newScanner(text []rune, body []Span) *scanner {
	return &scanner{text: text, name: nameMask(text, body), lx: lex()}
}

func (sc *scanner) at(i int) rune {
	if i < 0 || i >= len(sc.text) {
		return 0
	}
	return sc.text[i]
}

func (sc *scanner) hasPrefix(i int, s string) bool {
	if i < 0 || i > len(sc.text) {
		return false
	}
	return runesHavePrefix(sc.text[i:], s)
}

// hasSuffix reports whether the text before end ends with s.
func (sc *scanner) hasSuffix(end int, s string) bool {
	if end < 0 || end > len(sc.text) {
		return false
	}
	return runesHaveSuffix(sc.text[:end], s)
}

// skip records that text[start:end] is not a figure, for reason.
func (sc *scanner) skip(start, end int, reason string) {
	if end <= start {
		return
	}
	if n := len(sc.skips); n > 0 && sc.skips[n-1].End > start && sc.skips[n-1].Start <= start {
		return // already recorded as part of a longer token
	}
	sc.skips = append(sc.skips, Skip{start, end, string(sc.text[start:end]), reason})
}

// afterIdentifier reports whether the number at i follows an identifier
// skipped just before it, joined by 、 or / (a second telephone number).
func (sc *scanner) afterIdentifier(i int) bool {
	n := len(sc.skips)
	if n == 0 || sc.skips[n-1].Reason != SkipIdentifier || sc.skips[n-1].End > i || i-sc.skips[n-1].End > 2 {
		return false
	}
	for _, r := range sc.text[sc.skips[n-1].End:i] {
		if !strings.ContainsRune("、/／ ", r) {
			return false
		}
	}
	return sc.skips[n-1].End < i
}

// skipDigits records the Arabic digit runs in [start, end) as skipped.
func (sc *scanner) skipDigits(start, end int, reason string) {
	for i := start; i < end; i++ {
		if isDigit(sc.text[i]) {
			j := i
			for j < end && isDigit(sc.text[j]) {
				j++
			}
			sc.skip(i, j, reason)
			i = j
		}
	}
}

func (sc *scanner) figure(start, end int, v, vmax Decimal, unit, q string) Figure {
	return Figure{Start: start, End: end, Raw: string(sc.text[start:end]), Value: v, ValueMax: vmax, Unit: unit, Qualifier: q}
}

// scanRange scans running text in [start, end).
func (sc *scanner) scanRange(start, end int) []Figure {
	var out []Figure
	prevEnd := start
	for i := start; i < end; {
		r := sc.text[i]
		if !mayOpenNumber(r) {
			i++ // the common case: neither a digit, a sign nor a Han numeral
			continue
		}
		if sc.name[i] {
			if isDigit(r) {
				j := i
				for j < end && (isDigit(sc.text[j]) || sc.name[j] && strings.ContainsRune(".,", sc.text[j])) {
					j++
				}
				sc.skip(i, j, SkipQuotedName)
				i = j
				continue
			}
			i++
			continue
		}
		var f Figure
		var ok bool
		next := i + 1
		switch {
		case isDigit(r) || sc.signAt(i, start):
			f, next, ok = sc.arabic(i, start, end, prevEnd)
		case r == '百' && sc.hasPrefix(i, "百分之"), r == '千' && sc.hasPrefix(i, "千分之"), r == '万' && sc.hasPrefix(i, "万分之"):
			f, next, ok = sc.partsOf(i, start, end, prevEnd)
		case isChineseNumeral(r) || r == '负' && sc.signAt(i, start):
			f, next, ok = sc.chinese(i, start, end, prevEnd)
		}
		if ok {
			if n := len(out); n > 0 && f.Qualifier == Exact {
				f.Qualifier = sc.listQualifier(out[n-1], f)
			}
			out = append(out, f)
			prevEnd = f.End
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	return out
}

// mayOpenNumber reports whether a number-like token may start with r: a
// digit, half- or full-width, a sign, or a Chinese numeral (百分之 starts
// with one). Every other rune of a text is passed over at once.
func mayOpenNumber(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r == '-':
		return true
	case r < 0x3007:
		return false
	case r >= '０' && r <= '９', r == '－', r == '−', r == '负':
		return true
	}
	return isChineseNumeral(r)
}

// listQualifier returns the qualifier a figure takes from the one before it
// in a list after 分别 (分别不低于22%和30%: both at least), or Exact. A
// qualifier written before the first figure of a 分别 list governs each of
// them; one written after a figure stands against that figure alone.
func (sc *scanner) listQualifier(prev, f Figure) string {
	if prev.Qualifier == Exact || prev.Qualifier == Range || prev.Start == 0 {
		return Exact
	}
	between := strings.TrimSpace(string(sc.text[prev.End:f.Start]))
	switch between {
	case "和", "、", "及", "与", "或", ",", "，":
	default:
		return Exact
	}
	// the qualifier word stands before the first number of the list
	k := prev.Start
	for k < prev.End && !isDigit(sc.text[k]) && !isChineseNumeral(sc.text[k]) {
		k++
	}
	if k == prev.Start || !sc.hasSuffix(prev.Start, "分别") {
		return Exact
	}
	return prev.Qualifier
}

// signAt reports whether a minus sign at i belongs to the number after it:
// -2.3%, －2.3%, 负2.3%. A hyphen between two numbers is a range or a date.
func (sc *scanner) signAt(i, start int) bool {
	switch sc.at(i) {
	case '-', '－', '−', '负':
	default:
		return false
	}
	if !isDigit(sc.at(i+1)) && !(sc.at(i) == '负' && isChineseDigit(sc.at(i+1))) {
		return false
	}
	if i == start {
		return true
	}
	p := sc.at(i - 1)
	if isDigit(p) || isASCIILetter(p) || isChineseNumeral(p) || strings.ContainsRune(")）%％", p) {
		return false
	}
	if sc.at(i) == '负' && (p == '正' || p == '胜') {
		return false
	}
	return true
}

// digits reads Arabic digits at i with thousands separators and a fraction,
// returning the end of the number.
func (sc *scanner) digits(i, end int) int {
	j := i
	for j < end && isDigit(sc.text[j]) {
		j++
	}
	// thousands separators: 1,234,567 (an ASCII comma followed by exactly
	// three digits; the full-width ， separates clauses, not digits)
	for j+4 <= end && sc.at(j) == ',' &&
		isDigit(sc.at(j+1)) && isDigit(sc.at(j+2)) && isDigit(sc.at(j+3)) && !isDigit(sc.at(j+4)) {
		j += 4
	}
	if j+1 < end && (sc.text[j] == '.' || sc.text[j] == '．') && isDigit(sc.text[j+1]) {
		j++
		for j < end && isDigit(sc.text[j]) {
			j++
		}
	}
	return j
}

// tail is what follows a number: approximator, magnitude, unit and
// after-qualifier.
type tail struct {
	exp       int    // power of ten from magnitude words
	unit      string // stored unit, "" when none
	class     string // the unit's class
	qualifier string // from 余/多 or an after-qualifier, "" when none
	end       int    // end of the figure's text
	unitEnd   int    // end of the unit (before any after-qualifier)
}

// readTail reads the approximator, magnitude, unit and after-qualifier after
// a number ending at j. arabic allows spaces and Arabic-only units.
func (sc *scanner) readTail(j, end int, arabic bool) tail {
	lx := sc.lx
	t := tail{end: j, unitEnd: j}
	k := j
	skipSpaces := func() {
		// one space may stand between a number and its unit (5205 万人);
		// two or more are a gap between a table's columns
		if arabic && k < end && (sc.text[k] == ' ' || sc.text[k] == '\u00a0') && !isSpace(sc.at(k+1)) {
			k++
		}
	}
	skipSpaces()
	marker := ""
	if q, ok := lx.markers[sc.at(k)]; ok && k < end && sc.markerCounts(k, end, arabic) {
		marker = q
		k++
	}
	// a Chinese numeral holds its magnitudes, except one after an
	// approximator: 二千八百多万 is 2800多 × 10⁴
	if arabic || marker != "" {
		for _, m := range lx.magnitudes {
			if k+m.n <= end && sc.hasPrefix(k, m.word) && !sc.magnitudeIsUnit(k, m.n, end) {
				t.exp = lx.magExp[m.word]
				k += m.n
				break
			}
		}
		if q, ok := lx.markers[sc.at(k)]; ok && marker == "" && k < end && sc.markerCounts(k, end, arabic) {
			marker = q
			k++
		}
		skipSpaces()
	}
	if w := lx.wordAfter(sc.text, k, end, "not-unit"); w != "" {
		return tail{end: j, unitEnd: j, qualifier: "!" + SkipName}
	}
	u := lx.unitAt(sc.text, k, end, arabic)
	if u != nil && u.measure {
		// 6个月, 3个工作日: the measure word hands the unit to the time noun
		if v := lx.unitAt(sc.text, k+u.n, end, arabic); v != nil && v.class == ClassTime {
			k += u.n
			u = v
		}
	}
	if u != nil && u.afterMeasure && (k == j || !sc.measureBefore(k)) {
		u = nil // 6月 is a month, not six months
	}
	if u == nil && k == j && (sc.at(k) == '/' || sc.at(k) == '／') {
		// a rate per a count written in digits: 15.1/10万, 4.5/千
		if e := sc.perCount(k+1, end); e > k+1 {
			t.unit, t.class, t.end, t.unitEnd = string(sc.text[k:e]), ClassRate, e, e
			return t
		}
	}
	if u == nil {
		if t.exp == 0 && marker == "" {
			return tail{end: j, unitEnd: j}
		}
		// a magnitude or approximator with no unit (43.0亿, 5万余) still
		// ends the number, and a qualifier may follow it (1000万以上)
		t.end, t.unitEnd = k, k
		t.qualifier = marker
		sc.qualifierAfter(&t, k, end)
		return t
	}
	k += u.n
	t.unit, t.class = u.unit, u.class
	if u.compound && sc.at(k) == '次' && k < end {
		t.unit += "次" // 剂次, 家次: occurrences of the counted thing
		k++
	}
	if k+1 < end && (sc.text[k] == '/' || sc.text[k] == '／') {
		// a rate: 89元/人, 3张/千人
		if v := lx.unitAt(sc.text, k+1, end, true); v != nil {
			t.unit, t.class = t.unit+"/"+v.unit, ClassRate
			k += 1 + v.n
		} else {
			e := k + 1
			for _, m := range lx.magnitudes {
				if sc.hasPrefix(e, m.word) {
					e += m.n
					break
				}
			}
			if v := lx.unitAt(sc.text, e, end, true); v != nil && e > k+1 {
				t.unit, t.class = t.unit+"/"+string(sc.text[k+1:e])+v.unit, ClassRate
				k = e + v.n
			}
		}
	}
	t.end, t.unitEnd = k, k
	t.qualifier = marker
	sc.qualifierAfter(&t, k, end)
	return t
}

// qualifierAfter reads a qualifier word at k, after a figure's unit or
// magnitude (以上, 左右, 以内), into t.
func (sc *scanner) qualifierAfter(t *tail, k, end int) {
	for _, q := range sc.lx.after {
		if k+q.n > end || !sc.hasPrefix(k, q.word) {
			continue
		}
		if q.word == "上下" && unicode.Is(unicode.Han, sc.at(k+2)) && sc.at(k+2) != '的' {
			return // 上下游, 上下联动: not "about"
		}
		if q.word == "内" && t.class != ClassTime {
			return // 内 is 以内 only after a span of time: 5年内
		}
		if t.qualifier == "" {
			t.qualifier = q.qualifier
		}
		t.end = k + q.n
		return
	}
}

// perCount returns the end of the denominator of a rate written after a
// slash (10万, 千, 100000, 10万人), or k when there is none.
func (sc *scanner) perCount(k, end int) int {
	e := k
	for e < end && isDigit(sc.text[e]) {
		e++
	}
	n := e
	for _, m := range sc.lx.magnitudes {
		if sc.hasPrefix(e, m.word) && e+m.n <= end {
			e += m.n
			break
		}
	}
	if e == n && (e == k || e-k < 3) {
		return k // a bare small number after a slash: a date or a fraction
	}
	if u := sc.lx.unitAt(sc.text, e, end, true); u != nil && (u.class == ClassPerson || u.class == ClassCount) {
		e += u.n
	}
	return e
}

// markerCounts reports whether 余, 多 or 来 at k stands between a number and
// its magnitude or unit (20余万元, 600多项) rather than starting a word
// (多项, 来自).
func (sc *scanner) markerCounts(k, end int, arabic bool) bool {
	n := k + 1
	if arabic {
		for n < end && sc.text[n] == ' ' {
			n++
		}
	}
	for _, m := range sc.lx.magnitudes {
		if sc.hasPrefix(n, m.word) {
			return true
		}
	}
	if sc.lx.unitAt(sc.text, n, end, arabic) != nil {
		return true
	}
	// a marker with nothing after it ends a bare figure: 增长20%多, 10余
	r := sc.at(n)
	return n >= end || !unicode.Is(unicode.Han, r)
}

// magnitudeIsUnit reports whether a magnitude word at k is the start of a
// unit instead (百分点, 千米, 千克).
func (sc *scanner) magnitudeIsUnit(k, n, end int) bool {
	u := sc.lx.unitAt(sc.text, k, end, true)
	return u != nil && u.n > n
}

// measureBefore reports whether a measure word (个) stands right before k.
func (sc *scanner) measureBefore(k int) bool {
	u := sc.lx.unitNamed(string(sc.at(k - 1)))
	return u != nil && u.measure
}

// beforeQualifier looks back from the number at i for a qualifier word, with
// 有 or 为 and spaces allowed between. It returns the qualifier and the
// start of the figure's raw text (the qualifier word's start when adjacent).
func (sc *scanner) beforeQualifier(i, lineStart int) (string, int) {
	k := i
	for k > lineStart && isSpace(sc.text[k-1]) {
		k--
	}
	adjacent := true
	if k > lineStart && (sc.text[k-1] == '有' || sc.text[k-1] == '为' || sc.text[k-1] == '了') {
		k--
		adjacent = false
		for k > lineStart && isSpace(sc.text[k-1]) {
			k--
		}
	}
	for _, q := range sc.lx.before {
		if k-q.n < lineStart || !sc.hasSuffix(k, q.word) {
			continue
		}
		ws := k - q.n
		before := sc.at(ws - 1)
		// A word that ends a longer word is not the qualifier: 节约, 最近,
		// 赶超. These are the Han characters that form such words with it.
		switch q.word {
		case "约":
			if strings.ContainsRune("节制预签契公条合相简违履", before) {
				continue
			}
		case "近":
			if strings.ContainsRune("最附将接邻贴亲", before) {
				continue
			}
		case "超":
			if strings.ContainsRune("赶高", before) {
				continue
			}
		}
		qual := q.qualifier
		if (qual == GT || qual == LT) && !strings.HasPrefix(q.word, "不") {
			if neg := sc.lx.wordBefore(sc.text, lineStart, ws, "negator"); neg != "" {
				// 不得少于 is at least, 不得超过 at most
				if qual == GT {
					qual = LTE
				} else {
					qual = GTE
				}
				ws -= len([]rune(neg))
			}
		}
		// 高于/低于 qualify only the figure that is their object, right after
		// them; the difference in a comparison (高于全国平均值11.9个百分点)
		// does not stand next to the word and stays exact.
		if adjacent {
			return qual, ws
		}
		return qual, i
	}
	return "", i
}

// clauseQualifier looks back through the clause before i (not past from) for
// a word such as 至少 that governs the count ending its verb phrase.
func (sc *scanner) clauseQualifier(i, from int) string {
	k := i - 1
	for ; k >= from; k-- {
		r := sc.text[k]
		if strings.ContainsRune("，,；;。！？!?：:\n", r) || isDigit(r) {
			break
		}
	}
	seg := sc.text[k+1 : i]
	for _, q := range sc.lx.clause {
		for s := 0; s+q.n <= len(seg); s++ {
			if runesHavePrefix(seg[s:], q.word) {
				return q.qualifier
			}
		}
	}
	return ""
}

// isRank reports whether 第 before i introduces a rank (居全国第1, 第6名).
func (sc *scanner) isRank(i, numEnd int) bool {
	if sc.at(numEnd) == '名' {
		return true // 第6名
	}
	// a rank verb close before 第: 居全国第1, 位居第三
	lo := max(i-1-5, 0)
	seg := sc.text[lo : i-1]
	for _, w := range sc.lx.contexts["rank-verb"] {
		n := len([]rune(w))
		for s := 0; s+n <= len(seg); s++ {
			if runesHavePrefix(seg[s:], w) {
				return true
			}
		}
	}
	return false
}

// ordinal handles a number after 第: a rank is a figure with unit 名
// (居全国第1, 第6名), any other ordinal is skipped.
func (sc *scanner) ordinal(i, numEnd int, v Decimal) (Figure, int, bool) {
	if !sc.isRank(i, numEnd) {
		sc.skip(i-1, numEnd, SkipOrdinal)
		return Figure{}, numEnd, false
	}
	end := numEnd
	if sc.at(end) == '名' || sc.at(end) == '位' {
		end++ // 第6名, 排在第十位
	}
	return sc.figure(i-1, end, v, v, "名", Exact), end, true
}

// listHead reports whether a list marker may start at i: at the head of a
// line or of a sentence, or right after a colon or a sentence end.
func (sc *scanner) listHead(i, start int) bool {
	if i == start || sc.lineHead(i) == i {
		return true
	}
	switch sc.at(i - 1) {
	case ':', '：', '。', '；', ';':
		return true
	}
	return false
}

// lineHead returns i when only spaces stand between the start of its line
// and i, and -1 otherwise.
//
// It walks back over spaces only, so that a document on one long line is
// read in linear time.
func (sc *scanner) lineHead(i int) int {
	k := i
	for k > 0 && (isSpace(sc.text[k-1]) || sc.text[k-1] == '\t') {
		k--
	}
	if k == 0 || sc.text[k-1] == '\n' {
		return i // only spaces between the line's start and i
	}
	return -1
}

// arabic reads a figure written with Arabic digits at i (or at its sign).
func (sc *scanner) arabic(i, start, end, prevEnd int) (Figure, int, bool) {
	signAt := -1
	if !isDigit(sc.text[i]) {
		signAt, i = i, i+1
	}
	j := sc.digits(i, end)
	prev, next := sc.at(i-1), sc.at(j)
	if signAt >= 0 {
		prev = sc.at(signAt - 1)
	}
	// Product codes, versions and identifiers: letters glued to the digits,
	// digits after a point, a hyphen or a slash of a code.
	if isASCIILetter(prev) || isASCIILetter(next) && !sc.hasPrefix(j, "°C") && sc.lx.unitAt(sc.text, j, end, true) == nil ||
		prev == '.' || prev == '·' || next == '·' || prev == '-' && isASCIILetter(sc.at(i-2)) || prev == '_' || next == '_' {
		e := j
		for e < end && (isDigit(sc.text[e]) || isASCIILetter(sc.text[e]) || strings.ContainsRune("-._/", sc.text[e])) {
			e++
		}
		sc.skipDigits(i, e, SkipIdentifier)
		return Figure{}, e, false
	}
	numText := string(sc.text[i:j])
	// Times (10:00) and dates (2025-11-15, 2025/11/15, 2025.11.15).
	if (next == ':' || next == '：') && isDigit(sc.at(j+1)) && j-i <= 2 {
		e := skipDigitsAndSeps(sc.text, j, end)
		sc.skipDigits(i, e, SkipTime)
		return Figure{}, e, false
	}
	if (next == '-' || next == '/' || next == '.' || next == '－') && isDigit(sc.at(j+1)) && (isYear(numText) || sc.dateLike(j+1, end)) {
		e := skipDigitsAndSeps(sc.text, j, end)
		sc.skipDigits(i, e, SkipDate)
		return Figure{}, e, false
	}
	if k := strings.IndexAny(numText, ".．"); k == 4 && !sc.inCell && isYear(numText[:4]) && len(numText) <= 7 && sc.lx.unitAt(sc.text, j, end, true) == nil && !sc.magnitudeAt(j) {
		sc.skipDigits(i, j, SkipDate) // 2025.11: a year and month
		return Figure{}, j, false
	}
	// A table's number at the head of its title line: 19-13  各类医疗卫生机构.
	if signAt < 0 && sc.lineHead(i) == i && strings.ContainsRune("-－—–―", next) && isDigit(sc.at(j+1)) {
		e := sc.digits(j+1, end)
		if e-i <= 6 && (isSpace(sc.at(e)) || unicode.Is(unicode.Han, sc.at(e))) {
			sc.skipDigits(i, e, SkipIdentifier)
			return Figure{}, e, false
		}
	}
	// Hours: 0-24时, 8—12時: a time of day, as 10:00 is.
	if strings.ContainsRune("-—－–~～", next) && len(numText) <= 2 {
		if e := sc.digits(j+1, end); e > j+1 && e-j-1 <= 2 && (sc.at(e) == '时' || sc.at(e) == '時') {
			sc.skipDigits(i, e, SkipTime)
			return Figure{}, e + 1, false
		}
	}
	// Phone numbers: long digit strings joined by a hyphen (0771-5551234,
	// 0471— 6945023); a number in an e-mail address (wjx@163.com).
	if strings.ContainsRune("-—－–", next) && numText[0] == '0' && len(numText) >= 3 && !strings.ContainsAny(numText, ".．,，") {
		k := j + 1
		for k < end && sc.text[k] == ' ' {
			k++
		}
		if isDigit(sc.at(k)) {
			e := skipDigitsAndSeps(sc.text, k, end)
			sc.skipDigits(i, e, SkipIdentifier)
			return Figure{}, e, false
		}
	}
	if prev == '@' || (prev == '_' || isASCIILetter(prev)) && next == '@' {
		e := skipDigitsAndSeps(sc.text, j, end)
		sc.skipDigits(i, e, SkipIdentifier)
		return Figure{}, e, false
	}
	// List markers: 1. or 1、 at the head of a line or of a sentence or
	// after a colon (注：1.…), (1) anywhere.
	if signAt < 0 && sc.listHead(i, start) && strings.ContainsRune(".、．)）", next) && !isDigit(sc.at(j+1)) {
		sc.skip(i, j, SkipListMarker)
		return Figure{}, j + 1, false
	}
	if (prev == '(' || prev == '（') && (next == ')' || next == '）') && !sc.unitInside(i, j) {
		sc.skip(i, j, SkipListMarker)
		return Figure{}, j + 1, false
	}
	if signAt < 0 && len(numText) >= 5 && sc.afterIdentifier(i) {
		sc.skip(i, j, SkipIdentifier) // 0471-6945023、6911012: a list of numbers
		return Figure{}, j, false
	}
	if signAt < 0 {
		k := sc.spaceBack(i, start)
		if k > start && isColonRune(sc.text[k-1]) {
			k = sc.spaceBack(k-1, start) // 联系电话：6911012
		}
		if sc.lx.wordBefore(sc.text, max(start, k-sc.lx.maxContext), k, "id-before") != "" {
			sc.skip(i, j, SkipIdentifier)
			return Figure{}, j, false
		}
	}
	v, err := ParseDecimal(numText, 0)
	if err != nil {
		sc.skip(i, j, SkipBad)
		return Figure{}, j, false
	}
	if prev == '第' {
		return sc.ordinal(i, j, v)
	}
	if prev == '每' || sc.hasSuffix(i, "每 ") {
		e := j
		for _, m := range sc.lx.magnitudes {
			if sc.hasPrefix(e, m.word) {
				e += m.n
				break
			}
		}
		sc.skip(i, j, SkipPer) // 每10万人口: part of a rate's denominator
		return Figure{}, e, false
	}
	if w := sc.lx.wordAfter(sc.text, j, end, "id-after"); w != "" && !sc.dayOfMonth(i) {
		sc.skip(i, j, SkipIdentifier) // 112号, 2.0版
		return Figure{}, j + len([]rune(w)), false
	}
	if w := sc.lx.wordAfter(sc.text, j, end, "grade-after"); w != "" {
		sc.skip(i, j, SkipGrade)
		return Figure{}, j, false
	}
	// Dates: 2025年, 2016 年, 2025年度, 2025—2027年; months and days: 6月底,
	// 14日 after a month; times: 10时30分.
	if e, ok := sc.dateAt(i, j, end); ok {
		sc.skipDigits(i, e, SkipDate)
		return Figure{}, e, false
	}
	if sc.at(j) == '时' && isDigit(sc.at(j+1)) || sc.hasPrefix(j, "时许") || isHour(sc.at(j)) && sc.at(i-1) == '日' {
		e := skipDigitsAndSeps(sc.text, j+1, end)
		sc.skipDigits(i, e, SkipTime)
		return Figure{}, e, false
	}
	t := sc.readTail(j, end, true)
	if strings.HasPrefix(t.qualifier, "!") {
		sc.skip(i, j, t.qualifier[1:]) // 100周年
		return Figure{}, j, false
	}
	if sc.leadingPeriod(i, t) {
		sc.skip(i, j, SkipPeriod)
		return Figure{}, t.end, false
	}
	// Fractions: 3分之1 (optional in FIGURES.md; recorded, not stored).
	if sc.at(j) == '分' && sc.at(j+1) == '之' {
		e := sc.digits(j+2, end)
		sc.skipDigits(i, max(e, j+2), SkipFraction)
		return Figure{}, max(e, j+2), false
	}
	numStart := i
	if signAt >= 0 {
		numStart = signAt
	}
	// Ranges: 2—8℃, 2-3个, 5至10万元, 3个月至12个月.
	if t.qualifier == "" || t.qualifier == GT && t.unit == "" {
		if f, e, ok := sc.rangeFrom(numStart, i, j, t, end, start); ok {
			return f, e, true
		}
	}
	if t.exp != 0 {
		if v, err = ParseDecimal(numText, t.exp); err != nil {
			sc.skip(i, j, SkipBad)
			return Figure{}, t.end, false
		}
	}
	if signAt >= 0 {
		v = v.Neg()
	}
	if t.unit == "" {
		t.unit = sc.impliedUnit(numStart, start)
		if t.unit == "" {
			t.unit = sc.impliedUnitAfter(t.end, end) // 800多万常住人口
		}
		if t.unit == "" && t.exp == 0 && t.qualifier == "" && sc.bareIsNotQuantity(numStart, j, end, numText) {
			sc.skip(i, j, SkipDate)
			return Figure{}, j, false
		}
	}
	return sc.finish(numStart, t, v, start, prevEnd)
}

// magnitudeAt reports whether a magnitude word starts at k.
func (sc *scanner) magnitudeAt(k int) bool {
	for _, m := range sc.lx.magnitudes {
		if sc.hasPrefix(k, m.word) {
			return true
		}
	}
	return false
}

// unitInside reports whether (5%) holds a unit: a figure in brackets, not a
// list marker.
func (sc *scanner) unitInside(i, j int) bool {
	return sc.lx.unitAt(sc.text, j, j+4, true) != nil
}

// spaceBack returns i moved back over spaces, not before start.
func (sc *scanner) spaceBack(i, start int) int {
	for i > start && isSpace(sc.text[i-1]) {
		i--
	}
	return i
}

// dayOfMonth reports whether the number at i follows a month (11月14号).
func (sc *scanner) dayOfMonth(i int) bool {
	return sc.at(i-1) == '月'
}

// newsDay reports whether N日 at [i, k] is a news report's day of the month,
// written without its month: before the event it dates (新闻办8日召开发布会,
// 朱永峰11日在北京指出: lexicon/contexts.tsv day-event), or in brackets
// after the weekday (周五(20日)).
func (sc *scanner) newsDay(i, k, end int) bool {
	if d := serialValue(sc.text[i:k]); d < 1 || d > 31 {
		return false
	}
	if sc.lx.wordAfter(sc.text, k+1, end, "day-event") != "" {
		return true
	}
	if sc.hasPrefix(k+1, "在") {
		// 11日在北京指出: a place between the day and the event
		for p := k + 2; p < end && p < k+10 && unicode.Is(unicode.Han, sc.text[p]); p++ {
			if sc.lx.wordAfter(sc.text, p, end, "day-event") != "" {
				return true
			}
		}
	}
	if (sc.at(i-1) == '(' || sc.at(i-1) == '（') && (sc.at(k+1) == ')' || sc.at(k+1) == '）') {
		w := sc.at(i - 3)
		return w == '周' || w == '期' // 周五(20日), 星期五(20日)
	}
	return false
}

// dateAt reports whether the number [i, j) begins a date, and where the date
// ends: a year (2025年, 2025 年度, 2025—2027年), a month (6月, 1-9月) that
// no measure word counts, or a day after a month (14日, 14号).
func (sc *scanner) dateAt(i, j, end int) (int, bool) {
	k := j
	for k < end && sc.text[k] == ' ' {
		k++
	}
	num := string(sc.text[i:j])
	switch {
	case isYear(num) && sc.at(k) == '年' && !sc.hasPrefix(k, "年以上") && !sc.hasPrefix(k, "年以下") && !sc.hasPrefix(k, "年内"):
	case isYear(num) && sc.isRangeSep(k) && sc.yearAfter(k+1, end):
	case sc.at(k) == '月' && !sc.hasPrefix(k, "月份") && (sc.at(i-1) != '个' && len(num) <= 2):
	case (sc.at(k) == '日' || sc.at(k) == '号') && (sc.at(i-1) == '月' || sc.hasPrefix(k+1, "起") || sc.hasPrefix(k+1, "前") || sc.hasPrefix(k+1, "至")) && len(num) <= 2 && sc.dayOfMonth(i):
	case sc.at(k) == '日' && len(num) <= 2 && sc.newsDay(i, k, end):
	case len(num) <= 2 && sc.isRangeSep(k) && sc.monthAfter(k+1, end):
	default:
		return 0, false
	}
	return sc.skipDate(j, end), true
}

// monthAfter reports whether N月 starts at k (the high end of 1-9月).
func (sc *scanner) monthAfter(k, end int) bool {
	j := sc.digits(k, end)
	return j > k && j-k <= 2 && sc.at(j) == '月'
}

// bareIsNotQuantity reports whether a bare number in prose, with no unit,
// magnitude or qualifier, is a year standing alone (2020 in 2020—2022 was
// read earlier; a lone 2020 before 以来 or a comma names a year).
func (sc *scanner) bareIsNotQuantity(i, j, end int, num string) bool {
	if !isYear(num) {
		return false
	}
	return sc.hasPrefix(j, "以来") || sc.hasPrefix(j, "至今") || sc.hasPrefix(j, "起") || sc.hasPrefix(j, "年") || sc.hasPrefix(j, "版")
}

// impliedUnit returns the unit the noun before a bare number implies
// (总诊疗人次43.0亿 → 人次; 基金收入680.93亿 → 元), or "".
func (sc *scanner) impliedUnit(i, start int) string {
	k := sc.spaceBack(i, start)
	for _, link := range []string{"达到", "达", "为", "是", "共计", "合计", "共", "计", "约", "近", "超过", "：", ":"} {
		if sc.hasSuffix(k, link) && k-len([]rune(link)) >= start {
			k = sc.spaceBack(k-len([]rune(link)), start)
			break
		}
	}
	// a noun whose unit the lexicon names (床位 is counted in 张), else the
	// longest unit ending at k (人次: a compound unit ends with 次)
	for _, nn := range sc.lx.nouns {
		if k-nn.n >= start && sc.hasSuffix(k, nn.word) {
			return nn.qualifier
		}
	}
	e, suffix := k, ""
	if sc.at(k-1) == '次' {
		e, suffix = k-1, "次"
	}
	for n := 3; n >= 1; n-- {
		if e-n < start {
			continue
		}
		if u := sc.lx.unitAt(sc.text, e-n, e, false); u != nil && u.n == n && (suffix == "" || u.compound) &&
			(u.class == ClassPerson || u.class == ClassCount && n+len(suffix) > 1) {
			return u.unit + suffix
		}
	}
	return ""
}

// impliedUnitAfter returns the unit the noun right after a bare number
// implies (以全市800多万常住人口计算: 人口 is counted in 人), by the nouns of
// lexicon/nouns.tsv ending a word of up to six characters, or "".
func (sc *scanner) impliedUnitAfter(j, end int) string {
	if j >= end || !unicode.Is(unicode.Han, sc.text[j]) {
		return ""
	}
	for n := min(6, end-j); n >= 2; n-- {
		if !sc.lx.nounSet.mayEnd(sc.text[j+n-1]) {
			continue
		}
		for _, nn := range sc.lx.nouns {
			if nn.n <= n && sc.hasSuffix(j+n, nn.word) {
				return nn.qualifier
			}
		}
	}
	return ""
}

// finish applies qualifiers to a number at i with tail t and returns the figure.
func (sc *scanner) finish(i int, t tail, v Decimal, lineStart, prevEnd int) (Figure, int, bool) {
	q, rawStart := sc.beforeQualifier(i, lineStart)
	if q == Approx && t.unit == "年" && rawStart < i {
		if w := sc.lx.wordBefore(sc.text, rawStart, i, "recent"); w != "" {
			q, rawStart = "", i // 近三年: the last three years
		}
	}
	if q == "" {
		q = sc.clauseQualifier(i, prevEnd)
	}
	if q == "" {
		q = t.qualifier
	}
	if q == "" {
		q = Exact
	}
	return sc.figure(rawStart, t.end, v, v, t.unit, q), t.end, true
}

// leadingPeriod reports whether the count at i names a period from the
// start of a year: 前两个月, 前5年, 前三季度.
func (sc *scanner) leadingPeriod(i int, t tail) bool {
	if sc.lx.wordBefore(sc.text, max(0, i-1), i, "period-before") == "" {
		return false
	}
	// 前 counts from the start of a year only where it opens a phrase
	// (今年前三季度, 前两个月); after a verb or noun it means "before" and
	// the count is a span of time (届满前6个月内).
	if p := sc.at(i - 2); unicode.Is(unicode.Han, p) && p != '年' {
		return false
	}
	return t.class == ClassTime || t.unit == "个" && (sc.at(t.unitEnd) == '月' || sc.hasPrefix(t.unitEnd, "季度"))
}

// rangeFrom tries to read a range whose low end is the number [i, j) with
// tail t (numStart is the sign's offset when the number has one).
func (sc *scanner) rangeFrom(numStart, i, j int, t tail, end, lineStart int) (Figure, int, bool) {
	k := t.unitEnd
	if t.unit == "" {
		k = j
		if t.exp != 0 || t.qualifier != "" {
			k = t.end
		}
	}
	if !sc.isRangeSep(k) {
		return Figure{}, 0, false
	}
	sep := sc.text[k]
	k2 := k + 1
	neg2 := false
	if sc.signAt(k2, k2) && isDigit(sc.at(k2+1)) && sep != '-' {
		neg2, k2 = true, k2+1
	}
	if !isDigit(sc.at(k2)) {
		return Figure{}, 0, false
	}
	if (sep == '至' || sep == '到') && (sc.hasSuffix(numStart, "从") || sc.hasSuffix(numStart, "由")) {
		return Figure{}, 0, false // 从A到B is a change, two figures
	}
	j2 := sc.digits(k2, end)
	if isASCIILetter(sc.at(j2)) {
		return Figure{}, 0, false
	}
	if _, isDate := sc.dateAt(k2, j2, end); isDate {
		return Figure{}, 0, false
	}
	t2 := sc.readTail(j2, end, true)
	if strings.HasPrefix(t2.qualifier, "!") || t.unit != "" && t.unit != t2.unit && !(t.class == ClassTime && t2.class == ClassTime) {
		return Figure{}, 0, false
	}
	if t2.unit == "" && t.unit == "" && (sep == '至' || sep == '到') {
		return Figure{}, 0, false
	}
	if t.unit != "" && t.unit != t2.unit {
		return Figure{}, 0, false // 6个月至1年: two bounds, not one range
	}
	if t2.qualifier != "" && t2.qualifier != GT {
		return Figure{}, 0, false // 2倍以上5倍以下 and the like: two figures
	}
	lowExp := t.exp
	if t.unit == "" && t.exp == 0 {
		lowExp = t2.exp // 2—3万元: the magnitude applies to both ends
	}
	lo, err1 := ParseDecimal(string(sc.text[i:j]), lowExp)
	hi, err2 := ParseDecimal(string(sc.text[k2:j2]), t2.exp)
	if err1 != nil || err2 != nil {
		return Figure{}, 0, false
	}
	if numStart < i {
		lo = lo.Neg()
	}
	if neg2 {
		hi = hi.Neg()
	}
	if hi.Less(lo) {
		return Figure{}, 0, false
	}
	unit := t2.unit
	if unit == "" {
		unit = sc.impliedUnit(numStart, lineStart)
	}
	f := sc.figure(numStart, t2.end, lo, hi, unit, Range)
	if q, rs := sc.beforeQualifier(numStart, lineStart); q != "" && rs < numStart {
		f = sc.figure(rs, t2.end, lo, hi, unit, Range)
	}
	return f, t2.end, true
}

func (sc *scanner) isRangeSep(k int) bool {
	switch sc.at(k) {
	case '—', '–', '-', '－', '~', '～', '至', '到', '〜':
		return true
	}
	return false
}

// yearAfter reports whether a four-digit year followed by 年 starts at k.
func (sc *scanner) yearAfter(k, end int) bool {
	j := sc.digits(k, end)
	if !isYear(string(sc.text[k:j])) {
		return false
	}
	for j < end && isSpace(sc.text[j]) {
		j++
	}
	return sc.at(j) == '年'
}

// skipDate skips the rest of a date starting after a number's digits at j.
func (sc *scanner) skipDate(j, end int) int {
	k := j
	for k < end {
		r := sc.text[k]
		switch {
		case isDigit(r):
			// digits go on a date only when a date word or a range mark
			// follows: in 2021年6.72张 the 6.72 is a quantity, not a month
			e := sc.digits(k, end)
			f := e
			for f < end && sc.text[f] == ' ' {
				f++
			}
			if f >= end || !strings.ContainsRune("年度月日号—–-~至到", sc.text[f]) {
				return k
			}
			k = e
			continue
		case r == ' ' || strings.ContainsRune("年度月日号—–-~至到", r):
		default:
			return k
		}
		k++
		if r == '日' || r == '号' {
			break // the day ends a date: 14日10:00 goes on with a time
		}
	}
	return k
}

// isHour reports whether r is 时 (or its traditional form 時): after a
// day (14日24时) a number before it is the hour of a date.
func isHour(r rune) bool { return r == '时' || r == '時' }

func (sc *scanner) dateLike(k, end int) bool {
	j := sc.digits(k, end)
	return j-k <= 2 && (sc.at(j) == '-' || sc.at(j) == '/' || sc.at(j) == '.') && isDigit(sc.at(j+1))
}

func skipDigitsAndSeps(text []rune, j, end int) int {
	for j < end && (isDigit(text[j]) || strings.ContainsRune(":：-/.－", text[j])) {
		j++
	}
	return j
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s >= "1900" && s <= "2100"
}

// chinese reads a figure written with Chinese numerals at i.
func (sc *scanner) chinese(i, start, end, prevEnd int) (Figure, int, bool) {
	neg := false
	numStart := i
	if sc.text[i] == '负' {
		neg, i = true, i+1
	}
	j := i
	for j < end && (isChineseNumeral(sc.text[j]) || isChinesePoint(sc.text[j]) && j > i && isChineseDigit(sc.at(j+1))) && !sc.name[j] {
		j++
	}
	numText := string(sc.text[i:j])
	first := sc.text[i]
	if j == i {
		return Figure{}, i + 1, false
	}
	// N分之M: a fraction (optional in FIGURES.md).
	if sc.at(j) == '分' && sc.at(j+1) == '之' {
		e := j + 2
		for e < end && isChineseNumeral(sc.text[e]) {
			e++
		}
		if e > j+2 {
			sc.skip(i, e, SkipFraction)
		}
		return Figure{}, e, false
	}
	next := sc.at(j)
	if next == '是' || next == '、' || next == '）' || next == ')' || next == '．' || next == '.' && !isDigit(sc.at(j+1)) {
		return Figure{}, j, false // 一是, 一、, (一): list markers, not number-like
	}
	if strings.ContainsRune("〇零", first) || strings.ContainsRune(numText, '〇') && sc.at(j) == '年' {
		return Figure{}, j, false // 二〇二二年: a year
	}
	leadingMagnitude := first == '百' || first == '千' || first == '万' || first == '亿'
	if !isChineseDigit(first) && first != '十' && !isTensNumeral(first) && !leadingMagnitude {
		return Figure{}, j, false
	}
	v, err := ParseChinese(numText)
	if err != nil {
		return Figure{}, j, false
	}
	if sc.at(i-1) == '第' {
		return sc.ordinal(i, j, v) // 居全国第一 is a rank; 第十九场 an ordinal
	}
	t := sc.readTail(j, end, false) // no spaces, no Arabic-only units; magnitudes are in the numeral
	if t.unit == "" && t.qualifier == "" {
		return Figure{}, j, false // 三医, 两票制: a numeral with no unit is not a count
	}
	if strings.HasPrefix(t.qualifier, "!") {
		return Figure{}, j, false
	}
	if t.unit == "月" && !sc.measureBefore(t.unitEnd-1) || t.unit == "日" && sc.at(i-1) == '月' {
		return Figure{}, t.end, false // 一月, 二十五日: dates written in words
	}
	if leadingMagnitude {
		// 百余家, 逾百家, 近千人: a leading 百 or 千 counts only with an
		// approximator or qualifier; alone it is a word (百姓, 千家万户).
		if q, _ := sc.beforeQualifier(numStart, start); q == "" && t.qualifier == "" {
			return Figure{}, j, false
		}
	}
	switch sc.at(i - 1) {
	case '数', '几':
		sc.skip(i, t.unitEnd, SkipVague) // 数十家, 几百人
		return Figure{}, t.end, false
	case '星', '周', '初':
		sc.skip(i, t.unitEnd, SkipDate) // 星期一, 周一, 初一 are days
		return Figure{}, t.end, false
	}
	if sc.hasPrefix(j, "成") && t.unit == "成" {
		n := sc.at(t.unitEnd)
		if unicode.Is(unicode.Han, n) && !strings.ContainsRune("以左多的上", n) {
			return Figure{}, j, false // 三成员, 一成不变: 成 starts a word
		}
	}
	// 一物一码, 五位一体, 一院一策: 一 right after the unit makes a set phrase.
	if sc.at(t.unitEnd) == '一' {
		sc.skip(i, t.unitEnd, SkipName)
		return Figure{}, t.unitEnd, false
	}
	if sc.namesAfter(t, end) {
		sc.skip(i, t.unitEnd, SkipName) // 三年行动, 三次会议: a name, not a count
		return Figure{}, t.unitEnd, false
	}
	if sc.leadingPeriod(numStart, t) {
		sc.skip(i, t.unitEnd, SkipPeriod)
		return Figure{}, t.end, false
	}
	if t.exp != 0 {
		v = v.Scale(t.exp)
	}
	if neg {
		v = v.Neg()
	}
	f, e, ok := sc.finish(numStart, t, v, start, prevEnd)
	if numText == "一" && f.Qualifier == Exact && t.class != ClassRatio && !sc.countingOne(i) {
		sc.skip(i, t.unitEnd, SkipArticle) // 一名患者, 一批政策: "a", not a count
		return Figure{}, t.end, false
	}
	return f, e, ok
}

// namesAfter reports whether the noun phrase a Chinese numeral's unit opens
// makes the whole a name: N年 before a programme's name within the phrase
// (三年行动, 首期三年体重管理行动), N次 or N届 before a meeting (三次会议).
func (sc *scanner) namesAfter(t tail, end int) bool {
	class := ""
	switch t.unit {
	case "年":
		class = "name-after-year"
	case "次", "届":
		class = "name-after-session"
	default:
		return false
	}
	for k := t.unitEnd; k < end && k < t.unitEnd+8; k++ {
		if !unicode.Is(unicode.Han, sc.text[k]) {
			return false
		}
		if sc.lx.wordAfter(sc.text, k, end, class) != "" {
			return true
		}
	}
	return false
}

// countingOne reports whether 一 at i counts (仅一例, 只有一家) rather than
// meaning "a".
func (sc *scanner) countingOne(i int) bool {
	return sc.lx.wordBefore(sc.text, max(0, i-3), i, "counting-one") != ""
}

// partsOf reads 百分之三十 (30 %), 千分之四 (4 ‰) and 万分之五 (5 ‱) at i.
func (sc *scanner) partsOf(i, start, end, prevEnd int) (Figure, int, bool) {
	unit := map[rune]string{'百': "%", '千': "‰", '万': "‱"}[sc.text[i]]
	k := i + 3
	j := k
	var v Decimal
	var err error
	if isDigit(sc.at(k)) {
		j = sc.digits(k, end)
		v, err = ParseDecimal(string(sc.text[k:j]), 0)
	} else {
		for j < end && (isChineseNumeral(sc.text[j]) || isChinesePoint(sc.text[j]) && j > k && isChineseDigit(sc.at(j+1))) {
			j++
		}
		v, err = ParseChinese(string(sc.text[k:j]))
	}
	if j == k || err != nil {
		return Figure{}, k, false
	}
	t := tail{unit: unit, class: ClassRatio, end: j, unitEnd: j}
	for _, q := range sc.lx.after {
		if q.word != "内" && sc.hasPrefix(j, q.word) {
			t.qualifier, t.end = q.qualifier, j+q.n
			break
		}
	}
	return sc.finish(i, t, v, start, prevEnd)
}
