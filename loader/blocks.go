package loader

import (
	"slices"
	"strings"
)

// This file is the first stage of the loader (STYLE.md: blocks → numeral
// tokens → figures → context): it cuts a document body into paragraphs and
// tables, whatever the table's layout (FIGURES.md §3a "Tables in any
// layout"). It only finds structure; it reads no figure.
//
// Every rule below is a rule of how documents lay out tables, never a fix for
// one document, and every pass is linear in the body's length: each line is
// classified once, and a table is grown line by line without rescanning.

// BlockKind tells a paragraph from a table.
type BlockKind uint8

// The kinds of block.
const (
	BlockParagraph BlockKind = iota // one non-blank line of prose
	BlockTable                      // a table, with its caption and notes
)

// String returns "paragraph" or "table".
func (k BlockKind) String() string {
	if k == BlockTable {
		return "table"
	}
	return "paragraph"
}

// Block is a run of lines of a body: a paragraph (one non-blank line of prose;
// a body line is a paragraph) or a table.
type Block struct {
	Kind  BlockKind
	Span         // from the first rune of the first line to the end of the last line
	Table *Table // nil for a paragraph
}

// TableLayout is how a table separates its columns.
type TableLayout uint8

// The layouts of a table. The zero value, layoutNone, marks a line without
// column separators and is never a table's layout.
const (
	layoutNone    TableLayout = iota
	LayoutTabs                // cells separated by tabs (also HTML tables, as the HTML reader writes them)
	LayoutPipes               // cells separated by | or ｜ (Markdown), outer pipes optional
	LayoutAligned             // cells in aligned columns separated by 2+ spaces or by full-width spaces
	LayoutSpaced              // a label and numbers separated by single spaces (a yearbook printed plainly)
)

// String names the layout: "tabs", "pipes", "aligned", "spaced" or "none".
func (l TableLayout) String() string {
	switch l {
	case LayoutTabs:
		return "tabs"
	case LayoutPipes:
		return "pipes"
	case LayoutAligned:
		return "aligned"
	case LayoutSpaced:
		return "spaced"
	}
	return "none"
}

// Table is a table found in the text.
type Table struct {
	Caption     Span       // caption line(s) just above the table (表1 …, 单位：亿元), zero Span if none
	CaptionUnit string     // the unit text a caption gives: "亿元" for 单位：亿元 or （单位：亿元）; "万人、亿元" kept whole; "" if none
	Header      []TableRow // header rows, top to bottom (one, two, or more)
	Rows        []TableRow // body rows in order (data rows and section rows)
	Notes       []Span     // note lines under the table (注：…, 资料来源：…), not figures
	Columns     int
	LabelCol    int // column holding each row's label (指标, 项目, 地区 …), -1 if none
	UnitCol     int // the 单位 / 计量单位 column, -1 if none
	SerialCol   int // the 序号 column (or a leading column of 1 2 3 …/一、二、), -1 if none

	// Layout is how the table separates its columns.
	Layout TableLayout

	text []rune // the text the spans index, for ColumnHeader and Label

	// placeRows caches whether the rows are labelled by places (see
	// Table.labelsArePlaces): 0 not yet known, 1 yes, -1 no.
	placeRows int8

	// flatUnits, when set, are the units of the value columns read from a
	// header a flattened page no longer lines up (see readFlatUnits).
	flatUnits map[int]cellUnit
	// flatNames, when set, are the names of the value columns read from
	// such a header (see flatNames).
	flatNames map[int]string
}

// TableRow is one line of a table, split into cells aligned to the table's columns.
type TableRow struct {
	Line    Span
	Cells   []Span // len == Table.Columns; trimmed; an empty cell is a zero-length Span at its position
	Section bool   // a section row (一、参保人数 / 按机构类型分：) that labels the rows below it
}

// ColumnHeader returns the text over column col, header rows joined top to
// bottom with a space (a two-row header: "医院 诊疗人次数(万人次)"); "" when
// there is none. In a header row above the last one, a blank cell stands under
// the spanning word to its left (医院 over two columns, the second one blank),
// provided that word is over a data column and the row below names the column.
func (t *Table) ColumnHeader(col int) string {
	if col < 0 || col >= t.Columns {
		return ""
	}
	var parts []string
	for h := range t.Header {
		if s := t.headerCell(h, col); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// headerCell returns the text of header row h over col: its cell, or where
// that is blank in a row above the last, the spanning word to its left.
func (t *Table) headerCell(h, col int) string {
	s := t.cellText(t.Header[h], col)
	if s == "" && h+1 < len(t.Header) && t.cellText(t.Header[h+1], col) != "" {
		s = t.spanningLeft(t.Header[h], col)
	}
	return s
}

// spanningLeft returns the nearest non-blank cell left of col in header row
// r, if it heads data columns (not the serial, label or unit column).
func (t *Table) spanningLeft(r TableRow, col int) string {
	for c := col - 1; c >= 0; c-- {
		if s := t.cellText(r, c); s != "" {
			if c == t.SerialCol || c <= t.LabelCol || c == t.UnitCol {
				return ""
			}
			return s
		}
	}
	return ""
}

// Label returns the label of row r's cells: its LabelCol cell text, prefixed
// by nothing (not by the section above it). For a section row whose label
// column is blank (一、参保情况 written in the serial column, or a table
// without a label column) it returns the row's first non-blank cell.
func (t *Table) Label(r TableRow) string {
	if s := t.cellText(r, t.LabelCol); s != "" || !r.Section {
		return s
	}
	for c := range r.Cells {
		if s := t.cellText(r, c); s != "" {
			return s
		}
	}
	return ""
}

// Cell returns the text of row r's cell in column col, "" if out of range.
func (t *Table) Cell(r TableRow, col int) string { return t.cellText(r, col) }

// cellText returns the text of row r's cell in column col, "" if out of range.
func (t *Table) cellText(r TableRow, col int) string {
	if col < 0 || col >= len(r.Cells) || t.text == nil {
		return ""
	}
	c := r.Cells[col]
	return string(t.text[c.Start:c.End])
}

// segmentBlocks splits body (a span of text) into blocks in text order. Blank
// lines separate blocks and are in none. Offsets are rune offsets into text.
//
// A table is at least two rows of two or more cells in one layout (tabs,
// pipes, aligned columns), with compatible column counts, neither of them a
// line of prose. It extends over further rows of its layout, over rule lines
// (|---|, ────) and over blank lines when the next line is a row of the same
// layout and column count; a short label line (一、参保情况, 其中：) between
// rows is a section row. A caption just above (表1 …, 单位：…) and note lines
// just below (注：…, 资料来源：…) belong to the table's block.
func segmentBlocks(text []rune, body Span) []Block {
	body.Start = max(0, min(body.Start, len(text)))
	body.End = max(body.Start, min(body.End, len(text)))
	s := &segmenter{text: text, body: body, lines: readBodyLines(text, body)}
	s.run()
	return s.out
}

// segmenter holds the state of one segmentBlocks call.
type segmenter struct {
	text  []rune
	body  Span
	lines []segLine
	out   []Block
	para  []int // for each block of out, the line it holds if a paragraph, else -1
}

// segLine is one line of a body, classified once.
type segLine struct {
	raw      Span        // the line without its '\n'
	line     Span        // trimmed of spaces (tabs kept: a leading tab is an empty cell)
	kind     TableLayout // the separator its cells are split at; layoutNone for one cell
	cells    []Span      // trimmed cells; one cell for layoutNone
	pos      [][2]int    // display columns [start, end) of each cell, for aligned lines
	nonEmpty int         // cells with text
	blank    bool        // only spaces and tabs
	rule     bool        // a rule line: |---|---|, -----, ────
	note     bool        // 注：…, 资料来源：…
	caption  bool        // 表1 …, 单位：…, a title ending in a unit clause
	prose    bool        // sentence-like text in few cells: never a table row
}

// readBodyLines classifies the lines of body.
func readBodyLines(text []rune, body Span) []segLine {
	n := 1
	for _, r := range text[body.Start:body.End] {
		if r == '\n' {
			n++
		}
	}
	lines := make([]segLine, 0, n)
	start := body.Start
	for i := body.Start; i <= body.End; i++ {
		if i == body.End || text[i] == '\n' {
			lines = append(lines, classifyBodyLine(text, Span{start, i}))
			start = i + 1
		}
	}
	return lines
}

// isPadRune reports whether r pads a line or a cell: a space of any width, a
// carriage return or a byte-order mark; not a tab.
func isPadRune(r rune) bool { return isSpace(r) || r == '\r' || r == '\ufeff' }

// trimPadding trims padding (not tabs) from both ends of s.
func trimPadding(text []rune, s Span) Span { return trimSpanFunc(text, s, isPadRune) }

// isPipe reports whether r separates the cells of a pipe table.
func isPipe(r rune) bool { return r == '|' || r == '｜' || r == '│' || r == '┃' }

// classifyBodyLine splits a line into cells and tells what kind of line it is.
func classifyBodyLine(text []rune, raw Span) segLine {
	l := segLine{raw: raw, line: trimPadding(text, raw)}
	if trimSpan(text, l.line).Len() == 0 {
		l.blank = true
		return l
	}
	hasTab, hasPipe := false, false
	for _, r := range text[l.line.Start:l.line.End] {
		if r == '\t' {
			hasTab = true
			break
		}
		if isPipe(r) {
			hasPipe = true
		}
	}
	l.rule = isRuleLine(text[l.line.Start:l.line.End])
	if l.rule {
		return l
	}
	switch {
	case hasTab:
		l.kind = LayoutTabs
		l.cells = splitCellsAt(text, l.line, func(r rune) bool { return r == '\t' })
	case hasPipe:
		l.kind = LayoutPipes
		ln := l.line
		// An outer pipe opens the line; a pipe after leading spaces
		// closes an empty first cell ( | # 医院 | … under 年份 | 机构数 | …).
		if isPipe(text[ln.Start]) && ln.Start == raw.Start {
			ln.Start++
		}
		if ln.End > ln.Start && isPipe(text[ln.End-1]) {
			ln.End--
		}
		l.cells = splitCellsAt(text, ln, isPipe)
	default:
		l.cells, l.pos = splitAligned(text, raw, l.line)
		l.kind = LayoutAligned
		if cells, ok := splitSpaced(text, l.line); ok && len(cells) > len(l.cells) {
			l.cells, l.pos, l.kind = cells, nil, LayoutSpaced
		} else if len(l.cells) == 1 {
			l.kind = layoutNone
		}
	}
	trimmed := trimSpan(text, l.line)
	l.note = isNoteLine(text[trimmed.Start:trimmed.End])
	l.caption = isCaptionLine(text[trimmed.Start:trimmed.End])
	sentences := 0
	for _, c := range l.cells {
		if c.Len() == 0 {
			continue
		}
		l.nonEmpty++
		if hasSentenceEnd(text[c.Start:c.End]) {
			sentences++
		}
	}
	if l.caption && l.nonEmpty > 1 && !sameCells(text, l.cells) {
		l.caption = captionRow(text, l.cells, l.nonEmpty)
	}
	if l.nonEmpty < 3 {
		for _, c := range l.cells {
			if isProseCell(text[c.Start:c.End]) {
				l.prose = true
			}
		}
	} else if 2*sentences > l.nonEmpty {
		l.prose = true
	}
	return l
}

// splitCellsAt splits ln at every rune sep accepts into cells trimmed of padding.
// Empty cells are kept, as zero-length spans where their text would be.
func splitCellsAt(text []rune, ln Span, sep func(rune) bool) []Span {
	var out []Span
	start := ln.Start
	for i := ln.Start; i <= ln.End; i++ {
		if i == ln.End || sep(text[i]) {
			out = append(out, trimSpan(text, Span{start, i}))
			start = i + 1
		}
	}
	return out
}

// splitSpaced splits a line that is a row of numbers separated by single
// spaces, after a label or none: 医院 695 169245 167731 55575 84983, or
// 1978 1589 140 31547 under a column of years. It reports false for any
// other line. A row with no label (its total, printed without 合计) gets an
// empty first cell, and a gap of three spaces or more between two numbers
// holds an empty cell (门诊部 1409   18481: no beds).
func splitSpaced(text []rune, ln Span) ([]Span, bool) {
	type token struct {
		sp  Span
		gap int // spaces before it
	}
	var toks []token
	for i := ln.Start; i < ln.End; {
		j := i
		for j < ln.End && isPadRune(text[j]) {
			j++
		}
		k := j
		for k < ln.End && !isPadRune(text[k]) {
			k++
		}
		if k > j {
			toks = append(toks, token{Span{j, k}, j - i})
		}
		i = k
	}
	// a row label may be written in several words: a short name spaced
	// out (承 德 市), a bilingual yearbook's English translation after it
	// (卫生机构() Health Institutions(unit) 7423 7919): one label
	if len(toks) > 3 && classifyCell(text[toks[0].sp.Start:toks[0].sp.End], true) == cellText {
		k := 1
		for k < len(toks) && classifyCell(text[toks[k].sp.Start:toks[k].sp.End], false) == cellText {
			k++
		}
		if k > 1 && k < len(toks) {
			toks[0].sp.End = toks[k-1].sp.End
			toks = append(toks[:1], toks[k:]...)
		}
	}
	if len(toks) < 3 {
		return nil, false
	}
	single := false
	for n, t := range toks {
		if n == 0 {
			continue
		}
		switch classifyCell(text[t.sp.Start:t.sp.End], false) {
		case cellNumber, cellPlaceholder:
		default:
			return nil, false
		}
		single = single || t.gap == 1
	}
	if !single {
		return nil, false // two spaces or more between every number: aligned
	}
	first := toks[0].sp
	var cells []Span
	switch c := classifyCell(text[first.Start:first.End], true); {
	case c == cellNumber || c == cellPlaceholder:
		cells = append(cells, Span{first.Start, first.Start}, first) // no label
	default:
		cells = append(cells, first) // a label, or a year labelling the row
	}
	for _, t := range toks[1:] {
		for e := 0; e < (t.gap-1)/2; e++ {
			cells = append(cells, Span{t.sp.Start, t.sp.Start})
		}
		cells = append(cells, t.sp)
	}
	return cells, true
}

// maxFlatHeader is the most lines above a table readFlatUnits reads as
// its header.
const maxFlatHeader = 12

// readFlatUnits gives the value columns of t their units from a header
// that no longer stands over its columns: a yearbook page flattened into
// lines of words (年 份  # 医 院 (人) # 医 生 (张) …) above and in the table.
// It applies only where most value columns take no unit otherwise. Read in
// order, line by line, the header's units in brackets and its # marks (a
// part of the column before it) must be as many as the value columns;
// each unit then opens a column and each # takes the unit of the column it
// is part of, and every value of a # column must be at most the value of
// that column in its row, else nothing is assigned.
func (s *segmenter) readFlatUnits(t *Table, top int) {
	if len(t.Rows) == 0 {
		return
	}
	var cols []int // the value columns
	for c := 0; c < t.Columns; c++ {
		if c == t.LabelCol || c == t.SerialCol || c == t.UnitCol || c == 0 && t.yearsWhereFilled(0) {
			continue
		}
		for _, r := range t.Rows {
			if t.class(r, c, false) == cellNumber {
				cols = append(cols, c)
				break
			}
		}
	}
	data := t.Rows[len(t.Rows)-1]
	unitless := 0
	for _, c := range cols {
		if _, ok := t.rowUnit(t.text, data, c); !ok {
			unitless++
		}
	}
	if len(cols) < 2 || 2*unitless < len(cols) {
		return
	}
	// the header's lines: those right above the table, then its own
	// the header's lines: the paragraphs right above the table (at most
	// maxFlatHeader, none of an earlier table), then the table's own
	var lines []Span
	for k, i := len(s.para)-1, top-1; k >= 0 && s.para[k] == i && top-i <= maxFlatHeader; k, i = k-1, i-1 {
		l := &s.lines[i]
		rs := s.text[l.line.Start:l.line.End]
		// a long line of header words reads as prose; a sentence does not
		// belong to a header (a comma or a full stop ends its use)
		if l.note || l.caption || hasSentenceEnd(rs) || l.prose && slices.Contains(rs, '，') {
			break
		}
		lines = append([]Span{l.line}, lines...)
	}
	for _, r := range t.Header {
		lines = append(lines, r.Line)
	}
	for _, r := range t.Rows {
		if !t.hasNumberIn(r) {
			lines = append(lines, r.Line) // a line of units under the header
		}
	}
	type mark struct {
		unit cellUnit
		sub  bool
		name string // the words of its header cell, less the unit and the #
	}
	var marks []mark
	for _, ln := range lines {
		rs := s.text[ln.Start:ln.End]
		cell := 0 // where the current cell began
		for i := 0; i < len(rs); i++ {
			switch rs[i] {
			case '|', '｜':
				cell = i + 1
			case '#', '＃':
				j := i + 1
				for j < len(rs) && !isPipe(rs[j]) && !strings.ContainsRune("#＃(（", rs[j]) && !(isPadRune(rs[j]) && j+1 < len(rs) && isPadRune(rs[j+1])) {
					j++
				}
				marks = append(marks, mark{sub: true, name: squeezeSpaces(rs[i+1 : j])})
				i = j - 1
				cell = j
			case '(', '（':
				j := i + 1
				for j < len(rs) && rs[j] != ')' && rs[j] != '）' {
					j++
				}
				if j < len(rs) && slices.ContainsFunc(rs[i+1:j], isCJKIdeograph) {
					if u, ok := parseUnitText(string(rs[i+1 : j])); ok {
						marks = append(marks, mark{unit: u, name: squeezeSpaces(rs[cell:i])})
					}
				}
				i = j
				cell = j + 1
			}
		}
	}
	if len(marks) != len(cols) || marks[0].sub {
		return
	}
	// each unit opens a column and each # is part of the column before it;
	// or, a header flattened a level at a time, the units' columns come
	// first and their parts after them, in order (卫生机构数(个) 床位数(张)
	// … #医院 #卫生防疫站数 …): the one way of giving each whole its parts
	// in which no part exceeds its whole
	parents := 0
	for parents < len(marks) && !marks[parents].sub {
		parents++
	}
	orders := [][]int{nil} // for each mark, its column's index in cols; nil: in order
	if parts := len(marks) - parents; parents > 1 && !slices.ContainsFunc(marks[parents:], func(m mark) bool { return !m.sub }) &&
		placings(parents, parts) <= maxPlacings {
		orders = append(orders, levelOrders(parents, parts)...)
	}
	var found map[int]cellUnit
	var names map[int]string
	levels := false // found by levels, not in order
	for _, order := range orders {
		units, named, parent := map[int]cellUnit{}, map[int]string{}, -1
		at := make([]int, len(marks)) // the column of each mark
		if order == nil {
			for k := range marks {
				at[k] = cols[k]
			}
		} else {
			for k, pos := range order {
				at[k] = cols[pos]
			}
		}
		byCol := make([]int, len(marks)) // the marks in column order
		for k := range marks {
			byCol[slices.Index(cols, at[k])] = k
		}
		ok := true
		for _, k := range byCol {
			m, c := marks[k], at[k]
			named[c] = m.name
			if !m.sub {
				units[c], parent = m.unit, c
				continue
			}
			units[c] = units[parent]
			named[c] = m.name + "(" + named[parent] + ")" // 医院(卫生机构数)
			for _, r := range t.Rows {
				a, errA := ParseDecimal(strings.TrimSpace(t.cellText(r, c)), 0)
				b, errB := ParseDecimal(strings.TrimSpace(t.cellText(r, parent)), 0)
				if errA == nil && errB == nil && b.Less(a) {
					ok = false // a part larger than its whole: not this reading
				}
			}
		}
		if !ok {
			continue
		}
		if found != nil {
			return // two readings: none is sure
		}
		found, names, levels = units, named, order != nil
		if order == nil {
			break
		}
	}
	if found == nil {
		return
	}
	t.flatUnits = found
	if flat := flatNames(s.text, lines, cols); flat != nil {
		t.flatNames = flat
	} else if levels {
		t.flatNames = names // 卫生机构数, 医院(卫生机构数)
	}
}

// maxPlacings bounds the ways of sharing a flattened header's parts among
// its wholes that are tried (a yearbook's header has a few of each).
const maxPlacings = 2000

// placings returns the number of ways of sharing parts among wholes in
// order, C(parts+wholes-1, wholes-1), or more than maxPlacings.
func placings(wholes, parts int) int {
	n := 1
	for i := 1; i < wholes; i++ {
		n = n * (parts + i) / i
		if n > maxPlacings {
			return maxPlacings + 1
		}
	}
	return n
}

// levelOrders returns, for a header that lists its wholes first and then
// their parts, every way of placing them in columns: each whole followed by
// its share of the parts, in order. Each order gives, mark by mark (wholes,
// then parts), the index of its column.
func levelOrders(wholes, parts int) [][]int {
	var out [][]int
	shares := make([]int, wholes)
	var place func(i, left int)
	place = func(i, left int) {
		if i == wholes-1 {
			shares[i] = left
			order := make([]int, wholes+parts)
			col, part := 0, wholes
			for w := range wholes {
				order[w] = col
				col++
				for range shares[w] {
					order[part] = col
					part++
					col++
				}
			}
			out = append(out, order)
			return
		}
		for n := 0; n <= left; n++ {
			shares[i] = n
			place(i+1, left-n)
		}
	}
	place(0, parts)
	return out
}

// flatNames reads the names of the value columns cols from a flattened
// yearbook header written on two lines, each name split between them: the
// upper line a word a column (公共图书馆 医院、卫生院 …; a short name spaced
// out, 医 生 数, is one word), the lower line a group a column ending in its
// unit (图书藏量(千册) (个) 床位数(张) …); a column's name is its upper word and
// its lower words (公共图书馆图书藏量). English words, a bilingual page's
// translation, are left out. It returns nil unless both lines hold exactly
// one part a column.
func flatNames(text []rune, lines []Span, cols []int) map[int]string {
	for k := len(lines) - 1; k >= 1; k-- {
		lower := unitGroups(text[lines[k].Start:lines[k].End])
		if len(lower) != len(cols) {
			continue
		}
		upper := hanWords(text[lines[k-1].Start:lines[k-1].End])
		if len(upper) != len(cols) {
			return nil
		}
		names := map[int]string{}
		for i, c := range cols {
			names[c] = upper[i] + lower[i]
		}
		return names
	}
	return nil
}

// unitGroups splits a line of a flattened header at its closing brackets
// into the words before each unit in brackets (图书藏量(千册) (个) → 图书藏量,
// ""), or returns nil when some group holds no unit or text follows the last.
func unitGroups(rs []rune) []string {
	var out []string
	start := 0
	for i, r := range rs {
		if r != ')' && r != '）' {
			continue
		}
		g := rs[start : i+1]
		open := slices.IndexFunc(g, func(r rune) bool { return r == '(' || r == '（' })
		if open < 0 {
			return nil
		}
		if _, ok := parseUnitText(string(g[open+1 : len(g)-1])); !ok {
			return nil
		}
		out = append(out, squeezeSpaces(g[:open]))
		start = i + 1
	}
	if strings.TrimFunc(string(rs[start:]), isPadRune) != "" {
		return nil
	}
	return out
}

// hanWords splits a line into its words of Chinese, leaving out words of
// Latin letters and joining a run of single characters into one word (医 生
// 数 → 医生数, a short name spaced out to the width of its column).
func hanWords(rs []rune) []string {
	var out []string
	single := false // the last word is a run of single characters
	for _, f := range strings.FieldsFunc(string(rs), isPadRune) {
		w := []rune(f)
		if !slices.ContainsFunc(w, isCJKIdeograph) {
			continue
		}
		if len(w) == 1 && single {
			out[len(out)-1] += f
			continue
		}
		out = append(out, f)
		single = len(w) == 1
	}
	return out
}

// yearsWhereFilled reports whether column c holds a year in every body
// row that fills it (a yearbook's column of years, with a line of units
// under the header left blank there).
func (t *Table) yearsWhereFilled(c int) bool {
	years := 0
	for _, r := range t.Rows {
		if c >= len(r.Cells) || r.Cells[c].Len() == 0 {
			continue
		}
		if t.class(r, c, true) != cellYear {
			return false
		}
		years++
	}
	return years > 0
}

// hasNumberIn reports whether a row holds a number in a cell.
func (t *Table) hasNumberIn(r TableRow) bool {
	for c := range r.Cells {
		if t.class(r, c, false) == cellNumber {
			return true
		}
	}
	return false
}

// spacedHeader takes into a spaced table the line right above its first
// row when it names the columns the same way, words separated by single
// spaces (年份 机构数 床位数, or without the corner word over the labels),
// taking it back from the paragraphs; and above that a line whose words
// each span an equal group of the value columns (机构数(个) 床位数(张) over
// 2016 2017 增减数 增减(%) twice): a two-row header printed flat. It
// returns the table's rows.
func (s *segmenter) spacedHeader(rows []int) []int {
	n := len(s.lines[rows[0]].cells)
	h := rows[0] - 1
	cells, ok := s.spacedWords(h)
	if !ok || len(cells) != n && len(cells) != n-1 {
		return rows
	}
	if len(cells) == n-1 {
		cells = append([]Span{{s.lines[h].line.Start, s.lines[h].line.Start}}, cells...) // no corner word
	}
	l := &s.lines[h]
	l.cells, l.kind, l.nonEmpty = cells, LayoutSpaced, len(cells)
	s.popParagraph()
	rows = append([]int{h}, rows...)

	g := h - 1
	words, ok := s.spacedWords(g)
	if k := len(words); !ok || k < 2 || k >= n-1 || (n-1)%k != 0 {
		return rows
	}
	l = &s.lines[g]
	cells = []Span{{l.line.Start, l.line.Start}}
	for _, w := range words {
		cells = append(cells, w)
		for range (n-1)/len(words) - 1 {
			cells = append(cells, Span{w.End, w.End}) // under the word to its left
		}
	}
	l.cells, l.kind, l.nonEmpty = cells, LayoutSpaced, len(words)
	s.popParagraph()
	return append([]int{g}, rows...)
}

// spacedWords splits line i, the last line of the paragraphs so far, into
// the words of a spaced table's header row, a bilingual yearbook's English
// words after a Chinese word kept in its cell, as its translation (项目  Item
// 2000 2005 …). It is false when the line is no such row: blank, a rule, a
// note, a caption, prose, or holding a number.
func (s *segmenter) spacedWords(i int) ([]Span, bool) {
	if i < 0 || len(s.para) == 0 || s.para[len(s.para)-1] != i {
		return nil, false
	}
	l := &s.lines[i]
	if l.blank || l.rule || l.note || l.caption || l.prose {
		return nil, false
	}
	var cells []Span
	for a := l.line.Start; a < l.line.End; {
		for a < l.line.End && isPadRune(s.text[a]) {
			a++
		}
		b := a
		for b < l.line.End && !isPadRune(s.text[b]) {
			b++
		}
		if b == a {
			break
		}
		w := s.text[a:b]
		if c := classifyCell(w, true); c == cellNumber || c == cellPlaceholder {
			return nil, false
		}
		if k := len(cells) - 1; k >= 0 && isLatinGloss(w) && classifyCell(s.text[cells[k].Start:cells[k].End], true) == cellText {
			cells[k].End = b // a translation, or its next word
		} else {
			cells = append(cells, Span{a, b})
		}
		a = b
	}
	return cells, len(cells) > 0
}

// isTranslation reports whether a line holds only Latin text: a bilingual
// yearbook's translation of the row above (Integrated Hospitals).
func isTranslation(rs []rune) bool {
	return latinWith(rs, func(r rune) bool { return isPadRune(r) || strings.ContainsRune(",.&'()-/", r) })
}

// isLatinGloss reports whether rs is an English gloss: Latin letters, with
// digits, spaces and punctuation (10 000 yuan, person-time).
func isLatinGloss(rs []rune) bool {
	return latinWith(rs, func(r rune) bool { return r < 0x80 })
}

// latinWith reports whether rs holds a Latin letter and, besides letters,
// only runes that also accepts.
func latinWith(rs []rune, also func(rune) bool) bool {
	letters := 0
	for _, r := range rs {
		switch {
		case isASCIILetter(r):
			letters++
		case also(r):
		default:
			return false
		}
	}
	return letters > 0
}

// displayWidth returns the display width of r: 2 for East Asian wide and
// full-width runes (CJK ideographs, full-width forms, U+3000), else 1.
func displayWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// splitAligned splits a line at runs of spaces at least two columns wide (two
// ASCII spaces, a full-width space, or a mix), giving each cell's display
// columns counted from the start of the raw line, so that cells of different
// rows can be matched by position. A name padded to width (北  京, 全　国) is
// one cell: a first cell of one CJK rune followed, within three spaces, by
// one or two CJK runes is joined to it.
func splitAligned(text []rune, raw, ln Span) ([]Span, [][2]int) {
	var cells []Span
	var pos [][2]int
	col := 0
	for i := raw.Start; i < ln.Start; i++ {
		col += displayWidth(text[i])
	}
	start, startCol := ln.Start, col
	for i := ln.Start; i < ln.End; {
		if !isPadRune(text[i]) {
			col += displayWidth(text[i])
			i++
			continue
		}
		j, w := i, 0
		for j < ln.End && isPadRune(text[j]) {
			w += displayWidth(text[j])
			j++
		}
		if w >= 2 {
			cells = append(cells, Span{start, i})
			pos = append(pos, [2]int{startCol, col})
			start, startCol = j, col+w
		}
		col += w
		i = j
	}
	cells = append(cells, Span{start, ln.End})
	pos = append(pos, [2]int{startCol, col})
	if len(cells) >= 2 && cells[0].Len() == 1 && isCJKIdeograph(text[cells[0].Start]) &&
		cells[1].Len() <= 2 && pos[1][0]-pos[0][1] <= 6 && allCJKIdeographs(text[cells[1].Start:cells[1].End]) {
		cells[1].Start, pos[1][0] = cells[0].Start, pos[0][0]
		cells, pos = cells[1:], pos[1:]
	}
	return cells, pos
}

// isCJKIdeograph reports whether r is a CJK ideograph (not punctuation or a numeral sign).
func isCJKIdeograph(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf
}

// allCJKIdeographs reports whether rs is non-empty and all CJK ideographs.
func allCJKIdeographs(rs []rune) bool {
	for _, r := range rs {
		if !isCJKIdeograph(r) {
			return false
		}
	}
	return len(rs) > 0
}

// isRuleLine reports whether a line only draws a rule: Markdown's |---|:--|
// (ASCII dashes: a row of — between pipes is a row of empty values), or a
// run of three or more dashes, em dashes or box-drawing runes.
func isRuleLine(rs []rune) bool {
	dashes, wide, pipes := 0, 0, 0
	for _, r := range rs {
		switch {
		case r == '-' || r == '=' || r == '_' || r >= 0x2500 && r <= 0x257f && !isPipe(r):
			dashes++
		case r == '—' || r == '－':
			wide++
		case isPipe(r):
			pipes++
		case r == ':' || r == '+' || r == '：' || isPadRune(r) || r == '\t':
		default:
			return false
		}
	}
	if pipes > 0 {
		return dashes >= 1 && wide == 0
	}
	return dashes+wide >= 3
}

// hasSentenceEnd reports whether rs holds a sentence-ending mark.
func hasSentenceEnd(rs []rune) bool {
	for _, r := range rs {
		switch r {
		case '。', '；', '！', '？', ';', '!', '?':
			return true
		}
	}
	return false
}

// isProseCell reports whether a cell reads as prose: a sentence end, a long
// run of text with commas, or just a very long run of text.
func isProseCell(rs []rune) bool {
	if len(rs) >= 50 || hasSentenceEnd(rs) {
		return true
	}
	if len(rs) >= 15 {
		for _, r := range rs {
			if r == '，' {
				return true
			}
		}
	}
	return false
}

// runesHavePrefix reports whether rs starts with s.
func runesHavePrefix(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// isColonRune reports whether r is a colon, half- or full-width.
func isColonRune(r rune) bool { return r == '：' || r == ':' }

// isNoteLine reports whether a line is a note under a table: 注：, 注1：,
// 注①：, 资料来源：, 数据来源：, 来源：, 说明：, 备注：.
func isNoteLine(rs []rune) bool {
	for _, p := range []string{"资料来源", "数据来源", "来源", "说明", "备注"} {
		if runesHavePrefix(rs, p) {
			n := len([]rune(p))
			return n < len(rs) && isColonRune(rs[n])
		}
	}
	if len(rs) < 2 || rs[0] != '注' {
		return false
	}
	for i := 1; i < len(rs) && i < 5; i++ {
		r := rs[i]
		if isColonRune(r) {
			return true
		}
		if !isDigit(r) && !isPadRune(r) && !(r >= '①' && r <= '⑳') {
			return false
		}
	}
	return false
}

// unitClause finds the unit clause in rs (单位：亿元, （单位：万人、亿元）,
// 计量单位：万人) and returns its unit text and where the clause ends (after a
// closing parenthesis, if any); ok is false when there is none.
func unitClause(rs []rune) (unit string, end int, ok bool) {
	at := -1
	for i := len(rs) - 2; i >= 1; i-- {
		if rs[i-1] == '单' && rs[i] == '位' {
			j := i + 1
			for j < len(rs) && isPadRune(rs[j]) {
				j++
			}
			if j < len(rs) && isColonRune(rs[j]) {
				at = j + 1
				break
			}
		}
	}
	if at < 0 {
		return "", 0, false
	}
	e := at
	for e < len(rs) && rs[e] != '）' && rs[e] != ')' && rs[e] != '。' && rs[e] != '\t' && !isPipe(rs[e]) {
		e++
	}
	w := rs[at:e]
	// a bilingual yearbook follows the unit with its translation in
	// brackets (单位:人 (person), 单位：万元 (10 000 yuan)): not the unit
	for k, r := range w {
		if (r == '(' || r == '（') && isLatinGloss(w[k+1:]) {
			w = w[:k]
			break
		}
	}
	u := strings.TrimFunc(string(w), isPadRune)
	if e < len(rs) && (rs[e] == '）' || rs[e] == ')') {
		e++
	}
	return u, e, u != ""
}

// isCaptionLine reports whether a line can caption a table: a title 表1 …,
// 表一 …; a unit line 单位：…, （单位：…）, 计量单位：…; or a short title
// ending in a unit clause (2023年卫生资源情况  单位：万人).
func isCaptionLine(rs []rune) bool {
	if len(rs) == 0 || len(rs) > 80 || hasSentenceEnd(rs) {
		return false
	}
	if isCaptionHead(rs) || continuedMark(rs) {
		return true
	}
	u, end, ok := unitClause(rs)
	if !ok || len([]rune(u)) > 16 {
		return false
	}
	for _, r := range rs[end:] {
		if !isPadRune(r) && !isPipe(r) {
			return false // the empty cells after a unit in a pipe table's row
		}
	}
	return true
}

// continuedMark reports whether a short line marks a table continued from
// the page before: 续表, 13-8 续表, 表3（续）.
func continuedMark(rs []rune) bool {
	if len(rs) > 30 {
		return false
	}
	t := strings.TrimRightFunc(string(rs), isPadRune)
	return strings.HasSuffix(t, "续表") || strings.HasSuffix(t, "（续）") || strings.HasSuffix(t, "(续)")
}

// isCaptionHead reports whether a line opens as a caption: 表1, 表 2-1, 表一,
// or a unit line (单位：, （单位：, 计量单位：, 金额单位：).
func isCaptionHead(rs []rune) bool {
	if len(rs) > 1 && rs[0] == '表' {
		i := 1
		for i < len(rs) && isPadRune(rs[i]) {
			i++
		}
		if i < len(rs) && (isDigit(rs[i]) || isChineseNumeral(rs[i])) {
			return true
		}
	}
	if len(rs) > 0 && (rs[0] == '(' || rs[0] == '（') {
		rs = rs[1:]
	}
	for i := 0; i+2 < len(rs) && i < 3; i++ {
		if rs[i] == '单' && rs[i+1] == '位' {
			return isColonRune(rs[i+2])
		}
	}
	return false
}

// sameCells reports whether the filled cells of a row all hold the same
// text: a caption spread over a table's width (HTML colspan expanded).
func sameCells(text []rune, cells []Span) bool {
	first := ""
	for _, c := range cells {
		if c.Len() == 0 {
			continue
		}
		if s := string(text[c.Start:c.End]); first == "" {
			first = s
		} else if s != first {
			return false
		}
	}
	return true
}

// captionRow tells whether a caption-like line of several different cells is
// a caption: a title 表1 … split at its spaces, or a title and a unit clause
// (2023年卫生资源情况  单位：万人). A row of more cells ending in a unit
// clause (地区  执业医师  注册护士  单位：万人) or opening with one (the corner
// cell 单位：万人 over a label column) is a header row.
func captionRow(text []rune, cells []Span, nonEmpty int) bool {
	var first Span
	for _, c := range cells {
		if c.Len() > 0 {
			first = c
			break
		}
	}
	rs := text[first.Start:first.End]
	if len(rs) > 1 && rs[0] == '表' {
		return true
	}
	return nonEmpty == 2 && !isCaptionHead(rs)
}

// isTitleLine reports whether a line can be a table's title above its unit
// line (17-3  各类卫生机构床位数 over 单位：张), or, ending in 表, above the
// table itself (主要指标表): short, with no sentence in it.
func isTitleLine(l *segLine, rs []rune) bool {
	return !l.blank && !l.rule && !l.note && !l.prose && len(rs) <= 40 && !hasSentenceEnd(rs) && l.nonEmpty <= 2
}

// sectionLike reports whether a one-cell line can be a section row between
// rows of a table: short, no sentence, no caption or note.
func (l *segLine) sectionLike() bool {
	return !l.blank && !l.rule && !l.prose && !l.note && !l.caption && l.nonEmpty == 1 && l.line.Len() <= 30
}

// narrowTable is the most columns a table may have for a row of any width
// (two cells or more) to join it: the HTML reader drops a row's trailing
// empty cells, so 门诊部	12 may be a row of five columns. A wider table
// takes rows of half to twice its width only, which also bounds the empty
// cells padded onto short rows to a constant times the input.
const narrowTable = 12

// rowOf reports whether l can be a row of a table of layout kind with n
// columns: right under a row, any width in a narrow table, else from half to
// twice n; after a blank line (yearbooks print blank lines between the rows
// of one table) the same count give or take one, or for aligned rows, which
// may miss cells, from half of n to n+1.
func (l *segLine) rowOf(kind TableLayout, n int, afterBlank bool) bool {
	if l.blank || l.rule || l.kind != kind || len(l.cells) < 2 || l.prose || l.note || l.caption {
		return false
	}
	c := len(l.cells)
	if !afterBlank {
		return max(c, n) <= narrowTable || 2*c >= n && c <= 2*n
	}
	if kind == LayoutAligned {
		return c <= n+1 && 2*c >= n
	}
	return c >= n-1 && c <= n+1
}

// sectionHead reports whether a line opens a section of a table's rows
// rather than a new header: its first cell starts with a serial (三、, 1.,
// （二）) and at most one more cell is filled (三、乡村医生或卫生员  人).
func (s *segmenter) sectionHead(l *segLine) bool {
	if len(l.cells) == 0 || l.nonEmpty > 2 {
		return false
	}
	c := l.cells[0]
	return reLeadingSerial().MatchString(string(s.text[c.Start:c.End]))
}

// extent returns the display columns an aligned line's cells span, or an
// empty range for a line of another layout.
func extent(l *segLine) (lo, hi int) {
	if l.kind != LayoutAligned || len(l.pos) == 0 {
		return 0, 0
	}
	return l.pos[0][0], l.pos[len(l.pos)-1][1]
}

// alignedUnder reports whether an aligned line after blank lines goes on
// the table whose rows span display columns [left, right): yearbooks
// printed from a page leave blank lines between rows, and a row may miss
// cells (a label and its unit alone: 三、乡村医生或卫生员  人). Below a
// header with no data yet, any aligned row of two cells or more goes on: a
// header leaves the label and unit columns blank, so it is narrower than
// its rows; but a header of two cells on one line is as likely a title
// (15-51  卫生机构、人员数), so header reports whether what is above is
// a header: two lines or more, or three cells or more. Below data, a row goes on when it starts near the rows' left
// edge (an indented sub-item too) and ends within their right edge.
func (l *segLine) alignedUnder(left, right int, hasData, header bool) bool {
	if l.kind != LayoutAligned || len(l.cells) < 2 || l.prose || l.note || l.caption || left >= right {
		return false
	}
	lo, hi := extent(l)
	if !hasData {
		return header
	}
	const indent, slack = 12, 4
	return lo >= left-slack && lo <= left+indent && hi <= right+slack
}

// startsTable reports whether l can be the first row of a table.
func (l *segLine) startsTable() bool {
	return !l.blank && !l.rule && l.kind != layoutNone && l.nonEmpty >= 2 && !l.prose && !l.note && !l.caption
}

// run segments all lines.
func (s *segmenter) run() {
	for i := 0; i < len(s.lines); {
		l := &s.lines[i]
		if l.blank {
			i++
			continue
		}
		if l.startsTable() {
			if next, ok := s.table(i); ok {
				i = next
				continue
			} else if next > i+1 {
				for ; i < next; i++ {
					if !s.lines[i].blank {
						s.paragraph(i)
					}
				}
				continue
			}
		}
		s.paragraph(i)
		i++
	}
}

// paragraph emits line i as a paragraph.
func (s *segmenter) paragraph(i int) {
	s.out = append(s.out, Block{Kind: BlockParagraph, Span: trimSpan(s.text, s.lines[i].line)})
	s.para = append(s.para, i)
}

// headerLike reports whether a line reads as a header row: no number, no
// placeholder, and no serial number first. A bare 2020 is a year only in a
// table's first row (top).
func (s *segmenter) headerLike(l *segLine, top bool) bool {
	for k, c := range l.cells {
		switch classifyCell(s.text[c.Start:c.End], top) {
		case cellNumber, cellPlaceholder:
			return false
		}
		if k == 0 && isSerialCell(s.text[c.Start:c.End]) {
			return false
		}
	}
	return true
}

// yearRow reports whether a line is a header of bare years: after its first
// cell, two or more cells, each a year 1900–2100, strictly increasing
// (地区  2021  2022  2023). Counts in a data row rarely run so.
func (s *segmenter) yearRow(l *segLine) bool {
	last, n := 0, 0
	for _, c := range l.cells[1:] {
		if c.Len() == 0 {
			continue
		}
		rs := s.text[c.Start:c.End]
		if classifyCell(rs, true) != cellYear || len(rs) != 4 {
			return false
		}
		y := serialValue(rs)
		if y <= last {
			return false
		}
		last, n = y, n+1
	}
	return n >= 2
}

// table tries to read a table whose first row is line start. It returns the
// line after the table and true, or false and the line up to which no table
// can start (so that a run of rows that is no table is not read again).
func (s *segmenter) table(start int) (int, bool) {
	kind := s.lines[start].kind
	rows, end, multi := s.extendTable(start)
	if multi < 2 {
		return start + 1, false
	}
	if kind == LayoutSpaced {
		rows = s.spacedHeader(rows)
		start = rows[0]
	}
	t := s.build(rows, kind)
	if kind == LayoutAligned && !t.hasNumber() {
		return end + 1, false
	}
	top := s.takeCaption(t, start)
	if t.CaptionUnit == "" && top == 0 {
		t.CaptionUnit = s.unitAboveBody()
	}
	end = s.takeNotes(t, end)
	s.readFlatUnits(t, top)
	span := Span{trimPadding(s.text, s.lines[top].line).Start, trimPadding(s.text, s.lines[end].line).End}
	if t.Caption.Len() > 0 {
		span.Start = t.Caption.Start
	}
	if len(t.Notes) > 0 {
		span.End = t.Notes[len(t.Notes)-1].End
	}
	s.out = append(s.out, Block{Kind: BlockTable, Span: span, Table: t})
	s.para = append(s.para, -1)
	return end + 1, true
}

// extendTable grows a table from its first row, line start: over rows of
// the same layout and a compatible column count, rule lines, blank lines
// followed by a row of the same column count (unless that row is a new
// header under data rows: a second table), and short label lines followed by
// a row (section rows). It returns the row lines, the last line of the table
// (a row or a rule right under one) and how many rows have two or more
// filled cells.
func (s *segmenter) extendTable(start int) (rows []int, end, multi int) {
	first := &s.lines[start]
	kind, n := first.kind, len(first.cells)
	rows, end, multi = []int{start}, start, 1
	hasData := !s.headerLike(first, true)
	sawBlank := false
	left, right := extent(first) // display columns the aligned rows span
	for j := start + 1; j < len(s.lines); j++ {
		l := &s.lines[j]
		switch {
		case l.blank:
			sawBlank = true
			continue
		case l.rule:
			if !sawBlank {
				end = j
			}
			continue
		case kind == LayoutSpaced && l.kind == layoutNone && isTranslation(s.text[l.line.Start:l.line.End]):
			continue // the translation of the row above
		case l.rowOf(kind, n, sawBlank) || kind == LayoutAligned && sawBlank && l.alignedUnder(left, right, hasData, len(rows) >= 2 || n >= 3):
			hl := s.headerLike(l, false)
			if sawBlank && hasData && (hl || s.yearRow(l)) && !s.sectionHead(l) {
				return rows, end, multi // a new header: a second table
			}
			rows = append(rows, j)
			n = max(n, len(l.cells))
			if lo, hi := extent(l); lo < hi {
				left, right = min(left, lo), max(right, hi)
			}
			if l.nonEmpty >= 2 {
				multi++
			}
			hasData = hasData || !hl
			end, sawBlank = j, false
			continue
		case l.sectionLike():
			k, blank := j+1, false
			for k < len(s.lines) && (s.lines[k].blank || s.lines[k].rule) {
				blank = blank || s.lines[k].blank
				k++
			}
			if k < len(s.lines) && s.lines[k].rowOf(kind, n, blank) && (!s.headerLike(&s.lines[k], false) || !hasData) {
				// a label between rows, or a word of a header over several
				// lines (单位 over its column, above the row of years)
				rows = append(rows, j)
				end, sawBlank = j, false
				continue
			}
		}
		return rows, end, multi
	}
	return rows, end, multi
}

// takeCaption moves into t the lines above its first row, line start, that
// belong to it, taking them back from the paragraphs already emitted: rule
// lines right above the first row; then a caption line (blank lines allowed
// between) or a title ending in 表; then up to two titles, each right above
// the caption line under it. A caption's unit clause sets CaptionUnit, over
// one found in the header. It returns the table's first line.
func (s *segmenter) takeCaption(t *Table, start int) int {
	top := start
	for len(s.para) > 0 {
		p := s.para[len(s.para)-1]
		if p < 0 || p != top-1 || !s.lines[p].rule {
			break
		}
		s.popParagraph()
		top = p
	}
	fromCaption := false
	for k := 0; k < 3 && len(s.para) > 0; k++ {
		p := s.para[len(s.para)-1]
		if p < 0 {
			break
		}
		l := &s.lines[p]
		ln := trimSpan(s.text, l.line)
		rs := s.text[ln.Start:ln.End]
		first := k == 0 && s.onlyBlankBetween(p, top) && (l.caption || isTitleLine(l, rs) && rs[len(rs)-1] == '表')
		above := k > 0 && p == top-1 && isTitleLine(l, rs) && (l.caption || s.lines[top].caption)
		if !first && !above {
			break
		}
		if t.Caption.Len() == 0 {
			t.Caption = ln
		} else {
			t.Caption.Start = ln.Start
		}
		if u, _, ok := unitClause(rs); ok && !fromCaption {
			t.CaptionUnit, fromCaption = u, true
		}
		s.popParagraph()
		top = p
	}
	return top
}

// unitAboveBody returns the unit a caption line gives just above the body,
// among the three lines before it (单位:万张 over a table the body starts
// with): the body holds the figures, its table's caption may stand outside.
func (s *segmenter) unitAboveBody() string {
	end := s.body.Start
	for k := 0; k < 3 && end > 0; k++ {
		start := end - 1
		for start > 0 && s.text[start-1] != '\n' {
			start--
		}
		rs := s.text[start : end-1]
		if t := trimSpan(s.text, Span{start, end - 1}); t.Len() > 0 {
			rs = s.text[t.Start:t.End]
			if isCaptionLine(rs) {
				if u, _, ok := unitClause(rs); ok {
					return u
				}
			}
		}
		end = start
	}
	return ""
}

// takeNotes moves into t the note lines under the table's last line, end
// (blank lines allowed before the first): 注：…, 资料来源：…, and under a
// note opening a numbered list (注：1. …) the items 2. …, 3. … that follow it.
// It returns the table's last line.
func (s *segmenter) takeNotes(t *Table, end int) int {
	k := end + 1
	for k < len(s.lines) && s.lines[k].blank {
		k++
	}
	numbered := false
	for ; k < len(s.lines); k++ {
		l := &s.lines[k]
		ln := trimSpan(s.text, l.line)
		rs := s.text[ln.Start:ln.End]
		if l.note {
			numbered = noteIsNumbered(rs)
		} else if len(t.Notes) == 0 || l.blank || !numbered || !startsListItem(rs) {
			break
		}
		t.Notes = append(t.Notes, ln)
		end = k
	}
	return end
}

// popParagraph drops the last block, a paragraph that becomes part of a table.
func (s *segmenter) popParagraph() {
	s.out = s.out[:len(s.out)-1]
	s.para = s.para[:len(s.para)-1]
}

// onlyBlankBetween reports whether the lines strictly between a and b are blank.
func (s *segmenter) onlyBlankBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if !s.lines[i].blank {
			return false
		}
	}
	return true
}

// noteIsNumbered reports whether a note opens a numbered list (注：1. …), so
// that the lines 2. …, 3. … under it belong to it.
func noteIsNumbered(rs []rune) bool {
	for i, r := range rs {
		if isColonRune(r) {
			return startsListItem(rs[i+1:])
		}
	}
	return false
}

// startsListItem reports whether rs opens with a list marker: 1. 2、 (3) ④.
func startsListItem(rs []rune) bool {
	i := 0
	for i < len(rs) && isPadRune(rs[i]) {
		i++
	}
	if i < len(rs) && rs[i] >= '①' && rs[i] <= '⑳' {
		return true
	}
	paren := i < len(rs) && (rs[i] == '(' || rs[i] == '（')
	if paren {
		i++
	}
	d := i
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	if i == d || i >= len(rs) {
		return false
	}
	if paren {
		return rs[i] == ')' || rs[i] == '）'
	}
	return rs[i] == '.' || rs[i] == '．' || rs[i] == '、'
}

// cellClass is what a cell holds, as far as finding headers and labels goes.
type cellClass uint8

const (
	cellEmpty       cellClass = iota
	cellPlaceholder           // -, —, …, --, /: a cell with no value
	cellNumber                // 680.93, >95%, 85%左右, 126个, 5205万人
	cellYear                  // 2020年, 2025年目标 (or a bare 2020 in a header row)
	cellText                  // anything else
)

// classifyCell tells what a cell holds. A bare four-digit year (2020) is a
// year only when bareYear is set (in the top row of a table).
func classifyCell(rs []rune, bareYear bool) cellClass {
	for len(rs) > 0 && isPadRune(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && isPadRune(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	if len(rs) == 0 {
		return cellEmpty
	}
	placeholder := true
	for _, r := range rs {
		if !strings.ContainsRune("-—－–…/／\\.·、~～", r) {
			placeholder = false
			break
		}
	}
	if placeholder {
		return cellPlaceholder
	}
	if len(rs) >= 4 && isDigit(rs[0]) && isDigit(rs[1]) && isDigit(rs[2]) && isDigit(rs[3]) &&
		(len(rs) == 4 || !isDigit(rs[4])) {
		y := int(digitValue(rs[0]))*1000 + int(digitValue(rs[1]))*100 + int(digitValue(rs[2]))*10 + int(digitValue(rs[3]))
		if y >= 1900 && y <= 2100 {
			k := 4
			for k < len(rs) && isPadRune(rs[k]) {
				k++ // 2009 年: printed yearbooks space the year from 年
			}
			if k < len(rs) && rs[k] == '年' {
				for _, r := range rs[k+1:] {
					if isDigit(r) {
						return cellText // 2025年9月: a date, not a column year
					}
				}
				return cellYear
			}
			if len(rs) == 4 && bareYear {
				return cellYear
			}
		}
	}
	i := 0
	for i < len(rs) && strings.ContainsRune("<>＜＞≤≥≦≧约+-－−±～~", rs[i]) {
		i++
	}
	for i < len(rs) && isPadRune(rs[i]) {
		i++
	}
	if i >= len(rs) || !isDigit(rs[i]) {
		return cellText
	}
	for i < len(rs) && (isDigit(rs[i]) || strings.ContainsRune(".,，．", rs[i])) {
		i++
	}
	for i < len(rs) && strings.ContainsRune("%％‰", rs[i]) {
		i++
	}
	if len(rs)-i <= 4 {
		return cellNumber
	}
	return cellText
}

// isSerialCell reports whether a cell is a serial number: 1, 12, 3., 4、, (5),
// 一, 十二、, (三).
func isSerialCell(rs []rune) bool {
	if len(rs) == 0 || len(rs) > 6 {
		return false
	}
	if rs[0] == '(' || rs[0] == '（' {
		if n := len(rs); n < 3 || rs[n-1] != ')' && rs[n-1] != '）' {
			return false
		}
		rs = rs[1 : len(rs)-1]
	} else if n := len(rs); rs[n-1] == '.' || rs[n-1] == '．' || rs[n-1] == '、' {
		rs = rs[:n-1]
	}
	if len(rs) == 0 {
		return false
	}
	if isDigit(rs[0]) {
		if len(rs) > 3 {
			return false
		}
		for _, r := range rs {
			if !isDigit(r) {
				return false
			}
		}
		return true
	}
	for _, r := range rs {
		if !isChineseNumeral(r) || r == '万' || r == '亿' || r == '百' || r == '千' {
			return false
		}
	}
	return true
}

// serialValue returns the value of an Arabic serial cell, or -1.
func serialValue(rs []rune) int {
	v := -1
	for _, r := range rs {
		if isDigit(r) {
			v = max(v, 0)*10 + int(digitValue(r))
		} else if v >= 0 {
			break
		}
	}
	return v
}

// squeezeSpaces returns a cell's text without its spaces (序  号 → 序号).
func squeezeSpaces(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		if !isPadRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// build makes the table of the given row lines.
func (s *segmenter) build(rows []int, kind TableLayout) *Table {
	t := &Table{LabelCol: -1, UnitCol: -1, SerialCol: -1, Layout: kind, text: s.text}
	all := make([]TableRow, len(rows))
	single := make([]bool, len(rows))
	src := make([][]Span, len(rows))
	for k, i := range rows {
		src[k] = s.lines[i].cells
		if k < 3 && s.headerLike(&s.lines[i], k == 0) {
			if cut, u := s.headerUnitCell(src[k]); u != "" {
				src[k], t.CaptionUnit = src[k][:cut], u
			}
		}
	}
	if kind == LayoutAligned {
		t.Columns = s.alignRows(rows, src, all)
	} else {
		for _, cs := range src {
			t.Columns = max(t.Columns, len(cs))
		}
		for k, i := range rows {
			l := &s.lines[i]
			cells := make([]Span, t.Columns)
			copy(cells, src[k])
			for c := len(src[k]); c < t.Columns; c++ {
				cells[c] = Span{l.line.End, l.line.End}
			}
			all[k] = TableRow{Line: l.line, Cells: cells}
		}
	}
	for k, i := range rows {
		single[k] = s.lines[i].kind == layoutNone
	}
	t.findSerialCol(all)
	h := t.headerRows(all, single)
	t.Header, t.Rows = all[:h:h], all[h:]
	for _, r := range t.Header {
		for c := range r.Cells {
			if sq := t.squeezed(r, c); sq == "单位" || sq == "计量单位" {
				t.UnitCol = c
			}
		}
	}
	t.findLabelCol()
	t.realignShortHeaders()
	t.spreadCollapsedGroups()
	for k := range t.Rows {
		t.Rows[k].Section = single[h+k] || t.isSection(t.Rows[k])
	}
	return t
}

// squeezed returns the text of row r's cell c without its spaces.
func (t *Table) squeezed(r TableRow, c int) string {
	sp := r.Cells[c]
	return squeezeSpaces(t.text[sp.Start:sp.End])
}

// class classifies row r's cell c (see classifyCell).
func (t *Table) class(r TableRow, c int, bareYear bool) cellClass {
	sp := r.Cells[c]
	return classifyCell(t.text[sp.Start:sp.End], bareYear)
}

// alignRows assigns the cells of aligned rows to columns by display
// position. The columns are those of the rows with the most common cell
// count (ties to the larger); another row's cell goes to the column it
// overlaps most (in an upper header row, the first it overlaps, so a
// spanning word stands over the first of its columns), else the nearest,
// never left of the previous cell's column; cells that fall in one column
// are joined. It returns the column count.
func (s *segmenter) alignRows(rows []int, src [][]Span, all []TableRow) int {
	count := map[int]int{}
	for k := range rows {
		if c := len(src[k]); c >= 2 {
			count[c]++
		}
	}
	n := 0
	for c, k := range count {
		if k > count[n] || k == count[n] && c > n {
			n = c
		}
	}
	iv := s.columnsOf(rows, src, n)
	// A wider row reveals columns the commonest rows leave blank (a printed
	// yearbook's rows each miss a different cell): its columns are the
	// table's when every row below the first of them fits them, one cell a
	// column.
	widths := make([]int, 0, len(count))
	for c := range count {
		if c > n {
			widths = append(widths, c)
		}
	}
	slices.Sort(widths)
	for i := len(widths) - 1; i >= 0; i-- {
		if w := s.columnsOf(rows, src, widths[i]); s.allFit(rows, src, w) {
			n, iv = widths[i], w
			break
		}
	}
	labelled := s.labelledRows(rows, src, n)
	upper := true // rows above the first row with n cells
	for k, i := range rows {
		l := &s.lines[i]
		cells := make([]Span, n)
		filled := make([]bool, n)
		prev := 0
		// a row of numbers only, one short of the columns, in a table
		// whose rows open with a label: the label is missing (a total
		// row printed without 合计), its numbers fill the value columns
		shift := 0
		if labelled && len(src[k]) == n-1 && s.allNumbers(src[k]) {
			shift = 1
		}
		for ci, p := range l.pos[:len(src[k])] {
			c := ci + shift
			if len(src[k]) != n && shift == 0 {
				c = bestColumn(iv, p, prev, upper)
				if filled[c] && overlap(iv[c], p) <= 0 && c+1 < n {
					// nearest to a column taken already, and under none:
					// the next column (2009 年 over a column whose row
					// above left it blank)
					c = bestColumn(iv, p, c+1, upper)
				}
			}
			if filled[c] {
				cells[c].End = l.cells[ci].End
			} else {
				cells[c], filled[c] = l.cells[ci], true
			}
			prev = c
		}
		at := l.line.Start
		for c := range cells {
			if filled[c] {
				at = cells[c].End
			} else {
				cells[c] = Span{at, at}
			}
		}
		if len(src[k]) == n {
			upper = false
		}
		all[k] = TableRow{Line: l.line, Cells: cells}
	}
	return n
}

// bestColumn picks the column, from `from` on, for a cell at display
// columns p. Column starts increase strictly (each is the least start of
// that column's cells in rows that have every column), so the search stops
// at the first column starting right of the cell.
// labelledRows reports whether the rows with n cells open with a label:
// a first cell that is no number.
func (s *segmenter) labelledRows(rows []int, src [][]Span, n int) bool {
	seen := 0
	for k := range rows {
		if len(src[k]) != n {
			continue
		}
		c := src[k][0]
		if classifyCell(s.text[c.Start:c.End], false) == cellNumber {
			return false
		}
		seen++
	}
	return seen > 0
}

// allNumbers reports whether every cell holds a number.
func (s *segmenter) allNumbers(cells []Span) bool {
	for _, c := range cells {
		if classifyCell(s.text[c.Start:c.End], false) != cellNumber {
			return false
		}
	}
	return len(cells) > 0
}

// overlap returns how many display columns a and b share (≤ 0: none).
func overlap(a, b [2]int) int { return min(a[1], b[1]) - max(a[0], b[0]) }

// columnsOf returns the display columns of the rows with n cells: each
// column spans its cells in all of them.
func (s *segmenter) columnsOf(rows []int, src [][]Span, n int) [][2]int {
	iv := make([][2]int, n)
	seen := false
	for k, i := range rows {
		l := &s.lines[i]
		if len(src[k]) != n {
			continue
		}
		for c, p := range l.pos[:n] {
			if !seen {
				iv[c] = p
			} else {
				iv[c] = [2]int{min(iv[c][0], p[0]), max(iv[c][1], p[1])}
			}
		}
		seen = true
	}
	return iv
}

// allFit reports whether every row from the first with len(iv) cells on
// puts each of its cells in a column of its own under iv.
func (s *segmenter) allFit(rows []int, src [][]Span, iv [][2]int) bool {
	started := false
	for k, i := range rows {
		if len(src[k]) == len(iv) {
			started = true
			continue
		}
		if !started || len(src[k]) < 2 {
			continue
		}
		prev := -1
		for _, p := range s.lines[i].pos[:len(src[k])] {
			c := bestColumn(iv, p, max(prev, 0), false)
			if c <= prev {
				return false
			}
			prev = c
		}
	}
	return true
}

func bestColumn(iv [][2]int, p [2]int, from int, first bool) int {
	best, bestOv := -1, 0
	for c := from; c < len(iv) && iv[c][0] < p[1]; c++ {
		ov := min(p[1], iv[c][1]) - max(p[0], iv[c][0])
		if ov > bestOv {
			best, bestOv = c, ov
			if first {
				break
			}
		}
	}
	if best >= 0 {
		return best
	}
	best, bestD := from, -1
	for c := from; c < len(iv); c++ {
		d := max(iv[c][0]-p[1], p[0]-iv[c][1])
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
		if iv[c][0] >= p[1] {
			break
		}
	}
	return best
}

// findSerialCol sets SerialCol: the column headed 序号 in the first rows, or
// a first column (of three or more) whose cells below the first row are
// mostly serial numbers, counting up by one as often as not.
func (t *Table) findSerialCol(all []TableRow) {
	for k := 0; k < len(all) && k < 3; k++ {
		for c := range all[k].Cells {
			if t.squeezed(all[k], c) == "序号" {
				t.SerialCol = c
				return
			}
		}
	}
	if t.Columns < 3 || len(all) < 3 {
		return
	}
	serial, other, steps, pairs, last := 0, 0, 0, 0, -1
	for _, r := range all[1:] {
		sp := r.Cells[0]
		rs := t.text[sp.Start:sp.End]
		switch {
		case len(rs) == 0:
		case isSerialCell(rs):
			serial++
			if v := serialValue(rs); v >= 0 {
				if last >= 0 {
					pairs++
					if v == last+1 {
						steps++
					}
				}
				last = v
			}
		default:
			other++
		}
	}
	if serial >= 2 && 3*serial >= 2*(serial+other) && 2*steps >= pairs {
		t.SerialCol = 0
	}
}

// headerRows returns how many rows from the top are header rows: rows with
// no number (a year row is a header), no placeholder, no serial number in the
// serial column, and, below the first, not a lone label (a section row). A
// table with no data row has its first row as header.
func (t *Table) headerRows(all []TableRow, single []bool) int {
	h := 0
rows:
	for ; h < len(all); h++ {
		r := all[h]
		if h > 0 && (single[h] || t.loneLabel(r)) && !t.unitHeading(r) {
			break
		}
		for c := range r.Cells {
			if c == t.SerialCol {
				sp := r.Cells[c]
				if isSerialCell(t.text[sp.Start:sp.End]) {
					break rows
				}
				continue
			}
			// a bare 2020 is a year in the first row, or under a row of
			// words that span groups of columns (机构数 over 2016 2017 …)
			switch t.class(r, c, h == 0 || t.spansGroups(all[h-1])) {
			case cellNumber, cellPlaceholder:
				break rows
			}
		}
	}
	if h == len(all) || h > 4 {
		return min(1, len(all)-1)
	}
	return h
}

// spansGroups reports whether a header row leaves a value column blank right
// of a filled one: a word spanning a group of the columns below it.
func (t *Table) spansGroups(r TableRow) bool {
	filled := false
	for c, sp := range r.Cells {
		if c <= t.LabelCol || c == t.SerialCol || c == t.UnitCol {
			continue
		}
		if sp.Len() > 0 {
			filled = true
		} else if filled {
			return true
		}
	}
	return false
}

// unitHeading reports whether a row's only filled cell is 单位 or 计量单位:
// the head of the unit column, written on a header line of its own.
func (t *Table) unitHeading(r TableRow) bool {
	n, unit := 0, false
	for c := range r.Cells {
		if sq := t.squeezed(r, c); sq != "" {
			n++
			unit = sq == "单位" || sq == "计量单位"
		}
	}
	return n == 1 && unit
}

// loneLabel reports whether a row's only filled cells are in the first
// columns up to the first one after the serial column: a label and nothing else.
func (t *Table) loneLabel(r TableRow) bool {
	lim := 0
	if t.SerialCol == 0 {
		lim = 1
	}
	filled := 0
	for c, sp := range r.Cells {
		if sp.Len() == 0 {
			continue
		}
		filled++
		if c > lim {
			return false
		}
	}
	return filled > 0
}

// findLabelCol sets LabelCol: the first column, other than the serial and
// unit columns, whose body cells hold more text than numbers (placeholders
// such as — count as neither).
func (t *Table) findLabelCol() {
	for c := 0; c < t.Columns; c++ {
		if c == t.SerialCol || c == t.UnitCol {
			continue
		}
		text, num := 0, 0
		for _, r := range t.Rows {
			switch t.class(r, c, false) {
			case cellText, cellYear:
				text++
			case cellNumber:
				num++
			}
		}
		if text > 0 && text > num {
			t.LabelCol = c
			return
		}
	}
}

// realignShortHeaders moves one column right each header row below the
// first that has text over the label column yet stops a column short of
// the data, where the first header row does not (or spans the columns
// there). Such a row lost, when a
// page was flattened, the cell the label column's header (年份 over three
// rows) spanned into it, and its cells slid left: (个) under 年份 would give
// every column its left neighbour's unit.
func (t *Table) realignShortHeaders() {
	key := t.LabelCol
	if key < 0 && t.yearColumn(0) {
		key = 0 // a yearbook's column of years labels its rows too
	}
	if key < 0 || len(t.Header) < 2 {
		return
	}
	last := -1 // the last column a body row fills
	for _, r := range t.Rows {
		for c, sp := range r.Cells {
			if sp.End > sp.Start {
				last = max(last, c)
			}
		}
	}
	// the first row is whole: it fills the last column, or spans it with
	// a word over a group of columns (住院病人 over 人均住院 床位费 …)
	if last <= key || t.cellText(t.Header[0], key) == "" || t.cellText(t.Header[0], last) == "" && !t.spansGroups(t.Header[0]) {
		return
	}
	for h := 1; h < len(t.Header); h++ {
		r := t.Header[h]
		if t.cellText(r, key) == "" || t.cellText(r, last) != "" {
			continue
		}
		cells := slices.Clone(r.Cells)
		copy(cells[key+1:last+1], r.Cells[key:last])
		at := r.Cells[key].Start
		cells[key] = Span{at, at}
		t.Header[h].Cells = cells
	}
}

// spreadCollapsedGroups puts back over their groups the words of a header
// row that a flattened page packed into its first columns: 总诊疗人次数(万人次)
// and 出院人数(千人) side by side over 医院 乡镇卫生院 社区卫生 医院 乡镇卫生院
// 社区卫生. The row below must repeat one sequence of names once a word, so
// that the groups are known; each word then stands over the first column of
// its group, the others blank under it.
func (t *Table) spreadCollapsedGroups() {
	first := t.LabelCol + 1
	if t.LabelCol < 0 || first >= t.Columns {
		return
	}
	n := t.Columns - first
	for h := 0; h+1 < len(t.Header); h++ {
		r := t.Header[h]
		k := 0
		for c := first; c < t.Columns && t.cellText(r, c) != ""; c++ {
			k++
		}
		if k < 2 || k >= n || n%k != 0 {
			continue
		}
		blankAfter := true
		for c := first + k; c < t.Columns; c++ {
			blankAfter = blankAfter && t.cellText(r, c) == ""
		}
		below := t.Header[h+1]
		size := n / k
		repeats := blankAfter
		for c := first; c < t.Columns && repeats; c++ {
			name := t.squeezed(below, c)
			repeats = name != "" && name == t.squeezed(below, first+(c-first)%size)
		}
		if !repeats {
			continue
		}
		cells := make([]Span, len(r.Cells))
		copy(cells, r.Cells[:first])
		for i := range k {
			w := r.Cells[first+i]
			cells[first+i*size] = w
			for j := 1; j < size; j++ {
				cells[first+i*size+j] = Span{w.End, w.End}
			}
		}
		t.Header[h].Cells = cells
	}
}

// yearColumn reports whether every body row's cell in column c is a year.
func (t *Table) yearColumn(c int) bool {
	for _, r := range t.Rows {
		if c >= len(r.Cells) || t.class(r, c, true) != cellYear {
			return false
		}
	}
	return len(t.Rows) > 0
}

// isSection reports whether a body row is a section row: its only filled
// cells are its label (or, in a table without labels, its first cell) and
// its serial column, the label is no number, and the row is more than a bare
// serial number.
func (t *Table) isSection(r TableRow) bool {
	if t.Columns < 2 {
		return false
	}
	lab := max(t.LabelCol, 0)
	filled, serialOnly := 0, true
	for c, sp := range r.Cells {
		if sp.Len() == 0 {
			continue
		}
		if c != lab && c != t.SerialCol {
			return false
		}
		if c == lab {
			if t.class(r, c, false) == cellNumber {
				return false
			}
			serialOnly = false
		} else if !isSerialCell(t.text[sp.Start:sp.End]) {
			serialOnly = false // 一、参保情况 written in the serial column
		}
		filled++
	}
	return filled > 0 && !serialOnly
}

// headerUnitCell finds a unit clause in a header row. As its last filled
// cell (地区  执业医师  注册护士  单位：万人) the clause heads no column: it
// returns the number of cells before it and its unit. As its first cell (the
// corner cell 单位：万人 over the label column) the cell stays: it returns
// len(cells) and the unit. The unit is "" when there is none.
func (s *segmenter) headerUnitCell(cells []Span) (int, string) {
	if len(cells) > 1 && cells[0].Len() > 0 {
		rs := s.text[cells[0].Start:cells[0].End]
		if isCaptionHead(rs) && rs[0] != '表' {
			if u, _, ok := unitClause(rs); ok {
				return len(cells), u
			}
		}
	}
	for c := len(cells) - 1; c >= 1; c-- {
		sp := cells[c]
		if sp.Len() == 0 {
			continue
		}
		rs := s.text[sp.Start:sp.End]
		if isCaptionHead(rs) && rs[0] != '表' {
			if u, _, ok := unitClause(rs); ok {
				return c, u
			}
		}
		break
	}
	return 0, ""
}

// hasNumber reports whether some cell outside the first column holds a
// number: aligned text without one is prose laid out with spaces, not a table.
func (t *Table) hasNumber() bool {
	for _, r := range t.Rows {
		for c := 1; c < len(r.Cells); c++ {
			if t.class(r, c, false) == cellNumber {
				return true
			}
		}
	}
	return false
}
