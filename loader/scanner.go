package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
}

// ScanFigures returns the figures in s, treating the whole of s as a body.
// Offsets are code point offsets into s.
func ScanFigures(s string) []Figure {
	text := []rune(s)
	sc := newScanner(text, []Span{{0, len(text)}})
	var out []Figure
	var table *tableState
	for _, ln := range splitLines(text, Span{0, len(text)}) {
		if isTableRow(text[ln.Start:ln.End]) {
			if table == nil {
				table = &tableState{}
			}
			out = append(out, table.row(sc, ln)...)
			continue
		}
		table = nil
		out = append(out, sc.scanRange(ln.Start, ln.End)...)
	}
	return out
}

// scanner finds figures in the runes of one source.
type scanner struct {
	text []rune
	// name marks runes inside names: quotations, book titles, document
	// numbers, and the places a quoted name recurs unquoted.
	name []bool
}

func newScanner(text []rune, body []Span) *scanner {
	return &scanner{text: text, name: nameMask(text, body)}
}

// scanRange scans running text in [start, end).
func (sc *scanner) scanRange(start, end int) []Figure {
	var out []Figure
	prevEnd := start
	for i := start; i < end; {
		r := sc.text[i]
		if sc.name[i] {
			i++
			continue
		}
		var f Figure
		var ok bool
		next := i + 1
		switch {
		case isDigit(r):
			f, next, ok = sc.arabic(i, start, end, prevEnd)
		case r == '百' && sc.hasPrefix(i, "百分之"):
			f, next, ok = sc.percentWords(i, start, end, prevEnd)
		case isChineseNumeral(r):
			f, next, ok = sc.chinese(i, start, end, prevEnd)
		}
		if ok {
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

func (sc *scanner) hasPrefix(i int, s string) bool {
	for _, r := range s {
		if i >= len(sc.text) || sc.text[i] != r {
			return false
		}
		i++
	}
	return true
}

// hasSuffix reports whether the text before end ends with s.
func (sc *scanner) hasSuffix(end int, s string) bool {
	k := end
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		k--
		if k < 0 || sc.text[k] != r {
			return false
		}
		s = s[:len(s)-size]
	}
	return true
}

func (sc *scanner) at(i int) rune {
	if i < 0 || i >= len(sc.text) {
		return 0
	}
	return sc.text[i]
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

// tail is what follows a number: magnitude, 多/余, unit and post-qualifier.
type tail struct {
	exp       int    // power of ten from magnitude words
	unit      string // stored unit, "" when none
	qualifier string // from 多/余 or a post-qualifier, "" when none
	end       int    // end of the figure's text
	unitEnd   int    // end of the unit (before any post-qualifier)
}

// readTail reads the magnitude, 多/余 marker, unit and post-qualifier after a
// number ending at j. arabic allows spaces and magnitude words.
func (sc *scanner) readTail(j, end int, arabic bool) tail {
	t := tail{end: j, unitEnd: j}
	k := j
	skipSpaces := func() {
		if arabic {
			for k < end && isSpace(sc.text[k]) {
				k++
			}
		}
	}
	skipSpaces()
	gt := false
	if k < end && isGTMarker(sc.text[k]) {
		k++
		gt = true
	}
	if arabic {
		if u := sc.unitAt(k, end, arabic); u == nil || !strings.HasPrefix(u.raw, "百") && !strings.HasPrefix(u.raw, "千") {
			for _, m := range magnitudes {
				if sc.hasPrefix(k, m.word) && k+len([]rune(m.word)) <= end {
					t.exp = m.exp
					k += len([]rune(m.word))
					break
				}
			}
		}
		if !gt && k < end && isGTMarker(sc.text[k]) {
			k++
			gt = true
		}
		skipSpaces()
	}
	for _, w := range notUnits {
		if sc.hasPrefix(k, w) {
			return tail{end: j, unitEnd: j}
		}
	}
	u := sc.unitAt(k, end, arabic)
	if u == nil {
		if t.exp == 0 {
			return tail{end: j, unitEnd: j}
		}
		// a magnitude with no unit (5万) still ends the number
		t.end, t.unitEnd = k, k
		if gt {
			t.qualifier = GT
		}
		return t
	}
	k += len([]rune(u.raw))
	t.unit, t.end, t.unitEnd = u.unit, k, k
	if gt {
		t.qualifier = GT
	}
	for _, q := range postQualifiers {
		if sc.hasPrefix(k, q.word) && k+len([]rune(q.word)) <= end {
			if q.word == "上下" && isCJK(sc.at(k+2)) && sc.at(k+2) != '的' {
				break
			}
			if t.qualifier == "" {
				t.qualifier = q.qualifier
			}
			t.end = k + len([]rune(q.word))
			break
		}
	}
	return t
}

func isGTMarker(r rune) bool {
	for _, m := range gtMarkers {
		if r == m {
			return true
		}
	}
	return false
}

func (sc *scanner) unitAt(k, end int, arabic bool) *unitEntry {
	for i := range units {
		u := &units[i]
		if u.arabicOnly && !arabic {
			continue
		}
		if k+len([]rune(u.raw)) <= end && sc.hasPrefix(k, u.raw) {
			return u
		}
	}
	return nil
}

func isCJK(r rune) bool { return unicode.Is(unicode.Han, r) }

// preQualifier looks back from the number at i for a qualifier word, with 有
// or 为 and spaces allowed between. It returns the qualifier and the start of
// the figure's raw text (the qualifier word's start when it is adjacent).
func (sc *scanner) preQualifier(i, lineStart int) (string, int) {
	k := i
	for k > lineStart && isSpace(sc.text[k-1]) {
		k--
	}
	adjacent := true
	if k > lineStart && (sc.text[k-1] == '有' || sc.text[k-1] == '为') {
		k--
		adjacent = false
		for k > lineStart && isSpace(sc.text[k-1]) {
			k--
		}
	}
	for _, q := range preQualifiers {
		if !sc.hasSuffix(k, q.word) || k-len([]rune(q.word)) < lineStart {
			continue
		}
		ws := k - len([]rune(q.word))
		before := sc.at(ws - 1)
		switch q.word {
		case "约":
			if strings.ContainsRune("节制预签契公条合相简", before) {
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
		// 高于/低于 qualify only the figure that is their object, right after
		// them; the difference in a comparison (高于全国平均值11.9个百分点)
		// does not stand next to the word and stays exact.
		if adjacent {
			return q.qualifier, ws
		}
		return q.qualifier, i
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
	seg := string(sc.text[k+1 : i])
	for _, q := range clauseQualifiers {
		if strings.Contains(seg, q.word) {
			return q.qualifier
		}
	}
	return ""
}

// precededByOrdinal reports whether the number at i follows 第.
func (sc *scanner) precededByOrdinal(i int) bool {
	return sc.at(i-1) == '第'
}

// isRank reports whether 第 before i introduces a rank (居全国第1, 第6名).
func (sc *scanner) isRank(i, numEnd int) bool {
	if sc.at(numEnd) == '名' {
		return true
	}
	lo := max(i-6, 0)
	prefix := string(sc.text[lo : i-1])
	for _, w := range []string{"居", "排名", "排", "列", "位居", "名列"} {
		if strings.Contains(prefix, w) {
			return true
		}
	}
	return false
}

// rank returns the figure of a rank whose numeral is [i, numEnd).
func (sc *scanner) rank(i, numEnd int, v Decimal) (Figure, int, bool) {
	end := numEnd
	if sc.at(end) == '名' {
		end++
	}
	return sc.figure(i-1, end, v, v, "名", Exact), end, true
}

func (sc *scanner) figure(start, end int, v, vmax Decimal, unit, q string) Figure {
	return Figure{Start: start, End: end, Raw: string(sc.text[start:end]), Value: v, ValueMax: vmax, Unit: unit, Qualifier: q}
}

// lineHead returns the offset of the first non-space rune of the line
// holding i.
func (sc *scanner) lineHead(i int) int {
	k := i
	for k > 0 && sc.text[k-1] != '\n' {
		k--
	}
	for k < i && (isSpace(sc.text[k]) || sc.text[k] == '\t') {
		k++
	}
	return k
}

// arabic reads a figure written with Arabic digits at i.
func (sc *scanner) arabic(i, start, end, prevEnd int) (Figure, int, bool) {
	j := sc.digits(i, end)
	numText := string(sc.text[i:j])
	prev, next := sc.at(i-1), sc.at(j)
	// Product codes, versions and identifiers: letters glued to the digits,
	// digits after a point or a hyphen of a code.
	if isASCIILetter(prev) || isASCIILetter(next) && !sc.hasPrefix(j, "°C") || prev == '.' || prev == '·' || next == '·' {
		return Figure{}, j, false
	}
	// Times (10:00) and dates (2025-11-15, 2025/11/15, 2025.11).
	if (next == ':' || next == '：') && isDigit(sc.at(j+1)) {
		return Figure{}, skipDigitsAndSeps(sc.text, j, end), false
	}
	if (next == '-' || next == '/') && isDigit(sc.at(j+1)) && (j-i == 4 || sc.dateLike(j+1, end)) {
		return Figure{}, skipDigitsAndSeps(sc.text, j, end), false
	}
	// List markers: 1. or 1、 at the head of a line, (1) anywhere.
	if sc.lineHead(i) == i && strings.ContainsRune(".、．)）", next) {
		return Figure{}, j + 1, false
	}
	if (prev == '(' || prev == '（') && (next == ')' || next == '）') {
		return Figure{}, j + 1, false
	}
	if sc.hasSuffix(i, "专栏") || sc.hasSuffix(i, "专栏 ") {
		return Figure{}, j, false
	}
	v, err := ParseDecimal(numText, 0)
	if err != nil {
		return Figure{}, j, false
	}
	if sc.precededByOrdinal(i) {
		if sc.isRank(i, j) {
			return sc.rank(i, j, v)
		}
		return Figure{}, j, false
	}
	t := sc.readTail(j, end, true)
	year := isYear(numText)
	// Dates: 2025年, 2016 年, 2025年度; months and days: 6月底, 14日.
	if year && t.exp == 0 && (t.unit == "年" || t.unit == "") {
		k := j
		for k < end && isSpace(sc.text[k]) {
			k++
		}
		if sc.at(k) == '年' || t.unit == "" && sc.isRangeSep(k) && sc.yearAfter(k+1, end) {
			return Figure{}, sc.skipDate(j, end), false
		}
	}
	// Ranges: 2—8℃, 2-3个, 5至10万元.
	if t.unit == "" || t.qualifier == "" {
		if f, e, ok := sc.rangeFrom(i, j, t, end, prevEnd, start); ok {
			return f, e, true
		}
	}
	if t.unit == "" {
		return Figure{}, j, false
	}
	return sc.finish(i, t, v, start, prevEnd)
}

// finish applies qualifiers to a number at i with tail t and returns the figure.
func (sc *scanner) finish(i int, t tail, v Decimal, lineStart, prevEnd int) (Figure, int, bool) {
	if sc.isLeadingPeriod(i, t) {
		return Figure{}, t.end, false
	}
	if t.exp != 0 {
		var err error
		v, err = ParseDecimal(string(v), t.exp)
		if err != nil {
			return Figure{}, t.end, false
		}
	}
	q, rawStart := sc.preQualifier(i, lineStart)
	if q == Approx && sc.text[rawStart] == '近' && t.unit == "年" {
		q, rawStart = Exact, i // 近三年: the last three years
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

// isLeadingPeriod reports whether the count at i names a period from the
// start of a year: 前两个月, 前5年 (前三季度 has no unit and never gets here).
func (sc *scanner) isLeadingPeriod(i int, t tail) bool {
	if sc.at(i-1) != '前' {
		return false
	}
	switch t.unit {
	case "个":
		return sc.at(t.unitEnd) == '月'
	case "年", "周", "天":
		return true
	}
	return false
}

// rangeFrom tries to read a range whose low end is the number [i, j) with tail t.
func (sc *scanner) rangeFrom(i, j int, t tail, end, prevEnd, lineStart int) (Figure, int, bool) {
	k := t.unitEnd
	if t.unit == "" {
		k = j
		if t.exp != 0 {
			k = t.end
		}
	}
	if !sc.isRangeSep(k) || !isDigit(sc.at(k+1)) {
		return Figure{}, 0, false
	}
	sep := sc.text[k]
	if (sep == '至' || sep == '到') && (sc.hasSuffix(i, "从") || sc.hasSuffix(i, "由")) {
		return Figure{}, 0, false // 从A到B is a change, two figures
	}
	j2 := sc.digits(k+1, end)
	if isASCIILetter(sc.at(j2)) {
		return Figure{}, 0, false
	}
	t2 := sc.readTail(j2, end, true)
	if t2.unit == "" || t.unit != "" && t.unit != t2.unit {
		return Figure{}, 0, false
	}
	lowExp := t.exp
	if t.unit == "" && t.exp == 0 {
		lowExp = t2.exp // 2—3万元: the magnitude applies to both ends
	}
	lo, err1 := ParseDecimal(string(sc.text[i:j]), lowExp)
	hi, err2 := ParseDecimal(string(sc.text[k+1:j2]), t2.exp)
	if err1 != nil || err2 != nil || hi.Less(lo) {
		return Figure{}, 0, false
	}
	f := sc.figure(i, t2.end, lo, hi, t2.unit, Range)
	if q, rs := sc.preQualifier(i, lineStart); q != "" && rs < i {
		f = sc.figure(rs, t2.end, lo, hi, t2.unit, Range)
	}
	return f, t2.end, true
}

func (sc *scanner) isRangeSep(k int) bool {
	r := sc.at(k)
	for _, s := range rangeSeparators {
		if r == s {
			return true
		}
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

// skipDate skips the rest of a date starting after a year's digits at j.
func (sc *scanner) skipDate(j, end int) int {
	k := j
	for k < end && (isSpace(sc.text[k]) || isDigit(sc.text[k]) || strings.ContainsRune("年月日号—–-至到", sc.text[k])) {
		k++
	}
	return k
}

func (sc *scanner) dateLike(k, end int) bool {
	j := sc.digits(k, end)
	return j-k <= 2 && (sc.at(j) == '-' || sc.at(j) == '/') && isDigit(sc.at(j+1))
}

func skipDigitsAndSeps(text []rune, j, end int) int {
	for j < end && (isDigit(text[j]) || strings.ContainsRune(":：-/.", text[j])) {
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
	j := i
	for j < end && isChineseNumeral(sc.text[j]) && !sc.name[j] {
		j++
	}
	numText := string(sc.text[i:j])
	first := sc.text[i]
	if _, ok := chineseDigits[first]; !ok && first != '十' {
		return Figure{}, j, false // 千家万户, 百姓, 万户: no leading digit
	}
	v, err := ParseChinese(numText) // 三万 is 30000: magnitudes are part of the numeral
	if err != nil {
		return Figure{}, j, false
	}
	next := sc.at(j)
	if next == '是' || next == '、' || next == '）' || next == ')' || next == '．' || next == '.' {
		return Figure{}, j, false // 一是, 一、, (一): list markers
	}
	if sc.precededByOrdinal(i) {
		if sc.isRank(i, j) {
			return sc.rank(i, j, v)
		}
		return Figure{}, j, false
	}
	if isChineseNumeral(sc.at(i-1)) || sc.at(i-1) == '星' {
		return Figure{}, j, false
	}
	t := sc.readTail(j, end, false)
	if t.unit == "" {
		return Figure{}, j, false
	}
	// 一物一码, 五位一体, 一院一策: 一 right after the unit makes a set phrase.
	if sc.at(t.unitEnd) == '一' {
		return Figure{}, t.unitEnd, false
	}
	if t.unit == "年" {
		for _, s := range nameSuffixes {
			if sc.hasPrefix(t.unitEnd, s) {
				return Figure{}, t.unitEnd, false // 三年行动: a programme's name
			}
		}
	}
	f, e, ok := sc.finish(i, t, v, start, prevEnd)
	if numText == "一" && !countingOne(sc, f, i) {
		return Figure{}, t.end, false // 一名患者, 一批政策: "a", not a count
	}
	return f, e, ok
}

// countingOne reports whether 一 at i counts (至少有一家, 仅一例) rather than
// meaning "a".
func countingOne(sc *scanner, f Figure, i int) bool {
	if f.Qualifier != Exact {
		return true
	}
	for _, w := range []string{"仅", "只", "只有", "仅有", "共", "各"} {
		if sc.hasSuffix(i, w) {
			return true
		}
	}
	return false
}

// percentWords reads 百分之三十 (30 %) at i.
func (sc *scanner) percentWords(i, start, end, prevEnd int) (Figure, int, bool) {
	k := i + 3
	j := k
	var v Decimal
	var err error
	if isDigit(sc.at(k)) {
		j = sc.digits(k, end)
		v, err = ParseDecimal(string(sc.text[k:j]), 0)
	} else {
		for j < end && isChineseNumeral(sc.text[j]) {
			j++
		}
		v, err = ParseChinese(string(sc.text[k:j]))
	}
	if j == k || err != nil {
		return Figure{}, k, false
	}
	t := tail{unit: "%", end: j, unitEnd: j}
	for _, q := range postQualifiers {
		if sc.hasPrefix(j, q.word) {
			t.qualifier, t.end = q.qualifier, j+len([]rune(q.word))
			break
		}
	}
	return sc.finish(i, t, v, start, prevEnd)
}
