package loader

import (
	"strings"
)

// tableState follows a run of tab-separated lines: the first is the header,
// naming the columns (序号, 主要指标, 2020年, 2025年, 指标属性); each later
// line is a row whose cells are figures, their unit given by the cell, else
// by the row label's "(亿元)", else by the column header's.
type tableState struct {
	header []string
}

// isTableRow reports whether a line is a row of a tab-separated table.
func isTableRow(line []rune) bool {
	for _, r := range line {
		if r == '\t' {
			return true
		}
	}
	return false
}

// cells splits a line at tabs into trimmed cell spans (empty cells kept).
func cells(text []rune, ln Span) []Span {
	var out []Span
	start := ln.Start
	for i := ln.Start; i <= ln.End; i++ {
		if i == ln.End || text[i] == '\t' {
			out = append(out, trimSpan(text, Span{start, i}))
			start = i + 1
		}
	}
	return out
}

// row returns the figures of one table line, or none for the header.
func (t *tableState) row(sc *scanner, ln Span) []Figure {
	cs := cells(sc.text, ln)
	if t.header == nil {
		for _, c := range cs {
			t.header = append(t.header, string(sc.text[c.Start:c.End]))
		}
		return nil
	}
	label := ""
	labelCol := -1
	for i, c := range cs {
		h := t.headerAt(i)
		if h == "序号" || yearOf(h) != "" {
			continue
		}
		if c.Len() > 0 && !isNumericCell(sc.text[c.Start:c.End]) {
			label, labelCol = string(sc.text[c.Start:c.End]), i
			break
		}
	}
	var out []Figure
	for i, c := range cs {
		if c.Len() == 0 || i == labelCol || t.headerAt(i) == "序号" || i == 0 && isSerial(sc.text[c.Start:c.End]) {
			continue
		}
		var found []Figure
		if f, ok := sc.bareCell(c, unitOf(label), unitOf(t.headerAt(i))); ok {
			found = []Figure{f}
		} else {
			found = sc.scanRange(c.Start, c.End)
		}
		for _, f := range found {
			f.Label, f.Column = label, t.headerAt(i)
			out = append(out, f)
		}
	}
	return out
}

func (t *tableState) headerAt(i int) string {
	if i < len(t.header) {
		return t.header[i]
	}
	return ""
}

// laterYear reports whether a column after col is headed by a later year.
func (t *tableState) laterYear(col string) bool {
	y := yearOf(col)
	for _, h := range t.header {
		if hy := yearOf(h); hy != "" && hy > y {
			return true
		}
	}
	return false
}

// isSerial reports whether a cell is a small serial number (the 序号 column).
func isSerial(cell []rune) bool {
	if len(cell) == 0 || len(cell) > 3 {
		return false
	}
	for _, r := range cell {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// isNumericCell reports whether a cell holds a figure and nothing else.
func isNumericCell(cell []rune) bool {
	s := strings.TrimSpace(string(cell))
	s = strings.TrimLeft(s, "<>＜＞≤≥约")
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "左右"), "以上"), "以下")
	s = strings.TrimRight(s, "%％‰")
	if s == "" || s == "——" || s == "—" || s == "-" {
		return s != ""
	}
	for _, r := range s {
		if !isDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// cellUnit is a unit from a header: its magnitude and stored unit.
type cellUnit struct {
	exp  int
	unit string
}

// unitOf returns the unit in the last parenthesis of a header, such as
// 基金收入(亿元) → 10^8 元, or nil.
func unitOf(h string) *cellUnit {
	rs := []rune(h)
	end := -1
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == ')' || rs[i] == '）' {
			end = i
			break
		}
	}
	if end < 0 {
		return nil
	}
	start := end - 1
	for start >= 0 && rs[start] != '(' && rs[start] != '（' {
		start--
	}
	if start < 0 {
		return nil
	}
	inner := rs[start+1 : end]
	exp := 0
	for _, m := range magnitudes {
		mr := []rune(m.word)
		if len(inner) > len(mr) && string(inner[:len(mr)]) == m.word {
			exp, inner = m.exp, inner[len(mr):]
			break
		}
	}
	for _, u := range units {
		if u.raw == string(inner) {
			return &cellUnit{exp: exp, unit: u.unit}
		}
	}
	return nil
}

// bareCell reads a cell that is only a number, with an optional comparison
// sign before and 左右/以上/以下 after, taking its unit from the cell itself,
// else the row label's unit, else the column header's.
func (sc *scanner) bareCell(c Span, labelUnit, colUnit *cellUnit) (Figure, bool) {
	i := c.Start
	q := ""
	switch sc.at(i) {
	case '>', '＞':
		q, i = GT, i+1
	case '<', '＜':
		q, i = LT, i+1
	case '≥':
		q, i = GTE, i+1
	case '≤':
		q, i = LTE, i+1
	}
	for i < c.End && isSpace(sc.text[i]) {
		i++
	}
	if !isDigit(sc.at(i)) {
		return Figure{}, false
	}
	j := sc.digits(i, c.End)
	t := sc.readTail(j, c.End, true)
	if t.end != c.End {
		return Figure{}, false
	}
	exp, unit := t.exp, t.unit
	if unit == "" {
		u := labelUnit
		if u == nil {
			u = colUnit
		}
		if u == nil {
			return Figure{}, false
		}
		exp, unit = exp+u.exp, u.unit
	}
	v, err := ParseDecimal(string(sc.text[i:j]), exp)
	if err != nil {
		return Figure{}, false
	}
	if q == "" {
		q = t.qualifier
	}
	if q == "" {
		q = Exact
	}
	return sc.figure(c.Start, c.End, v, v, unit, q), true
}
