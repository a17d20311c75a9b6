// Package schema owns mediq's SQL: the table definitions (schema.sql), the data
// dictionary describing every table and column in Chinese and English
// (dictionary.tsv) and the preset queries (presets.sql). All three are embedded.
package schema

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// Version is the schema version, stored in the database as PRAGMA user_version.
// Bump it with any change to schema.sql.
const Version = 6

// SQL is the schema: CREATE statements for every table, index and view.
//
//go:embed schema.sql
var SQL string

// SplitIndexes returns the schema's statements without its CREATE INDEX
// statements, and those statements: a bulk load creates its indexes after
// the rows are in, which is faster than keeping them up to date row by row.
func SplitIndexes() (tables, indexes string) {
	var t, ix strings.Builder
	for _, stmt := range strings.SplitAfter(SQL, ";") {
		if strings.HasPrefix(strings.TrimSpace(stripComments(stmt)), "CREATE INDEX") {
			ix.WriteString(stmt)
		} else {
			t.WriteString(stmt)
		}
	}
	return t.String(), ix.String()
}

// stripComments drops the -- comment lines of a statement.
func stripComments(stmt string) string {
	var b strings.Builder
	for _, ln := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(ln), "--") {
			b.WriteString(ln)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

//go:embed dictionary.tsv
var dictionaryTSV string

//go:embed presets.sql
var presetsSQL string

// Entry is one row of the data dictionary. Column is empty for the table itself.
type Entry struct {
	Table, Column string
	Zh, En        string
}

// Dictionary returns the data dictionary in file order.
func Dictionary() ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(strings.NewReader(dictionaryTSV))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" || f[2] == "" || f[3] == "" {
			return nil, fmt.Errorf("dictionary.tsv:%d: want 4 tab-separated fields (table, column, zh, en), got %d", n, len(f))
		}
		out = append(out, Entry{Table: f[0], Column: f[1], Zh: f[2], En: f[3]})
	}
	return out, nil
}

// Param is one parameter of a preset query, bound as :Name.
type Param struct {
	Name        string `json:"name"`
	Default     string `json:"default,omitempty"`
	Description string `json:"description"`
}

// Preset is a named query shipped with mediq.
type Preset struct {
	Name        string
	TitleZh     string
	TitleEn     string
	Description string
	SQL         string
	Params      []Param
}

// ParamsJSON returns the parameters as stored in presets.params.
func (p Preset) ParamsJSON() string {
	if len(p.Params) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(p.Params) // a slice of plain structs cannot fail
	return string(b)
}

// Presets returns the preset queries of presets.sql in file order.
func Presets() ([]Preset, error) { return ParsePresets("presets.sql", presetsSQL) }

// ParsePresets parses preset blocks in the presets.sql format; name is used in
// error messages.
func ParsePresets(name, text string) ([]Preset, error) {
	var out []Preset
	var cur *Preset
	var sqlLines []string
	finish := func(line int) error {
		if cur == nil {
			return nil
		}
		cur.SQL = strings.TrimSpace(strings.Join(sqlLines, "\n"))
		if cur.SQL == "" || cur.TitleZh == "" || cur.TitleEn == "" || cur.Description == "" {
			return fmt.Errorf("%s:%d: preset %q needs a title (zh | en), a description and SQL", name, line, cur.Name)
		}
		out = append(out, *cur)
		cur, sqlLines = nil, nil
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		n := i + 1
		key, val, ok := presetDirective(line)
		switch {
		case ok && key == "name":
			if err := finish(n); err != nil {
				return nil, err
			}
			for _, p := range out {
				if p.Name == val {
					return nil, fmt.Errorf("%s:%d: preset %q is defined twice", name, n, val)
				}
			}
			cur = &Preset{Name: val}
		case cur == nil:
			// header comments before the first preset
		case ok && key == "title":
			zh, en, found := strings.Cut(val, "|")
			if !found {
				return nil, fmt.Errorf("%s:%d: title wants \"中文 | English\"", name, n)
			}
			cur.TitleZh, cur.TitleEn = strings.TrimSpace(zh), strings.TrimSpace(en)
		case ok && key == "description":
			cur.Description = strings.TrimSpace(cur.Description + " " + val)
		case ok && key == "param":
			head, desc, _ := strings.Cut(val, "|")
			pname, def, _ := strings.Cut(head, "=")
			p := Param{Name: strings.TrimSpace(pname), Default: strings.TrimSpace(def), Description: strings.TrimSpace(desc)}
			if p.Name == "" || p.Description == "" {
				return nil, fmt.Errorf("%s:%d: param wants \"NAME = DEFAULT | description\"", name, n)
			}
			cur.Params = append(cur.Params, p)
		default:
			if strings.TrimSpace(line) != "" || len(sqlLines) > 0 {
				sqlLines = append(sqlLines, line)
			}
		}
	}
	if err := finish(len(lines)); err != nil {
		return nil, err
	}
	return out, nil
}

// presetDirective reports whether line is a "-- key: value" directive.
func presetDirective(line string) (key, val string, ok bool) {
	rest, found := strings.CutPrefix(line, "-- ")
	if !found {
		return "", "", false
	}
	key, val, found = strings.Cut(rest, ":")
	switch key {
	case "name", "title", "description", "param":
		return key, strings.TrimSpace(val), found
	}
	return "", "", false
}
