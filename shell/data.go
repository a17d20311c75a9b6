package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

func (s *Shell) cmdTables(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 0 {
		return usageError("tables")
	}
	r, err := s.query(ctx, `SELECT name FROM sqlite_schema
WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	names := make([]string, len(r.Rows))
	width := 0
	for i, row := range r.Rows {
		names[i] = text(row[0], "")
		width = max(width, len(names[i]))
	}
	// Columns across an 80-column screen, filled down, as sqlite3 prints them.
	perLine := max(1, 80/(width+2))
	lines := (len(names) + perLine - 1) / perLine
	w := s.console()
	for l := range lines {
		var b strings.Builder
		for i := l; i < len(names); i += lines {
			fmt.Fprintf(&b, "%-*s  ", width, names[i])
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	return nil
}

func (s *Shell) cmdSchema(ctx context.Context, c *cmdLine) error {
	if len(c.args) > 1 {
		return usageError("schema")
	}
	q := `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
ORDER BY tbl_name = name DESC, rowid`
	var args []any
	if len(c.args) == 1 {
		q = `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND tbl_name = ? COLLATE NOCASE
ORDER BY tbl_name = name DESC, rowid`
		args = append(args, c.args[0])
	}
	r, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	if len(r.Rows) == 0 && len(c.args) == 1 {
		return fmt.Errorf(errNoSuchTable, c.args[0])
	}
	w := s.console()
	for _, row := range r.Rows {
		fmt.Fprintf(w, "%s;\n", text(row[0], ""))
	}
	return nil
}

func (s *Shell) cmdDescribe(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("describe")
	}
	table := c.args[0]
	about, err := s.query(ctx, `SELECT description_zh, description_en FROM dictionary
WHERE table_name = ? AND column_name = ''`, table)
	if err != nil {
		return err
	}
	r, err := s.query(ctx, `SELECT c.name AS "column", c.type, c."notnull" AS not_null, c.pk,
       d.description_zh, d.description_en
FROM pragma_table_info(?) AS c
LEFT JOIN dictionary AS d ON d.table_name = ? AND d.column_name = c.name
ORDER BY c.cid`, table, table)
	if err != nil {
		return err
	}
	if len(r.Rows) == 0 {
		return fmt.Errorf(errNoSuchTable, table)
	}
	if len(about.Rows) == 1 {
		fmt.Fprintf(s.console(), "%s: %s / %s\n", table, text(about.Rows[0][0], ""), text(about.Rows[0][1], ""))
	}
	return s.print(r)
}

func (s *Shell) cmdSources(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 0 {
		return usageError("sources")
	}
	return s.runSQL(ctx, `SELECT s.id AS source, s.file, s.outlet, d.id AS document, d.issue_date,
       d.kind, d.region, d.title, d.issuer,
       (SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures
FROM sources s
JOIN documents d ON d.source_id = s.id
ORDER BY s.id, d.seq`)
}

// figureContext is how many characters of source text .figure shows on each
// side of a figure.
const figureContext = 50

func (s *Shell) cmdFigure(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("figure")
	}
	id, err := strconv.ParseInt(c.args[0], 10, 64)
	if err != nil {
		return fmt.Errorf(errBadFigureID, c.args[0])
	}
	r, err := s.query(ctx, `SELECT f.id, f.raw, f.value, f.value_max, f.unit, f.qualifier, f.period,
       f.role, f.region, f.issuer, f.issuer_note, f.speaker, f.label,
       d.id AS document_id, d.title AS document, d.issue_date, d.kind,
       s.file AS source, f.char_start, f.char_end, t.text AS sentence,
       substr(s.text, 1, f.char_start) AS before_all,
       substr(s.text, f.char_end + 1, ?) AS after
FROM figures f
JOIN documents d ON d.id = f.document_id
JOIN sources s ON s.id = f.source_id
JOIN sentences t ON t.id = f.sentence_id
WHERE f.id = ?`, figureContext, id)
	if err != nil {
		return err
	}
	if len(r.Rows) == 0 {
		return fmt.Errorf(errNoSuchFigure, c.args[0])
	}
	row := r.Rows[0]
	n := len(row)
	before, after := text(row[n-2], ""), text(row[n-1], "")
	// Position of the figure in its source: 1-based line and column in code
	// points, as loader.Position prints it.
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	if k := utf8.RuneCountInString(before); k > figureContext {
		before = string([]rune(before)[k-figureContext:])
	}
	raw := text(row[1], "")
	out := &Result{Columns: append([]string{}, r.Columns[:n-2]...), Rows: [][]any{row[:n-2]}}
	out.Columns = append(out.Columns, "position", "context")
	mark := "…" + oneLine(before) + "【" + raw + "】" + oneLine(after) + "…"
	source := text(row[17], "")
	out.Rows[0] = append(out.Rows[0], fmt.Sprintf("%s:%d:%d", source, line, col), mark)
	f := s.Format
	f.Mode = "line"
	w, _ := s.resultWriter()
	defer s.closeOnce()
	return f.Write(w, out)
}
