package shell

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// modeNames lists the output modes .mode accepts, in the order .help shows them.
func modeNames() []string {
	return []string{"table", "box", "markdown", "csv", "tsv", "json", "jsonl", "line", "list"}
}

// defaultMaxWidth is the widest a cell may be, in terminal columns, in the
// table and box modes before it is cut with an ellipsis; .width changes it.
const defaultMaxWidth = 60

// minCellWidth is the narrowest .width accepts: room for a Chinese
// character and the ellipsis.
const minCellWidth = 3

// narrow returns a width measure that counts columns the way terminals outside
// CJK locales draw text: Chinese characters two columns wide,
// ambiguous-width characters such as the curly quotes “ ” one column.
func narrow() *runewidth.Condition {
	return &runewidth.Condition{EastAsianWidth: false}
}

// Result is the outcome of one query: column names as written in the SQL and
// the rows, each value nil (NULL), int64, float64, string or []byte (or
// time.Time, which the driver makes of columns declared DATE or DATETIME).
type Result struct {
	Columns []string
	Rows    [][]any
}

// Format says how to print a Result.
type Format struct {
	Mode     string // one of table, box, markdown, csv, tsv, json, jsonl, line, list
	Headers  bool   // print column names (table, box, markdown, csv, tsv, list)
	Null     string // how NULL is shown, except in json and jsonl where it is null
	MaxWidth int    // widest cell in table and box modes; 0 means no limit
}

// Write prints r to w in format f.
func (f Format) Write(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f.Mode {
	case "table", "box", "markdown":
		err = f.writeTable(bw, r)
	case "csv":
		err = f.writeCSV(bw, r, ',', false)
	case "tsv":
		err = f.writeCSV(bw, r, '\t', false)
	case "json":
		err = f.writeJSON(bw, r, false)
	case "jsonl":
		err = f.writeJSON(bw, r, true)
	case "line":
		err = f.writeLine(bw, r)
	case "list":
		err = f.writeList(bw, r)
	default:
		err = fmt.Errorf(errUnknownMode, f.Mode, strings.Join(modeNames(), ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// text returns v as the shell shows it; NULL becomes null.
func text(v any, null string) string {
	switch v := v.(type) {
	case nil:
		return null
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return formatFloat(v)
	case string:
		return v
	case []byte:
		if utf8.Valid(v) {
			return string(v)
		}
		return "X'" + strings.ToUpper(hex.EncodeToString(v)) + "'"
	case bool:
		if v {
			return "1"
		}
		return "0"
	case time.Time:
		// The driver parses columns declared DATE, DATETIME or TIMESTAMP.
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format("2006-01-02 15:04:05.999999999Z07:00")
	default:
		return fmt.Sprint(v)
	}
}

// formatFloat prints a REAL the way sqlite3 does: plain digits, with ".0" when
// the value is whole, and an exponent only for very large or small values.
func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	a := math.Abs(f)
	if a != 0 && (a >= 1e15 || a < 1e-6) {
		return strconv.FormatFloat(f, 'g', 15, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// numericColumns reports for each column whether every non-NULL value in it
// is a number, so it is right-aligned.
func numericColumns(r *Result) []bool {
	num := make([]bool, len(r.Columns))
	seen := make([]bool, len(r.Columns))
	for i := range num {
		num[i] = true
	}
	for _, row := range r.Rows {
		for i, v := range row {
			switch v.(type) {
			case nil:
			case int64, float64:
				seen[i] = true
			default:
				num[i] = false
			}
		}
	}
	for i := range num {
		num[i] = num[i] && seen[i]
	}
	return num
}

// oneLine replaces line breaks and tabs with spaces, for cells in a grid.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
}

// cut shortens s to at most max terminal columns, ending it with an ellipsis.
func cut(s string, max int) string {
	if max <= 0 || narrow().StringWidth(s) <= max {
		return s
	}
	return narrow().Truncate(s, max, "…")
}

// grid holds the characters that draw a table or box grid: the joints of the
// top, middle (under the header) and bottom rules, from left to right, and
// the line and the column separator of the rows.
type grid struct {
	top, mid, bottom [3]string // left, between columns, right
	rule, bar        string
}

// gridFor returns the grid of the table mode (ASCII) or the box mode
// (Unicode box drawing).
func gridFor(mode string) grid {
	if mode == "box" {
		return grid{
			top: [3]string{"┌", "┬", "┐"}, mid: [3]string{"├", "┼", "┤"}, bottom: [3]string{"└", "┴", "┘"},
			rule: "─", bar: "│",
		}
	}
	return grid{
		top: [3]string{"+", "+", "+"}, mid: [3]string{"+", "+", "+"}, bottom: [3]string{"+", "+", "+"},
		rule: "-", bar: "|",
	}
}

// writeTable draws r as an ASCII (table) or Unicode (box) grid, or as a
// GitHub Markdown table. Widths are measured as terminals outside CJK
// locales draw text (see narrow); numeric columns are right-aligned; in the
// grids a cell wider than MaxWidth is cut with an ellipsis.
func (f Format) writeTable(w io.Writer, r *Result) error {
	if len(r.Rows) == 0 {
		return nil // as sqlite3: no grid for an empty result
	}
	wm := narrow()
	num := numericColumns(r)
	markdown := f.Mode == "markdown"
	cell := func(s string) string {
		s = oneLine(s)
		if markdown {
			return strings.ReplaceAll(s, "|", `\|`)
		}
		return cut(s, f.MaxWidth)
	}
	var header []string
	if f.Headers {
		header = make([]string, len(r.Columns))
		for i, c := range r.Columns {
			header[i] = cell(c)
		}
	}
	cells := make([][]string, len(r.Rows))
	for n, row := range r.Rows {
		cells[n] = make([]string, len(row))
		for i, v := range row {
			cells[n][i] = cell(text(v, f.Null))
		}
	}
	width := make([]int, len(r.Columns))
	for i := range width {
		if header != nil {
			width[i] = wm.StringWidth(header[i])
		}
		for _, row := range cells {
			width[i] = max(width[i], wm.StringWidth(row[i]))
		}
	}

	g := gridFor(f.Mode)
	var b strings.Builder
	ruleLine := func(j [3]string) {
		b.WriteString(j[0])
		for i, wd := range width {
			if i > 0 {
				b.WriteString(j[1])
			}
			b.WriteString(strings.Repeat(g.rule, wd+2))
		}
		b.WriteString(j[2])
		b.WriteByte('\n')
	}
	rowLine := func(row []string) {
		for i, c := range row {
			b.WriteString(g.bar)
			b.WriteByte(' ')
			pad := strings.Repeat(" ", width[i]-wm.StringWidth(c))
			if num[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
			b.WriteByte(' ')
		}
		b.WriteString(g.bar)
		b.WriteByte('\n')
	}
	if !markdown {
		ruleLine(g.top)
	}
	if header != nil {
		rowLine(header)
		if markdown {
			// The alignment row: ---: right, :--- left.
			for i, wd := range width {
				b.WriteByte('|')
				if num[i] {
					b.WriteString(strings.Repeat("-", wd+1) + ":")
				} else {
					b.WriteString(":" + strings.Repeat("-", wd+1))
				}
			}
			b.WriteString("|\n")
		} else {
			ruleLine(g.mid)
		}
	}
	for n, row := range cells {
		rowLine(row)
		if n%256 == 255 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	if !markdown {
		ruleLine(g.bottom)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCSV writes RFC 4180 records separated by comma: a field is quoted
// when it holds the separator, a quote or a line break, and quotes inside it
// are doubled. Records end in CRLF when crlf is set, else LF; line breaks
// inside fields are written as they are (encoding/csv's UseCRLF would turn
// them into CRLF, changing the data).
func (f Format) writeCSV(w io.Writer, r *Result, comma rune, crlf bool) error {
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	sep := string(comma)
	var b strings.Builder
	record := func(fields []string) error {
		b.Reset()
		for i, fld := range fields {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(fld, sep+"\"\r\n") {
				b.WriteByte('"')
				b.WriteString(strings.ReplaceAll(fld, `"`, `""`))
				b.WriteByte('"')
			} else {
				b.WriteString(fld)
			}
		}
		b.WriteString(eol)
		_, err := io.WriteString(w, b.String())
		return err
	}
	if f.Headers {
		if err := record(r.Columns); err != nil {
			return err
		}
	}
	rec := make([]string, len(r.Columns))
	for _, row := range r.Rows {
		for i, v := range row {
			rec[i] = text(v, f.Null)
		}
		if err := record(rec); err != nil {
			return err
		}
	}
	return nil
}

// jsonValue returns v's JSON encoding: numbers as numbers, NULL as null.
func jsonValue(v any) []byte {
	switch v := v.(type) {
	case nil:
		return []byte("null")
	case int64:
		return strconv.AppendInt(nil, v, 10)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return []byte("null")
		}
		return []byte(formatFloat(v))
	case bool:
		return strconv.AppendBool(nil, v)
	}
	return jsonString(text(v, ""))
}

func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return bytes.TrimRight(b.Bytes(), "\n")
}

// writeJSON writes an array of objects, one per line as sqlite3's json mode
// does, or with lines set, one object per line and no array (JSON Lines).
func (f Format) writeJSON(w io.Writer, r *Result, lines bool) error {
	keys := make([][]byte, len(r.Columns))
	for i, c := range r.Columns {
		keys[i] = jsonString(c)
	}
	var b bytes.Buffer
	for n, row := range r.Rows {
		b.Reset()
		switch {
		case lines:
		case n == 0:
			b.WriteByte('[')
		default:
			b.WriteString(",\n")
		}
		b.WriteByte('{')
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(keys[i])
			b.WriteByte(':')
			b.Write(jsonValue(v))
		}
		b.WriteByte('}')
		if lines {
			b.WriteByte('\n')
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	if !lines && len(r.Rows) > 0 {
		_, err := io.WriteString(w, "]\n")
		return err
	}
	return nil
}

// writeLine writes one "column = value" line per value, names right-aligned,
// records separated by a blank line, like sqlite3's line mode.
func (f Format) writeLine(w io.Writer, r *Result) error {
	width := 0
	for _, c := range r.Columns {
		width = max(width, narrow().StringWidth(c))
	}
	for n, row := range r.Rows {
		if n > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		for i, v := range row {
			c := r.Columns[i]
			pad := strings.Repeat(" ", width-narrow().StringWidth(c))
			if _, err := fmt.Fprintf(w, "%s%s = %s\n", pad, c, text(v, f.Null)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeList writes values separated by "|", like sqlite3's default list mode.
func (f Format) writeList(w io.Writer, r *Result) error {
	if f.Headers {
		if _, err := fmt.Fprintln(w, strings.Join(r.Columns, "|")); err != nil {
			return err
		}
	}
	rec := make([]string, len(r.Columns))
	for _, row := range r.Rows {
		for i, v := range row {
			rec[i] = text(v, f.Null)
		}
		if _, err := fmt.Fprintln(w, strings.Join(rec, "|")); err != nil {
			return err
		}
	}
	return nil
}
