package loader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/regions"
)

// Table cells (FIGURES.md §3a). Every numeric cell of a body row is a
// figure. A cell's unit comes from, in order: the cell itself (126个), the
// row's 单位 column, the row label (基金收入(亿元)), the column header
// (a header over two rows included), and the table's caption (单位：亿元).

// cellUnit is a unit read from a header, label or caption: its magnitude
// and stored unit.
type cellUnit struct {
	exp  int
	unit string
}

// parseUnitText reads s as a unit written alone, with an optional magnitude
// word: 亿元 → 10^8 元, 万人次 → 10^4 人次, % → %, 元/人 → 元/人.
func parseUnitText(s string) (cellUnit, bool) {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) == 0 {
		return cellUnit{}, false
	}
	lx := lex()
	if u, ok := lx.glosses[glossKey(s)]; ok && isLatinGloss(rs) {
		return parseUnitText(u) // (unit), (person): a bilingual yearbook's gloss
	}
	exp := 0
	k := 0
	if u := lx.unitAt(rs, 0, len(rs), true); u == nil || u.n < len(rs) {
		for _, m := range lx.magnitudes {
			if len(rs) > m.n && runesHavePrefix(rs, m.word) {
				exp, k = lx.magExp[m.word], m.n
				break
			}
		}
	}
	u := lx.unitAt(rs, k, len(rs), true)
	if u == nil {
		return cellUnit{}, false
	}
	if u.measure && k+u.n < len(rs) {
		if v := lx.unitAt(rs, k+u.n, len(rs), true); v != nil && v.class == ClassTime {
			k, u = k+u.n, v
		}
	}
	unit := u.unit
	e := k + u.n
	if u.compound && e < len(rs) && rs[e] == '次' {
		unit += "次"
		e++
	}
	if e < len(rs) && (rs[e] == '/' || rs[e] == '／') {
		// a rate is per person, time or place (元/人, 张/千人); a slash
		// between other words names alternatives (妇幼保健院(所/站))
		k := e + 1
		for _, m := range lx.magnitudes {
			if runesHavePrefix(rs[k:], m.word) {
				k += m.n
				break
			}
		}
		v := lx.unitAt(rs, k, len(rs), true)
		if v == nil || v.class != ClassPerson && v.class != ClassTime && v.class != ClassPlace {
			return cellUnit{}, false
		}
		unit += "/" + string(rs[e+1:])
		e = len(rs)
	}
	if e != len(rs) {
		return cellUnit{}, false
	}
	return cellUnit{exp: exp, unit: unit}, true
}

// unitInParens returns the unit in the last bracket of a header or label
// that holds one: 基金收入(亿元) → 10^8 元, 诊疗人次数（万人次） → 10^4 人次.
func unitInParens(h string) (cellUnit, bool) {
	rs := []rune(h)
	// a Chinese unit first; an English gloss only where the page has none
	// (床位数 (张) Beds (unit) is 张)
	for _, gloss := range []bool{false, true} {
		if u, ok := unitInBrackets(rs, gloss); ok {
			return u, true
		}
	}
	// 单位：万人 at the end of a header
	if i := strings.LastIndex(h, "单位"); i >= 0 {
		rest := strings.TrimLeft(h[i+len("单位"):], ":： ")
		return parseUnitText(strings.TrimRight(rest, ")）"))
	}
	return cellUnit{}, false
}

// unitInBrackets returns the unit in the last bracket of rs that holds one,
// English glosses ((person)) only when gloss is set.
func unitInBrackets(rs []rune, gloss bool) (cellUnit, bool) {
	for end := len(rs) - 1; end >= 0; end-- {
		if rs[end] != ')' && rs[end] != '）' {
			continue
		}
		start := end - 1
		for start >= 0 && rs[start] != '(' && rs[start] != '（' {
			start--
		}
		if start < 0 {
			return cellUnit{}, false
		}
		if in := rs[start+1 : end]; gloss || !isLatinGloss(in) {
			if u, ok := parseUnitText(string(in)); ok {
				return u, true
			}
		}
		end = start
	}
	return cellUnit{}, false
}

// captionUnit returns the unit a caption gives a row: the caption's only
// unit, or, when it lists several (单位：万人、亿元), the one the row
// label's noun implies (参保人数 → 人, 基金收入 → 元).
func captionUnit(caption, label string) (cellUnit, bool) {
	if caption == "" {
		return cellUnit{}, false
	}
	parts := strings.FieldsFunc(caption, func(r rune) bool { return strings.ContainsRune("、,，;；/ ", r) })
	var units []cellUnit
	for _, p := range parts {
		if u, ok := parseUnitText(p); ok {
			units = append(units, u)
		}
	}
	switch len(units) {
	case 0:
		return cellUnit{}, false
	case 1:
		return units[0], true
	}
	want := impliedUnitOf(label)
	for _, u := range units {
		if u.unit == want {
			return u, true
		}
	}
	return cellUnit{}, false
}

// impliedUnitOf returns the unit a label's noun implies, by the noun
// endings of lexicon/nouns.tsv or a unit word it ends with.
func impliedUnitOf(label string) string {
	rs := []rune(strings.TrimSpace(label))
	lx := lex()
	for n := 3; n >= 1; n-- {
		if len(rs) < n {
			continue
		}
		if u := lx.unitAt(rs, len(rs)-n, len(rs), false); u != nil && u.n == n && (u.class == ClassPerson || u.class == ClassMoney) {
			return u.unit
		}
	}
	for _, nn := range lx.nouns {
		if runesHaveSuffix(rs, nn.word) {
			return nn.qualifier
		}
	}
	return ""
}

// isEmptyCell reports whether a cell holds no value: empty, -, —, …, /.
func isEmptyCell(cell []rune) bool {
	for _, r := range cell {
		if !strings.ContainsRune("-－—–…./／ \u3000", r) {
			return false
		}
	}
	return true
}

// rowUnit returns the unit that row r's cells in column col take when they
// carry none themselves.
func (t *Table) rowUnit(text []rune, r TableRow, col int) (cellUnit, bool) {
	if t.UnitCol >= 0 && t.UnitCol < len(r.Cells) {
		c := r.Cells[t.UnitCol]
		if u, ok := parseUnitText(strings.Trim(string(text[c.Start:c.End]), "()（）")); ok {
			return u, true
		}
	}
	label := t.rowLabel(r, col)
	if u, ok := unitInParens(t.ColumnHeader(col)); ok && lex().unitNamed(u.unit) != nil && lex().unitNamed(u.unit).class == ClassRatio {
		return u, true // 年均增长(%): a column of rates, whatever the row counts
	}
	if u, ok := unitInParens(label); ok {
		return u, true
	}
	if u, ok := t.flatUnits[col]; ok {
		return u, true // a flattened header, read in order
	}
	if u, ok := unitInParens(t.ColumnHeader(col)); ok {
		return u, true
	}
	if h := strings.TrimSpace(t.ColumnHeader(col)); h != "" {
		if u, ok := parseUnitText(h); ok {
			return u, true
		}
	}
	if c := t.parentColumn(col); c >= 0 {
		if u, ok := unitInParens(t.ColumnHeader(c)); ok {
			return u, true
		}
	}
	if u, ok := captionUnit(t.CaptionUnit, label); ok {
		return u, true
	}
	// a table that prints no unit: the unit its column's noun, or its
	// row's, implies (机构个数 个, 床位数 张, 卫生技术人员 人), as a number
	// after its noun in prose takes it (FIGURES.md §3a)
	for _, name := range []string{t.lowestSubject(col), subjectOfLabel(label)} {
		if u := impliedUnitOf(name); u != "" {
			return cellUnit{unit: u}, true
		}
	}
	return cellUnit{}, false
}

// parentColumn returns the column whose unit col shares, or -1: the nearest
// column to its left under the same spanning top header (卫生技术人员 over
// 执业医师 and 注册护士), or, for a sub-item column (# 医院, 其中：医院), the
// column of the whole it is part of.
func (t *Table) parentColumn(col int) int {
	if len(t.Header) == 0 {
		return -1
	}
	if t.subItem(col) {
		for c := col - 1; c > t.LabelCol && c >= 0; c-- {
			if !t.subItem(c) {
				return c
			}
		}
	}
	if len(t.Header) < 2 {
		return -1
	}
	top := t.topHeader(col)
	if top == "" {
		return -1
	}
	for c := col - 1; c > t.LabelCol && c >= 0; c-- {
		if t.topHeader(c) != top {
			break
		}
		if _, ok := unitInParens(t.ColumnHeader(c)); ok {
			return c
		}
	}
	return -1
}

// lowestSubject returns the name of the measure in col from the lowest
// header row over it that names one: a row of units alone ((个), (张)) or a
// 其中 mark names none.
func (t *Table) lowestSubject(col int) string {
	if n := t.flatNames[col]; n != "" {
		return n // a flattened header read back: its rows stand over nothing
	}
	for h := len(t.Header) - 1; h >= 0; h-- {
		if s := subjectOfLabel(t.headerCell(h, col)); s != "" {
			return s
		}
	}
	return ""
}

// subItem reports whether a header row over col marks it as a part of the
// column before it: # 医院, ＃卫生技术人员, 其中：.
func (t *Table) subItem(col int) bool {
	for _, h := range t.Header {
		c := strings.TrimSpace(t.Cell(h, col))
		if strings.HasPrefix(c, "#") || strings.HasPrefix(c, "＃") || strings.HasPrefix(c, "其中") {
			return true
		}
	}
	return false
}

// topHeader returns the text of the top header row over col, a blank cell
// standing under the spanning word to its left.
func (t *Table) topHeader(col int) string {
	r := t.Header[0]
	if s := strings.TrimSpace(t.Cell(r, col)); s != "" {
		return s
	}
	return strings.TrimSpace(t.spanningLeft(r, col))
}

// rowLabel returns the label of row r: its label column's text, or, where
// that is blank, its longest cell that is not a number (the 指标 of a table
// whose label column the segmenter could not tell).
func (t *Table) rowLabel(r TableRow, col int) string {
	if s := strings.TrimSpace(t.Label(r)); s != "" {
		return s
	}
	best := ""
	for c := range r.Cells {
		if c == col {
			continue
		}
		s := strings.TrimSpace(t.Cell(r, c))
		if len([]rune(s)) > len([]rune(best)) && !isNumberCell(s) {
			best = s
		}
	}
	return best
}

// isNumberCell reports whether a cell's text is a number with its signs,
// units and qualifiers rather than words.
func isNumberCell(s string) bool {
	han := 0
	digits := 0
	for _, r := range s {
		switch {
		case isDigit(r):
			digits++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	return digits > 0 && han <= 3
}

// continueTable makes t, a table with no header of its own, the
// continuation of prev when both have the same columns in the same layout:
// a table broken by a note (说明：…) goes on under its first header.
func continueTable(t, prev *Table) {
	if t == nil || prev == nil || len(t.Header) > 0 || t.Columns != prev.Columns || t.Layout != prev.Layout {
		return
	}
	t.Header = prev.Header
	t.LabelCol, t.UnitCol, t.SerialCol = prev.LabelCol, prev.UnitCol, prev.SerialCol
	if t.CaptionUnit == "" {
		t.CaptionUnit = prev.CaptionUnit
	}
}

// yearLabels makes the first column of t its label column when it holds a
// year in every row (a yearbook's 年份 column): years label rows, they are
// not figures.
func yearLabels(t *Table) {
	if t.LabelCol >= 0 || len(t.Rows) == 0 {
		return
	}
	years := 0
	for _, r := range t.Rows {
		if isYear(strings.TrimSuffix(strings.TrimSpace(t.Cell(r, 0)), "年")) {
			years++
			continue
		}
		for c := 1; c < len(r.Cells); c++ {
			if isNumberCell(t.Cell(r, c)) {
				return // a row of numbers under another label: not a year column
			}
		}
	}
	if years > 0 {
		t.LabelCol = 0
	}
}

// tableRowFigures returns the figures of the cells of body row r of t.
func (sc *scanner) tableRowFigures(t *Table, r TableRow) []Figure {
	var out []Figure
	for col, c := range r.Cells {
		label := t.rowLabel(r, col)
		if c.Len() == 0 {
			continue
		}
		cell := sc.text[c.Start:c.End]
		switch {
		case r.Section || col == t.LabelCol:
			sc.skipDigits(c.Start, c.End, SkipLabel)
			continue
		case col == t.SerialCol || col < t.LabelCol && isSerialCell(cell):
			// a serial, or a code before the labels (1, 2, 2 of a page
			// printed from a layout): numbers that name rows, no figures
			sc.skipDigits(c.Start, c.End, SkipSerial)
			continue
		case col == t.UnitCol || isEmptyCell(cell):
			continue
		}
		sc.inCell = true
		found := sc.scanRange(c.Start, c.End)
		sc.inCell = false
		for _, f := range found {
			if f.Unit == "" {
				if u, ok := t.rowUnit(sc.text, r, col); ok {
					if u.exp != 0 {
						f.Value, f.ValueMax = f.Value.Scale(u.exp), f.ValueMax.Scale(u.exp)
					}
					f.Unit = u.unit
				}
			}
			f.Label, f.Column, f.Col = label, t.ColumnHeader(col), col
			out = append(out, f)
		}
	}
	return out
}

// tableSkips records the numbers of a table's caption, header and notes,
// which are not figures.
func (sc *scanner) tableSkips(t *Table) {
	if t.Caption.Len() > 0 {
		sc.skipDigits(t.Caption.Start, t.Caption.End, SkipHeader)
	}
	for _, h := range t.Header {
		sc.skipDigits(h.Line.Start, h.Line.End, SkipHeader)
	}
	for _, n := range t.Notes {
		sc.skipDigits(n.Start, n.End, SkipNote)
	}
}

// scanBlock returns the figures of a block read as one unit (tests and
// ScanText; the document reader goes sentence by sentence).
func (sc *scanner) scanBlock(b Block) []Figure {
	if b.Table == nil {
		var out []Figure
		for _, ln := range splitLines(sc.text, b.Span) {
			for _, s := range splitSentences(sc.text, ln) {
				out = append(out, sc.scanRange(s.Start, s.End)...)
			}
		}
		return out
	}
	yearLabels(b.Table)
	sc.tableSkips(b.Table)
	var out []Figure
	for _, r := range b.Table.Rows {
		out = append(out, sc.tableRowFigures(b.Table, r)...)
	}
	return out
}

// laterTarget reports whether a column of t after col's is headed by a year
// after the document's (docYear): a column of an earlier year is then the
// baseline a plan starts from (2020年 beside 2025年), while a yearbook's
// columns of past years are all actuals.
func (t *Table) laterTarget(col, docYear string) bool {
	y := yearOf(col)
	for c := 0; c < t.Columns; c++ {
		if hy := yearOf(t.ColumnHeader(c)); hy != "" && hy > y && docYear != "" && hy > docYear {
			return true
		}
	}
	return false
}

// tableLine is a line of a table in text order: the caption, a header row,
// a body row or a note.
type tableLine struct {
	TableRow
	header bool // caption, header or note: a sentence with no figures
}

// lines returns the lines of t in text order.
func (t *Table) lines() []tableLine {
	var out []tableLine
	if t.Caption.Len() > 0 {
		out = append(out, tableLine{TableRow{Line: t.Caption}, true})
	}
	for _, h := range t.Header {
		out = append(out, tableLine{h, true})
	}
	for _, r := range t.Rows {
		out = append(out, tableLine{r, false})
	}
	for _, n := range t.Notes {
		out = append(out, tableLine{TableRow{Line: n}, true})
	}
	slices.SortStableFunc(out, func(a, b tableLine) int { return a.Line.Start - b.Line.Start })
	return out
}

// countySuffixes end the names of county-level divisions: 市中区, 犍为县,
// 峨眉山市, 峨边彝族自治县, 鄂托克旗.
var countySuffixes = []string{"自治县", "区", "县", "市", "旗"}

// placeName returns a row label without its spaces (乐 山 市 → 乐山市) and
// whether it reads as the name of a division: one the region list holds,
// or a short name ending in a county-level suffix.
func placeName(label string) (string, bool) {
	name := squeezeSpaces([]rune(strings.TrimSpace(label)))
	// a bilingual yearbook's translation after the name: 石家庄市 Shijiazhuang
	if i := strings.IndexFunc(name, isASCIILetter); i > 0 {
		name = name[:i]
	}
	if name == "" || strings.ContainsAny(name, "0123456789（()）、：:") {
		return name, false
	}
	if _, ok := regions.Lookup(name); ok {
		return name, true
	}
	n := utf8.RuneCountInString(name)
	for _, suf := range countySuffixes {
		if strings.HasSuffix(name, suf) && n > utf8.RuneCountInString(suf)+1 && n <= 8 {
			return name, true
		}
	}
	return name, false
}

// labelsArePlaces reports whether most of a table's row labels, and at
// least three, name divisions: a table of 各区市县 or of provinces.
func (t *Table) labelsArePlaces() bool {
	if t.placeRows == 0 {
		t.placeRows = -1
		places, labels := 0, 0
		for _, r := range t.Rows {
			l := t.Label(r)
			if strings.TrimSpace(l) == "" {
				continue
			}
			labels++
			if _, ok := placeName(l); ok {
				places++
			}
		}
		if places >= 3 && 2*places > labels {
			t.placeRows = 1
		}
	}
	return t.placeRows > 0
}

// placeOf returns the region tag of a row labelled by a place in a table
// of places: a division of the region list by its tag, a district of the
// document's prefecture as the two names joined (乐山市市中区), a county
// by its name (犍为县), and a total row (合计, 全市) the document's own
// region. ok is false
// when the table's rows are not places.
func (t *Table) placeOf(label, docRegion string) (string, bool) {
	if !t.labelsArePlaces() {
		return "", false
	}
	name, ok := placeName(label)
	if !ok {
		return docRegion, true // 合计, 全市: the whole
	}
	if r, found := regions.Lookup(name); found {
		return r.Tag(), true
	}
	if r, found := regions.Lookup(docRegion); found && r.Level == regions.LevelPrefecture && strings.HasSuffix(name, "区") {
		return r.Tag() + name, true // 市中区 is a name many cities use
	}
	return name, true // 犍为县, 峨眉山市: a county's name is its own
}

// titleSubject returns the measure a table's title names (17-3 各区市县
// 自治县卫生技术人员数(1949—1978年部分) → 各区市县自治县卫生技术人员数):
// the caption's first line unless it is a unit line, else the document's
// title, less its table number, its bracketed note and its unit clause.
func (t *Table) titleSubject(docTitle string) string {
	title := docTitle
	if t.Caption.Len() > 0 {
		first, _, _ := strings.Cut(string(t.text[t.Caption.Start:t.Caption.End]), "\n")
		if first = strings.TrimSpace(first); !isCaptionHead([]rune(first)) {
			title = first
		}
	}
	title = strings.TrimSpace(title)
	if i := strings.IndexFunc(title, func(r rune) bool { return !(isDigit(r) || strings.ContainsRune("-—－–. ", r)) }); i > 0 {
		title = title[i:] // 17-3: the table's number
	}
	if i := strings.IndexAny(title, "(（"); i > 0 {
		title = title[:i]
	}
	if i := strings.Index(title, "单位"); i > 0 {
		title = title[:i]
	}
	return strings.TrimSpace(title)
}
