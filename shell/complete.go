package shell

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sqlKeywords are the SQL words tab completion offers.
func sqlKeywords() []string {
	return []string{
		"ABS", "ALL", "AND", "AS", "ASC", "AVG", "BETWEEN", "BY", "CASE", "CAST",
		"COALESCE", "COUNT", "CREATE", "CROSS", "DESC", "DISTINCT", "ELSE", "END",
		"EXCEPT", "EXISTS", "EXPLAIN", "FROM", "GLOB", "GROUP", "GROUP_CONCAT", "HAVING",
		"IFNULL", "IN", "INNER", "INSTR", "INTERSECT", "IS", "JOIN", "LEFT", "LENGTH",
		"LIKE", "LIMIT", "LOWER", "MAX", "MIN", "NOT", "NULL", "NULLS", "OFFSET", "ON",
		"OR", "ORDER", "OVER", "PARTITION", "PRAGMA", "QUERY", "PLAN", "RECURSIVE",
		"REPLACE", "ROUND", "ROW_NUMBER", "SELECT", "SUBSTR", "SUM", "TEMP", "THEN",
		"TOTAL", "TRIM", "UNION", "UPPER", "USING", "VALUES", "VIEW", "WHEN", "WHERE",
		"WINDOW", "WITH",
	}
}

// completer holds the words tab completion offers, read from the database
// when the interactive shell starts.
type completer struct {
	tables  []string
	columns []string
	presets []string
}

// loadCompleter reads table, column and preset names. Failures only make
// completion poorer, so they are ignored.
func (s *Shell) loadCompleter(ctx context.Context) *completer {
	c := &completer{}
	if r, err := s.query(ctx, `SELECT name FROM sqlite_schema
WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`); err == nil {
		for _, row := range r.Rows {
			c.tables = append(c.tables, text(row[0], ""))
		}
	}
	if r, err := s.query(ctx, `SELECT DISTINCT p.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS p
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' ORDER BY p.name`); err == nil {
		for _, row := range r.Rows {
			c.columns = append(c.columns, text(row[0], ""))
		}
	}
	if list, err := s.presets(ctx); err == nil {
		for _, p := range list {
			c.presets = append(c.presets, p.Name)
		}
	}
	return c
}

// wordBreak reports whether r separates words for completion.
func wordBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("(),;=<>'\"|+*/%", r)
}

// Complete returns completions for the word before byte offset pos of line,
// in liner's WordCompleter form: the text before the word, the candidates
// for it, and the text after pos.
func (c *completer) Complete(line string, pos int) (head string, completions []string, tail string) {
	if pos > len(line) {
		pos = len(line)
	}
	before, tail := line[:pos], line[pos:]
	start := 0
	if i := strings.LastIndexFunc(before, wordBreak); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		start = i + size
	}
	head, word := before[:start], before[start:]
	var candidates []string
	trimmed := strings.TrimLeft(line, " \t")
	switch {
	case strings.TrimSpace(head) == "" && strings.HasPrefix(word, "."):
		for _, cmd := range commands() {
			candidates = append(candidates, "."+cmd.name)
			for _, a := range cmd.aliases {
				candidates = append(candidates, "."+a)
			}
		}
	case strings.HasPrefix(trimmed, "."):
		fields := strings.Fields(head)
		candidates = c.argWords(strings.TrimPrefix(fields[0], "."), len(fields))
	default:
		// table.column: complete the column, keep the qualifier.
		if i := strings.LastIndexByte(word, '.'); i >= 0 {
			head += word[:i+1]
			word = word[i+1:]
			candidates = c.columns
			break
		}
		lower := word != "" && word == strings.ToLower(word)
		for _, k := range sqlKeywords() {
			if lower {
				k = strings.ToLower(k)
			}
			candidates = append(candidates, k)
		}
		candidates = append(candidates, c.tables...)
		candidates = append(candidates, c.columns...)
	}
	for _, cand := range candidates {
		if strings.HasPrefix(strings.ToLower(cand), strings.ToLower(word)) && !slices.Contains(completions, cand) {
			completions = append(completions, cand)
		}
	}
	slices.Sort(completions)
	return head, completions, tail
}

// argWords returns what may follow dot-command cmd as its n-th word.
func (c *completer) argWords(cmd string, n int) []string {
	switch cmd {
	case "preset", "p":
		if n == 1 {
			return c.presets
		}
	case "export":
		if n >= 2 {
			return append(slices.Clone(c.presets), "SELECT", "WITH", "--no-bom", "--force")
		}
	case "describe", "schema":
		if n == 1 {
			return c.tables
		}
	case "mode":
		if n == 1 {
			return modeNames()
		}
	case "headers", "timer":
		if n == 1 {
			return []string{"on", "off"}
		}
	case "help":
		if n == 1 {
			var names []string
			for _, cmd := range commands() {
				names = append(names, cmd.name)
			}
			return names
		}
	}
	return nil
}
