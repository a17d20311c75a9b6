package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// .chart draws the last result: horizontal bars for labels and numbers, or
// columns over time when the first column holds periods (2020, 2025-11-14,
// 2022/2025). The terminal chart and the SVG file come from the same chart
// value, so they show the same bars.
//
// The charts are drawn here rather than with a library: asciigraph draws line
// plots only, without bars or labels; go-chart lays text out with the metrics
// of its embedded Latin font, so Chinese labels overlap, and pulls in a font
// rasteriser whose package initialisation every start of mediq would pay.

// chart is a result reduced to what a chart shows.
type chart struct {
	title   string   // "value by period"
	series  []string // names of the value columns, one bar per row each
	labels  []string // one per row: the label column (and the role, for periods)
	periods bool     // the labels are periods: draw columns
	values  [][]float64
	shown   [][]string // each value as printed at its bar's end, with its unit
	scaled  bool       // units differ between rows of several series: bars scaled per row
}

// isPeriodColumn reports whether every non-NULL value of column i matches
// re, a periodPattern, and at least one does.
func isPeriodColumn(re *regexp.Regexp, r *Result, i int) bool {
	seen := false
	for _, row := range r.Rows {
		if row[i] == nil {
			continue
		}
		if !re.MatchString(text(row[i], "")) {
			return false
		}
		seen = true
	}
	return seen
}

// periodPattern matches a year, month or day, or a span of two of them.
func periodPattern() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$`)
}

// numberPattern matches a decimal number written with ASCII digits.
func numberPattern() *regexp.Regexp { return regexp.MustCompile(`\d+(\.\d+)?`) }

// leadingNumber finds the first decimal number in s with re, a
// numberPattern ("超过500个" → 500, "70%左右" → 70).
func leadingNumber(re *regexp.Regexp, s string) (float64, bool) {
	m := re.FindString(strings.ReplaceAll(s, ",", ""))
	if m == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(m, 64)
	return f, err == nil
}

// isIDColumn reports whether a column name says it holds identifiers, which
// are numbers but not quantities.
func isIDColumn(name string) bool {
	n := strings.ToLower(name)
	return n == "id" || n == "rowid" || strings.HasSuffix(n, "_id") || n == "seq"
}

// newChart picks the label, value and unit columns of r:
//   - the label is the first column, with the role column beside it when
//     the first column holds periods;
//   - the values are the column named value when there is one, else every
//     numeric column that is not an id, else the text columns whose cells all
//     hold a number (such as raw figures: 超过500个);
//   - the unit, printed after each value, is the column named unit.
func newChart(r *Result) (*chart, error) {
	if r == nil || len(r.Columns) == 0 {
		return nil, errors.New(errChartNothing)
	}
	if len(r.Rows) == 0 {
		return nil, errors.New(errChartEmpty)
	}
	if len(r.Columns) < 2 {
		return nil, errors.New(errChartColumns)
	}
	col := func(name string) int {
		for i, c := range r.Columns {
			if strings.EqualFold(c, name) {
				return i
			}
		}
		return -1
	}
	num := numericColumns(r)
	numRE, periodRE := numberPattern(), periodPattern()
	var vals []int
	textValues := false
	if i := col("value"); i > 0 && num[i] {
		vals = []int{i}
	} else {
		for i := 1; i < len(r.Columns); i++ {
			if num[i] && !isIDColumn(r.Columns[i]) {
				vals = append(vals, i)
			}
		}
	}
	if len(vals) == 0 {
		for i := 1; i < len(r.Columns); i++ {
			if num[i] || isIDColumn(r.Columns[i]) || isPeriodColumn(periodRE, r, i) {
				continue
			}
			all, any := true, false
			for _, row := range r.Rows {
				if row[i] == nil || text(row[i], "") == "" {
					continue
				}
				if _, ok := leadingNumber(numRE, text(row[i], "")); !ok {
					all = false
					break
				}
				any = true
			}
			if all && any {
				vals = append(vals, i)
			}
		}
		textValues = true
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf(errChartNoNumbers, strings.Join(r.Columns, ", "))
	}
	const maxSeries = 4
	vals = vals[:min(len(vals), maxSeries)]
	unit := col("unit")
	c := &chart{periods: isPeriodColumn(periodRE, r, 0)}
	role := -1
	if c.periods {
		role = col("role")
	}
	for _, v := range vals {
		c.series = append(c.series, r.Columns[v])
	}
	c.title = strings.Join(c.series, ", ") + " by " + r.Columns[0]
	units := map[string]bool{}
	for _, row := range r.Rows {
		label := text(row[0], "NULL")
		if role >= 0 && row[role] != nil {
			label += " " + text(row[role], "")
		}
		c.labels = append(c.labels, oneLine(label))
		u := ""
		if unit >= 0 {
			u = text(row[unit], "")
			units[u] = true
		}
		vs := make([]float64, len(vals))
		shown := make([]string, len(vals))
		for k, i := range vals {
			switch {
			case row[i] == nil:
				shown[k] = ""
			case textValues:
				s := oneLine(text(row[i], ""))
				vs[k], _ = leadingNumber(numRE, s)
				shown[k] = s
			default:
				vs[k] = toFloat(row[i])
				shown[k] = formatValue(row[i]) + u
			}
			if math.IsNaN(vs[k]) || math.IsInf(vs[k], 0) {
				vs[k] = 0
			}
		}
		c.values = append(c.values, vs)
		c.shown = append(c.shown, shown)
	}
	// Several series in different units (or units written into the text)
	// cannot share one scale.
	c.scaled = len(vals) > 1 && (textValues || len(units) > 1)
	return c, nil
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// formatValue prints a number for a bar's end: integers as they are, REALs
// without a trailing ".0".
func formatValue(v any) string {
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return text(v, "")
}

// scale returns the value a full-length bar stands for in row n: the largest
// value of the chart, or of the row when bars are scaled per row.
func (c *chart) scale(n int) float64 {
	m := 0.0
	for i, vs := range c.values {
		if c.scaled && i != n {
			continue
		}
		for _, v := range vs {
			m = max(m, v)
		}
	}
	return m
}

// fills are the characters of each series' bars in the terminal.
func fills() []string { return []string{"█", "▓", "▒", "░"} }

// eighths draws a fraction of a character cell left to right.
func eighths() []string { return []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"} }

// writeText draws the chart for a terminal width columns wide.
func (c *chart) writeText(w io.Writer, width int) error {
	width = max(width, 40)
	var b strings.Builder
	b.WriteString(c.title)
	if c.scaled {
		b.WriteString(" (units differ: bars scaled per row)")
	}
	b.WriteByte('\n')
	if len(c.series) > 1 {
		for k, s := range c.series {
			if k > 0 {
				b.WriteString("  ")
			}
			b.WriteString(fills()[k] + " " + s)
		}
		b.WriteByte('\n')
	}
	if !c.periods || !c.writeColumns(&b, width) {
		c.writeBars(&b, width)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeBars draws one horizontal bar per row and series, the label on the
// left, the value with its unit at the bar's end.
func (c *chart) writeBars(b *strings.Builder, width int) {
	wm := narrow()
	labelW := 0
	for _, l := range c.labels {
		labelW = max(labelW, wm.StringWidth(l))
	}
	labelW = min(labelW, width/2)
	shownW := 0
	for _, row := range c.shown {
		for _, s := range row {
			shownW = max(shownW, wm.StringWidth(s))
		}
	}
	barW := max(width-labelW-shownW-3, 4)
	for n, label := range c.labels {
		full := c.scale(n)
		for k, v := range c.values[n] {
			if k > 0 && c.shown[n][k] == "" {
				continue // NULL: no bar
			}
			l := ""
			if k == 0 {
				l = cut(label, labelW)
			}
			b.WriteString(l + strings.Repeat(" ", labelW-wm.StringWidth(l)) + " ")
			cells := 0.0
			if full > 0 && v > 0 {
				cells = v / full * float64(barW)
			}
			whole := int(cells)
			part := int((cells - float64(whole)) * 8)
			bar := strings.Repeat(fills()[k], whole)
			if k == 0 {
				bar += eighths()[part]
			}
			if bar == "" && v > 0 {
				bar = eighths()[1]
			}
			b.WriteString(strings.TrimRight(bar+" "+c.shown[n][k], " "))
			b.WriteByte('\n')
		}
	}
}

// columnHeight is how many lines tall the columns of a period chart are.
const columnHeight = 10

// writeColumns draws one column per row over the periods, the value and
// unit above each column and the period (and role) below it. It reports
// false, drawing nothing, when the columns do not fit in width.
func (c *chart) writeColumns(b *strings.Builder, width int) bool {
	if len(c.series) != 1 {
		return false
	}
	wm := narrow()
	// A slot per row: wide enough for its labels and value, one blank apart.
	slot := 3
	lines := make([][]string, len(c.labels)) // label lines under each column
	for n, l := range c.labels {
		lines[n] = strings.SplitN(l, " ", 2)
		for _, s := range lines[n] {
			slot = max(slot, wm.StringWidth(s)+1)
		}
		slot = max(slot, wm.StringWidth(c.shown[n][0])+1)
	}
	if slot*len(c.labels) > width {
		return false
	}
	full := c.scale(0)
	barW := min(slot-1, 4)
	center := func(s string) string {
		pad := slot - 1 - wm.StringWidth(s)
		return strings.Repeat(" ", pad/2) + s + strings.Repeat(" ", pad-pad/2) + " "
	}
	heights := make([]int, len(c.labels)) // in eighths of a line
	for n := range c.labels {
		if v := c.values[n][0]; full > 0 && v > 0 {
			heights[n] = max(1, int(math.Round(v/full*columnHeight*8)))
		}
	}
	levels := []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}
	for line := columnHeight; line >= 0; line-- {
		var row strings.Builder
		for n := range c.labels {
			top := (heights[n] + 7) / 8 // lines the column reaches
			switch {
			case line == top:
				row.WriteString(center(c.shown[n][0]))
			case line < top:
				fill := min(8, heights[n]-line*8)
				row.WriteString(center(strings.Repeat(levels[fill], barW)))
			default:
				row.WriteString(strings.Repeat(" ", slot))
			}
		}
		if s := strings.TrimRight(row.String(), " "); s != "" || line < columnHeight {
			b.WriteString(s + "\n")
		}
	}
	b.WriteString(strings.Repeat("─", slot*len(c.labels)-1) + "\n")
	for k := range 2 {
		var row strings.Builder
		for n := range c.labels {
			s := ""
			if k < len(lines[n]) {
				s = lines[n][k]
			}
			row.WriteString(center(s))
		}
		if s := strings.TrimRight(row.String(), " "); s != "" {
			b.WriteString(s + "\n")
		}
	}
	return true
}

// SVG layout, in pixels. Text is measured in terminal columns (a Chinese
// character two) times colPx, which holds for common CJK and Latin fonts at
// fontPx.
const (
	fontPx  = 13
	colPx   = 7.5
	barPx   = 18
	gapPx   = 6
	marginX = 12
	svgW    = 760
)

// svgColors are the fills of the series.
func svgColors() []string { return []string{"#3b6ea5", "#e0893a", "#5a9e5a", "#9b6bb3"} }

// writeSVG writes the chart as a standalone SVG document: bars (class "bar",
// one per row and series) with the value and unit at their ends.
func (c *chart) writeSVG(w io.Writer) error {
	wm := narrow()
	esc := xmlEscaper()
	var body strings.Builder
	y := 34.0
	if len(c.series) > 1 {
		x := float64(marginX)
		for k, s := range c.series {
			fmt.Fprintf(&body, `<rect x="%.0f" y="%.0f" width="12" height="12" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`+"\n",
				x, y-10, svgColors()[k], x+16, y, esc(s))
			x += 16 + float64(wm.StringWidth(s))*colPx + 20
		}
		y += 16
	}
	if c.periods && len(c.series) == 1 {
		y = c.svgColumns(&body, y, esc)
	} else {
		y = c.svgBars(&body, y, esc)
	}
	title := c.title
	if c.scaled {
		title += " (units differ: bars scaled per row)"
	}
	_, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%.0f" viewBox="0 0 %d %.0f" font-family="'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" font-size="%d">
<title>%s</title>
<rect width="100%%" height="100%%" fill="white"/>
<text x="%d" y="20" font-weight="bold">%s</text>
%s</svg>
`, svgW, y+marginX, svgW, y+marginX, fontPx, esc(title), marginX, esc(title), body.String())
	return err
}

// xmlEscaper returns a function that makes text safe inside an XML element
// or a quoted attribute: the five special characters as entities, and
// characters XML does not allow (controls other than tab and line breaks) as
// U+FFFD. (encoding/xml would do it too, at the price of building its
// entity tables at every start of mediq.)
func xmlEscaper() func(string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")
	return func(s string) string {
		s = strings.Map(func(c rune) rune {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF {
				return '\uFFFD'
			}
			return c
		}, s)
		return r.Replace(s)
	}
}

// svgBars draws horizontal bars from y down and returns the y below them.
func (c *chart) svgBars(body *strings.Builder, y float64, esc func(string) string) float64 {
	wm := narrow()
	labelCols, shownCols := 0, 0
	for n, l := range c.labels {
		labelCols = max(labelCols, wm.StringWidth(l))
		for _, s := range c.shown[n] {
			shownCols = max(shownCols, wm.StringWidth(s))
		}
	}
	labelCols = min(labelCols, 40)
	x0 := marginX + float64(labelCols)*colPx + 8
	maxBar := max(svgW-x0-float64(shownCols)*colPx-marginX-6, 80)
	y += 6
	for n, label := range c.labels {
		full := c.scale(n)
		fmt.Fprintf(body, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n",
			x0-8, y+barPx*0.7, esc(cut(label, labelCols)))
		for k, v := range c.values[n] {
			if k > 0 && c.shown[n][k] == "" {
				continue // NULL: no bar
			}
			bw := 0.0
			if full > 0 && v > 0 {
				bw = max(v/full*maxBar, 1)
			}
			fmt.Fprintf(body, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>`+"\n",
				x0, y, bw, barPx, svgColors()[k], esc(label), esc(c.shown[n][k]))
			fmt.Fprintf(body, `<text x="%.1f" y="%.1f">%s</text>`+"\n", x0+bw+5, y+barPx*0.7, esc(c.shown[n][k]))
			y += barPx + 2
		}
		y += gapPx
	}
	return y
}

// svgColumns draws one column per row over the periods from y down and
// returns the y below the labels.
func (c *chart) svgColumns(body *strings.Builder, y float64, esc func(string) string) float64 {
	const plotH = 220.0
	n := len(c.labels)
	slot := (svgW - 2*marginX) / float64(n)
	colW := min(slot*0.6, 48)
	base := y + 18 + plotH
	full := c.scale(0)
	fmt.Fprintf(body, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#444"/>`+"\n", marginX, base, svgW-marginX, base)
	for i, label := range c.labels {
		v := c.values[i][0]
		h := 0.0
		if full > 0 && v > 0 {
			h = max(v/full*plotH, 1)
		}
		cx := marginX + slot*(float64(i)+0.5)
		fmt.Fprintf(body, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`+"\n",
			cx-colW/2, base-h, colW, h, svgColors()[0], esc(label), esc(c.shown[i][0]))
		fmt.Fprintf(body, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", cx, base-h-5, esc(c.shown[i][0]))
		for k, part := range strings.SplitN(label, " ", 2) {
			fmt.Fprintf(body, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", cx, base+16+float64(k)*15, esc(part))
		}
	}
	return base + 36
}

// cmdChart is .chart [--svg FILE [--force]] [SQL | PRESET [ARG...]]: it
// charts the last result, or runs the query or preset given (without
// printing its rows) and charts that.
func (s *Shell) cmdChart(ctx context.Context, c *cmdLine) error {
	svg, force := "", false
	i := 0
opts:
	for ; i < len(c.args); i++ {
		switch a := c.args[i]; {
		case a == "--svg" && i+1 < len(c.args):
			i++
			svg = c.args[i]
		case a == "--force":
			force = true
		case strings.HasPrefix(a, "--"):
			return usageError("chart")
		default:
			break opts
		}
	}
	if force && svg == "" {
		return usageError("chart")
	}
	if svg != "" && s.Safe {
		return fmt.Errorf(errSafeFiles, ".chart --svg")
	}
	r := s.last
	if i < len(c.args) {
		q, args, bound, err := s.queryOrPreset(ctx, c, i)
		if err != nil {
			return err
		}
		if r, err = s.query(ctx, q, args...); err != nil {
			return err
		}
		if len(r.Rows) == 0 && bound != nil {
			if err := s.unknownArgument(ctx, c.args[i], bound); err != nil {
				return err
			}
		}
		s.last = r
	}
	ch, err := newChart(r)
	if err != nil {
		return err
	}
	if svg != "" {
		if err := writeAtomic(svg, 0o644, !force, ch.writeSVG); err != nil {
			return fmt.Errorf(".chart: %w", err)
		}
		fmt.Fprintf(s.Err, msgChartWritten, svg)
		return nil
	}
	w, _ := s.resultWriter()
	defer s.closeOnce()
	return ch.writeText(w, s.columns())
}

// columns returns the terminal's width, or 80 when it is unknown.
func (s *Shell) columns() int {
	if s.TermSize != nil {
		if _, cols, ok := s.TermSize(); ok && cols > 0 {
			return cols
		}
	}
	return 80
}
