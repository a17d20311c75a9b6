package shell

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mediq/mediq/internal/plural"
)

// preset is a query .preset runs: a shipped one from the database's presets
// table, or one of the person's own saved with .save-preset.
type preset struct {
	Name        string
	Title       string
	Description string
	SQL         string
	Params      []presetParam // shipped presets: bound by name
	Positional  int           // saved presets: $1…$N, bound by position
	Yours       bool
}

type presetParam struct {
	Name        string `json:"name"`
	Default     string `json:"default"`
	Description string `json:"description"`
}

// savedPreset is one entry of the person's presets.json.
type savedPreset struct {
	Name string `json:"name"`
	SQL  string `json:"sql"`
}

// userPresetsFile is the file in the config directory holding saved presets.
const userPresetsFile = "presets.json"

// presets returns the shipped presets, then the person's own.
func (s *Shell) presets(ctx context.Context) ([]preset, error) {
	r, err := s.query(ctx, `SELECT name, title_zh || ' | ' || title_en, description, sql, params
FROM presets ORDER BY name`)
	if err != nil {
		// Without a presets table (a plain SQLite file) there are none shipped.
		if strings.Contains(err.Error(), "no such table") {
			r = &Result{}
		} else {
			return nil, err
		}
	}
	var out []preset
	for _, row := range r.Rows {
		p := preset{
			Name:        text(row[0], ""),
			Title:       text(row[1], ""),
			Description: text(row[2], ""),
			SQL:         text(row[3], ""),
		}
		if err := json.Unmarshal([]byte(text(row[4], "[]")), &p.Params); err != nil {
			return nil, fmt.Errorf("preset %s: parameters: %w", p.Name, err)
		}
		out = append(out, p)
	}
	saved, _, err := s.savedPresets()
	if err != nil {
		return nil, err
	}
	for _, sp := range saved {
		out = append(out, preset{
			Name:        sp.Name,
			Title:       "your preset",
			Description: sp.SQL,
			SQL:         sp.SQL,
			Positional:  positionalParams(sp.SQL),
			Yours:       true,
		})
	}
	return out, nil
}

// savedPresets reads the person's presets and returns them with the file's path.
func (s *Shell) savedPresets() ([]savedPreset, string, error) {
	dir, err := s.configDir()
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(dir, userPresetsFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, path, nil
	}
	if err != nil {
		return nil, path, fmt.Errorf(errReadPresets, path, err)
	}
	var saved []savedPreset
	if err := json.Unmarshal(b, &saved); err != nil {
		return nil, path, fmt.Errorf(errReadPresets, path, err)
	}
	return saved, path, nil
}

// positionalParams returns the highest $N or ?N parameter in q, outside
// strings and comments.
func positionalParams(q string) int {
	n := 0
	lx := lexer{src: []byte(q)}
	for {
		tok := lx.next()
		if tok.kind == tokEOF {
			return n
		}
		if tok.kind != tokParam {
			continue
		}
		word := q[tok.start:tok.end]
		if word[0] != '$' && word[0] != '?' {
			continue
		}
		if k, err := strconv.Atoi(word[1:]); err == nil && k > n {
			n = k
		}
	}
}

func findPreset(list []preset, name string) (preset, bool) {
	for _, p := range list {
		if p.Name == name {
			return p, true
		}
	}
	return preset{}, false
}

// bindValue turns an argument typed by a person into the value bound: a
// number written the way SQLite prints it (42, -7, 2.5) as INTEGER or REAL,
// anything else, including "007" and "1e3", as TEXT, so that no text a
// person types is changed by the conversion.
func bindValue(s string) any {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil && strconv.FormatInt(i, 10) == s {
		return i
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && strconv.FormatFloat(f, 'f', -1, 64) == s {
		return f
	}
	return s
}

// binding is one parameter value of a preset run.
type binding struct {
	name  string // "" for positional
	value any
	given bool // typed by the person, not a default
}

// bind resolves a preset and its arguments to SQL and the values to bind.
// Shipped presets take positional arguments in parameter order or
// PARAM=VALUE; parameters not given take their default.
func bind(p preset, args []string) (string, []binding, error) {
	q := strings.TrimSpace(p.SQL)
	q = strings.TrimSpace(strings.TrimSuffix(q, ";"))
	if p.Yours {
		if len(args) != p.Positional {
			return "", nil, fmt.Errorf(errPresetArgs, p.Name, plural.Count(p.Positional, "argument", "arguments"), "$1…", len(args))
		}
		bs := make([]binding, len(args))
		for i, a := range args {
			bs[i] = binding{value: bindValue(a), given: true}
		}
		return q, bs, nil
	}
	names := make([]string, len(p.Params))
	for i, pp := range p.Params {
		names[i] = pp.Name
	}
	vals := make([]*string, len(p.Params))
	pos := 0
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok && validName(k) {
			i := indexOf(names, k)
			if i < 0 {
				return "", nil, fmt.Errorf(errPresetParamName, p.Name, k, strings.Join(names, ", "))
			}
			vals[i] = &v
			continue
		}
		for pos < len(vals) && vals[pos] != nil {
			pos++
		}
		if pos >= len(vals) {
			return "", nil, fmt.Errorf(errPresetArgs, p.Name, plural.Count(len(names), "argument", "arguments"), strings.Join(names, ", "), len(args))
		}
		a := a
		vals[pos] = &a
	}
	bs := make([]binding, len(p.Params))
	for i, pp := range p.Params {
		v := pp.Default
		if vals[i] != nil {
			v = *vals[i]
		} else if pp.Default == "" {
			return "", nil, fmt.Errorf(errPresetNoDefault, p.Name, pp.Name, pp.Description, p.Name)
		}
		bs[i] = binding{name: pp.Name, value: bindValue(v), given: vals[i] != nil}
	}
	return q, bs, nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// validName reports whether s may name a preset or a parameter: ASCII
// letters, digits, _ and -, not starting with -.
func validName(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for _, c := range []byte(s) {
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func sqlArgs(bs []binding) []any {
	args := make([]any, len(bs))
	for i, b := range bs {
		if b.name != "" {
			args[i] = sql.Named(b.name, b.value)
		} else {
			args[i] = b.value
		}
	}
	return args
}

// resolvePreset looks name up and binds args.
func (s *Shell) resolvePreset(ctx context.Context, name string, args []string) (string, []binding, error) {
	list, err := s.presets(ctx)
	if err != nil {
		return "", nil, err
	}
	p, ok := findPreset(list, name)
	if !ok {
		return "", nil, fmt.Errorf(errUnknownPreset, name)
	}
	return bind(p, args)
}

func (s *Shell) cmdPreset(ctx context.Context, c *cmdLine) error {
	if len(c.args) == 0 {
		return usageError("preset")
	}
	args := c.args[1:]
	showSQL := false
	if i := indexOf(args, "--sql"); i >= 0 {
		showSQL = true
		args = append(args[:i:i], args[i+1:]...)
	}
	q, bs, err := s.resolvePreset(ctx, c.args[0], args)
	if err != nil {
		return err
	}
	if showSQL {
		w := s.console()
		fmt.Fprintf(w, "%s;\n", q)
		for i, b := range bs {
			name := ":" + b.name
			if b.name == "" {
				name = "$" + strconv.Itoa(i+1)
			}
			fmt.Fprintf(w, "-- %s = %s\n", name, sqlLiteral(b.value))
		}
		return nil
	}
	check := func(r *Result) error {
		if len(r.Rows) > 0 {
			return nil
		}
		return s.unknownArgument(ctx, c.args[0], bs)
	}
	return s.runSQLCheck(ctx, q, check, sqlArgs(bs)...)
}

// knownValue is how to tell whether a value of a preset parameter names
// something in the database.
type knownValue struct {
	count string // SQL counting what :v names
	what  string // what it should name, for the error
	hint  string // where to find values that do
}

// knownValues returns the checks for the parameters the shipped presets
// share, by parameter name.
func knownValues() map[string]knownValue {
	return map[string]knownValue{
		"indicator": {`SELECT count(*) FROM indicators WHERE key = :v OR instr(name_zh, :v) > 0`,
			"an indicator's key or part of its Chinese name", ".preset indicators lists them"},
		"region": {`SELECT count(*) FROM figures WHERE region = :v`,
			"the region of a figure", ".preset region-summary lists them"},
		"speaker": {`SELECT count(*) FROM figures WHERE speaker = :v`,
			"the speaker of a figure", ".preset by-speaker lists them"},
		"document": {`SELECT count(*) FROM documents WHERE id = :v`,
			"a document's id", ".preset documents lists them"},
		"keyword": {`SELECT count(*) FROM sentences WHERE instr(text, :v) > 0`,
			"text that some sentence holds", ".search TEXT finds the sentences holding a text"},
	}
}

// unknownArgument explains an empty preset result by the first argument the
// person gave that names nothing in the database, such as .preset series
// no_such_key; it returns nil when every given argument is known (the
// result is just empty) or cannot be checked.
func (s *Shell) unknownArgument(ctx context.Context, preset string, bs []binding) error {
	checks := knownValues()
	for _, b := range bs {
		k, ok := checks[b.name]
		if !ok || !b.given {
			continue
		}
		r, err := s.query(ctx, k.count, sql.Named("v", b.value))
		if err != nil || len(r.Rows) != 1 {
			continue // a database without that table: nothing to say
		}
		if n, ok := r.Rows[0][0].(int64); ok && n == 0 {
			return fmt.Errorf(errPresetUnknownValue, preset, b.name, text(b.value, ""), k.what, k.hint)
		}
	}
	return nil
}

// sqlLiteral shows a bound value as an SQL literal, for --sql.
func sqlLiteral(v any) string {
	if s, ok := v.(string); ok {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return text(v, "NULL")
}

func (s *Shell) cmdPresets(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 0 {
		return usageError("presets")
	}
	list, err := s.presets(ctx)
	if err != nil {
		return err
	}
	if m := s.Format.Mode; m == "table" || m == "box" {
		// A grid would cut the descriptions; list them in full instead.
		w := s.console()
		for _, p := range list {
			fmt.Fprintf(w, "%s — %s\n    %s\n", p.Name, p.Title, p.Description)
			for _, pp := range p.Params {
				fmt.Fprintf(w, "    :%s = %s  (%s)\n", pp.Name, pp.Default, pp.Description)
			}
			for i := 1; i <= p.Positional; i++ {
				fmt.Fprintf(w, "    $%d  (argument %d)\n", i, i)
			}
		}
		return nil
	}
	r := &Result{Columns: []string{"name", "parameters", "title", "description"}}
	for _, p := range list {
		var params []string
		for _, pp := range p.Params {
			params = append(params, pp.Name+"="+pp.Default)
		}
		for i := 1; i <= p.Positional; i++ {
			params = append(params, "$"+strconv.Itoa(i))
		}
		r.Rows = append(r.Rows, []any{p.Name, strings.Join(params, " "), p.Title, p.Description})
	}
	return s.print(r)
}

func (s *Shell) cmdSavePreset(ctx context.Context, c *cmdLine) error {
	if len(c.args) < 2 {
		return usageError("save-preset")
	}
	name := c.args[0]
	if !validName(name) {
		return fmt.Errorf(errPresetName, name)
	}
	q := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.Rest(1)), ";"))
	list, err := s.presets(ctx)
	if err != nil {
		return err
	}
	if p, ok := findPreset(list, name); ok && !p.Yours {
		return fmt.Errorf(errPresetExists, name)
	}
	conn, err := s.connection(ctx)
	if err != nil {
		return err
	}
	// Compile it now, so a typo shows here rather than when it is next run.
	st, err := conn.PrepareContext(ctx, q)
	if err != nil {
		return fmt.Errorf(errInvalidPresetSQL, name, sqlError(q, err))
	}
	st.Close()
	saved, path, err := s.savedPresets()
	if err != nil {
		return err
	}
	replaced := false
	for i := range saved {
		if saved[i].Name == name {
			saved[i].SQL, replaced = q, true
		}
	}
	if !replaced {
		saved = append(saved, savedPreset{Name: name, SQL: q})
	}
	b, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save preset: %w", err)
	}
	if err := writeFileAtomic(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("save preset: %w", err)
	}
	fmt.Fprintf(s.Err, msgSavedPreset, name, path, name)
	return nil
}
