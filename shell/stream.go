package shell

// Streaming output: a statement's rows are printed as SQLite returns them,
// so the shell's memory does not grow with the result. A result of at most
// streamWindow rows is printed whole instead (see streamSQL). The list-like modes
// print each row at once; the grid modes (table, box, markdown), which need
// column widths, hold the first streamWindow rows, draw them, and then draw
// each later row in the same grid, cut or padded to the widths the window
// gave. A result that fits in the window prints exactly as Format.Write
// prints it.

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"time"
)

// streamWindow and streamWindowBytes bound the rows a grid mode holds to
// measure its columns: whichever is reached first.
const (
	streamWindow      = 1000
	streamWindowBytes = 4 << 20
)

// pageLimit is the most output held for the pager; a longer result is
// printed straight to the terminal instead.
const pageLimit = 8 << 20

// streamSQL runs one statement, binding args, and prints its rows as they
// come, in the current format, to the current output.
func (s *Shell) streamSQL(ctx context.Context, stmt string, args ...any) error {
	conn, err := s.connection(ctx)
	if err != nil {
		return err
	}
	qctx, done := s.statementContext(ctx)
	defer done()
	start := time.Now()
	defer func() { s.elapsed = time.Since(start) }()
	fail := func(err error) error {
		if qctx.Err() != nil && ctx.Err() == nil {
			return errCancelled
		}
		return sqlError(stmt, err)
	}
	rows, err := conn.QueryContext(qctx, stmt, args...)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fail(err)
	}
	if len(cols) == 0 {
		for rows.Next() {
		}
		s.closeOnce()
		if err := rows.Err(); err != nil {
			return fail(err)
		}
		return nil
	}
	// A result that fits in the window is printed whole, as print prints
	// it (paged, wide results in line mode, kept for .chart); a longer one
	// is streamed, so that memory stays bounded whatever it holds.
	var held [][]any
	size := 0
	for len(held) < streamWindow && size < streamWindowBytes && rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fail(err)
		}
		for _, v := range vals {
			switch x := v.(type) {
			case string:
				size += len(x)
			case []byte:
				size += len(x)
			default:
				size += 8
			}
		}
		held = append(held, vals)
	}
	if len(held) < streamWindow && size < streamWindowBytes {
		if err := rows.Err(); err != nil {
			return fail(err)
		}
		return s.print(&Result{Columns: cols, Rows: held})
	}
	s.last = nil // too long to keep for .chart
	w, toConsole := s.resultWriter()
	defer s.closeOnce()
	var pb *pagerBuffer
	out := w
	if toConsole && s.Pager != nil {
		pb = &pagerBuffer{w: w}
		out = pb
	}
	bw := bufio.NewWriter(out)
	st := s.Format.stream(bw, cols)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var werr error
	for _, vals := range held {
		if werr == nil {
			werr = st.row(vals)
		}
	}
	held = nil
	for werr == nil && rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fail(err)
		}
		werr = st.row(vals)
	}
	rerr := rows.Err()
	if werr == nil {
		werr = st.end()
	}
	if werr == nil {
		werr = bw.Flush()
	}
	if werr == nil && pb != nil {
		werr = pb.finish(s.Pager)
	}
	if rerr != nil {
		return fail(rerr)
	}
	return werr
}

// pagerBuffer holds output for the pager until it is longer than
// pageLimit, then passes it and all that follows straight to w.
type pagerBuffer struct {
	w        io.Writer
	buf      bytes.Buffer
	streamed bool
}

func (p *pagerBuffer) Write(b []byte) (int, error) {
	if p.streamed {
		return p.w.Write(b)
	}
	p.buf.Write(b)
	if p.buf.Len() > pageLimit {
		p.streamed = true
		_, err := p.w.Write(p.buf.Bytes())
		p.buf = bytes.Buffer{}
		return len(b), err
	}
	return len(b), nil
}

// finish shows what was held through the pager, or prints it when the
// pager cannot show it.
func (p *pagerBuffer) finish(pager func([]byte) bool) error {
	if p.streamed || p.buf.Len() == 0 {
		return nil
	}
	if pager(p.buf.Bytes()) {
		return nil
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

// rowStream prints the rows of one result as they come.
type rowStream struct {
	f    Format
	w    io.Writer
	cols []string
	n    int // rows printed or held

	// grid modes
	window [][]any
	held   int      // bytes of text in window
	widths []int    // column widths, once the window is drawn
	num    []bool   // right-aligned columns
	bottom string   // the grid's last line, printed at the end
	drawn  bool     // the window has been drawn
	cells  []string // reused for each later row
}

// stream returns a rowStream writing result rows with columns cols to w.
func (f Format) stream(w io.Writer, cols []string) *rowStream {
	return &rowStream{f: f, w: w, cols: cols}
}

func (f Format) grid() bool {
	return f.Mode == "table" || f.Mode == "box" || f.Mode == "markdown"
}

// row prints (or, in a grid mode, may hold) one row. vals is reused by the
// caller.
func (r *rowStream) row(vals []any) error {
	defer func() { r.n++ }()
	one := &Result{Columns: r.cols, Rows: [][]any{vals}}
	noHeaders := r.f
	noHeaders.Headers = false
	header := &Result{Columns: r.cols}
	switch r.f.Mode {
	case "csv", "tsv":
		comma := ','
		if r.f.Mode == "tsv" {
			comma = '\t'
		}
		if r.n == 0 && r.f.Headers {
			if err := r.f.writeCSV(r.w, header, comma, false); err != nil {
				return err
			}
		}
		return noHeaders.writeCSV(r.w, one, comma, false)
	case "list":
		if r.n == 0 && r.f.Headers {
			if err := r.f.writeList(r.w, header); err != nil {
				return err
			}
		}
		return noHeaders.writeList(r.w, one)
	case "jsonl":
		return r.f.writeJSON(r.w, one, true)
	case "json":
		var b bytes.Buffer
		if err := r.f.writeJSON(&b, one, true); err != nil {
			return err
		}
		prefix := "["
		if r.n > 0 {
			prefix = ",\n"
		}
		if _, err := io.WriteString(r.w, prefix); err != nil {
			return err
		}
		_, err := r.w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		return err
	case "line":
		if r.n > 0 {
			if _, err := io.WriteString(r.w, "\n"); err != nil {
				return err
			}
		}
		return r.f.writeLine(r.w, one)
	}
	if !r.f.grid() {
		return r.f.Write(r.w, one) // reports the unknown mode
	}
	if !r.drawn {
		row := make([]any, len(vals))
		copy(row, vals)
		r.window = append(r.window, row)
		for _, v := range row {
			switch v := v.(type) {
			case string:
				r.held += len(v)
			case []byte:
				r.held += len(v)
			}
		}
		if len(r.window) < streamWindow && r.held < streamWindowBytes {
			return nil
		}
		return r.drawWindow()
	}
	return r.gridRow(vals)
}

// end finishes the output after the last row.
func (r *rowStream) end() error {
	switch {
	case r.f.Mode == "json" && r.n > 0:
		_, err := io.WriteString(r.w, "]\n")
		return err
	case !r.f.grid():
		return nil
	case !r.drawn:
		// The whole result fits in the window: print it as Write does.
		return r.f.Write(r.w, &Result{Columns: r.cols, Rows: r.window})
	}
	if r.bottom == "" {
		return nil
	}
	_, err := io.WriteString(r.w, r.bottom+"\n")
	return err
}

// drawWindow draws the rows held so far as Write does, keeping back the
// grid's closing line, and takes the column widths from the drawing.
func (r *rowStream) drawWindow() error {
	var b bytes.Buffer
	if err := r.f.Write(&b, &Result{Columns: r.cols, Rows: r.window}); err != nil {
		return err
	}
	r.num = numericColumns(&Result{Columns: r.cols, Rows: r.window})
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, ln := range lines {
		if w := borderWidths(ln, len(r.cols)); w != nil {
			r.widths = w
			break
		}
	}
	if last := lines[len(lines)-1]; borderWidths(last, len(r.cols)) != nil && len(lines) > 1 {
		r.bottom = last
		lines = lines[:len(lines)-1]
	}
	if r.widths == nil {
		// No border to measure (markdown without headers): measure the
		// cells as the grid does.
		r.widths = r.measure()
	}
	r.window, r.drawn = nil, true
	_, err := io.WriteString(r.w, strings.Join(lines, "\n")+"\n")
	return err
}

// measure returns the widest cell of each column of the window, headers
// included when shown.
func (r *rowStream) measure() []int {
	widths := make([]int, len(r.cols))
	see := func(i int, c string) {
		c = oneLine(c)
		if r.f.Mode == "markdown" {
			c = strings.ReplaceAll(c, "|", `\|`)
		} else {
			c = cut(c, r.f.MaxWidth)
		}
		widths[i] = max(widths[i], narrow().StringWidth(c))
	}
	if r.f.Headers {
		for i, c := range r.cols {
			see(i, c)
		}
	}
	for _, row := range r.window {
		for i, v := range row {
			see(i, text(v, r.f.Null))
		}
	}
	return widths
}

// borderWidths returns the column widths a grid border line shows, such as
// "+----+-----+", "├────┼─────┤" or "|---:|:----|", or nil when ln is not
// a border of ncols columns.
func borderWidths(ln string, ncols int) []int {
	if ln == "" || strings.Trim(ln, "+-|:─┌┐└┘├┤┬┴┼") != "" {
		return nil
	}
	inner := []rune(ln)
	if len(inner) < 2 {
		return nil
	}
	inner = inner[1 : len(inner)-1]
	var widths []int
	n := 0
	for _, c := range inner {
		switch c {
		case '+', '|', '┬', '┴', '┼':
			widths = append(widths, n-2)
			n = 0
		default:
			n++
		}
	}
	widths = append(widths, n-2)
	if len(widths) != ncols {
		return nil
	}
	return widths
}

// gridRow draws one row after the window in the window's grid: cells are
// cut to the column widths (markdown cells only padded: a wider cell is
// still valid markdown).
func (r *rowStream) gridRow(vals []any) error {
	edge, sep := "|", "|"
	if r.f.Mode == "box" {
		edge, sep = "│", "│"
	}
	r.cells = r.cells[:0]
	for i, v := range vals {
		c := oneLine(text(v, r.f.Null))
		width := r.widths[i]
		if r.f.Mode == "markdown" {
			c = strings.ReplaceAll(c, "|", `\|`)
		} else {
			c = cut(c, width)
		}
		pad := width - narrow().StringWidth(c)
		if pad > 0 {
			if r.num[i] {
				c = strings.Repeat(" ", pad) + c
			} else {
				c += strings.Repeat(" ", pad)
			}
		}
		r.cells = append(r.cells, c)
	}
	line := edge + " " + strings.Join(r.cells, " "+sep+" ") + " " + edge + "\n"
	_, err := io.WriteString(r.w, line)
	return err
}
