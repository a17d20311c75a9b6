package shell_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mediq/mediq/shell"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		input string
		stmts []string
		rest  string
	}{
		{name: "empty", input: "", rest: ""},
		{name: "one", input: "SELECT 1;", stmts: []string{"SELECT 1;"}},
		{name: "two on a line", input: "SELECT 1; SELECT 2;", stmts: []string{"SELECT 1;", "SELECT 2;"}},
		{name: "incomplete", input: "SELECT raw\nFROM figures", rest: "SELECT raw\nFROM figures"},
		{name: "complete then incomplete", input: "SELECT 1; SELECT", stmts: []string{"SELECT 1;"}, rest: " SELECT"},
		{name: "multi-line", input: "SELECT raw,\n  value\nFROM figures;", stmts: []string{"SELECT raw,\n  value\nFROM figures;"}},
		{name: "semicolon in string", input: "SELECT 'a;b';", stmts: []string{"SELECT 'a;b';"}},
		{name: "doubled quote in string", input: "SELECT 'it''s; fine';", stmts: []string{"SELECT 'it''s; fine';"}},
		{name: "unterminated string", input: "SELECT 'a;", rest: "SELECT 'a;"},
		{name: "semicolon in double-quoted identifier", input: `SELECT 1 AS "a;b";`, stmts: []string{`SELECT 1 AS "a;b";`}},
		{name: "semicolon in backquotes", input: "SELECT 1 AS `a;b`;", stmts: []string{"SELECT 1 AS `a;b`;"}},
		{name: "semicolon in brackets", input: "SELECT 1 AS [a;b];", stmts: []string{"SELECT 1 AS [a;b];"}},
		{name: "semicolon in line comment", input: "SELECT 1 -- one; two\n;", stmts: []string{"SELECT 1 -- one; two\n;"}},
		{name: "semicolon in block comment", input: "SELECT /* ; */ 1;", stmts: []string{"SELECT /* ; */ 1;"}},
		{name: "open block comment", input: "SELECT 1 /* ;", rest: "SELECT 1 /* ;"},
		{name: "comment only", input: "-- nothing here;\n", rest: "-- nothing here;\n"},
		{name: "empty statements dropped", input: ";;SELECT 1;", stmts: []string{"SELECT 1;"}},
		{name: "comment-only statement dropped", input: "/* x */;SELECT 1;", stmts: []string{"SELECT 1;"}},
		{name: "Chinese text", input: "SELECT raw FROM figures WHERE unit = '元;亿';", stmts: []string{"SELECT raw FROM figures WHERE unit = '元;亿';"}},
		{
			name:  "trigger body",
			input: "CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; SELECT 2; END; SELECT 3;",
			stmts: []string{"CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; SELECT 2; END;", "SELECT 3;"},
		},
		{
			name:  "trigger body open",
			input: "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n SELECT 1;",
			rest:  "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n SELECT 1;",
		},
		{
			name:  "case inside trigger body",
			input: "create trigger t after insert on x begin select case when 1 then 2 end; end;",
			stmts: []string{"create trigger t after insert on x begin select case when 1 then 2 end; end;"},
		},
		{name: "transaction BEGIN is not a block", input: "BEGIN; SELECT 1; END;", stmts: []string{"BEGIN;", "SELECT 1;", "END;"}},
		{name: "CASE outside trigger", input: "SELECT CASE WHEN 1 THEN 'a' END;", stmts: []string{"SELECT CASE WHEN 1 THEN 'a' END;"}},
		{name: "word begin in a column", input: "SELECT begin_at FROM t;", stmts: []string{"SELECT begin_at FROM t;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stmts, rest := shell.Split(tt.input)
			if !slices.Equal(stmts, tt.stmts) {
				t.Errorf("Split(%q) statements:\n got %q\nwant %q", tt.input, stmts, tt.stmts)
			}
			if rest != tt.rest {
				t.Errorf("Split(%q) rest: got %q, want %q", tt.input, rest, tt.rest)
			}
		})
	}
}

func TestSplitterLines(t *testing.T) {
	var sp shell.Splitter
	steps := []struct {
		line    string
		stmts   []string
		pending bool
	}{
		{line: "SELECT raw,", pending: true},
		{line: "  '第一;'", pending: true},
		{line: "FROM figures; SELECT", stmts: []string{"SELECT raw,\n  '第一;'\nFROM figures;"}, pending: true},
		{line: "2;", stmts: []string{"SELECT\n2;"}},
		{line: "-- a comment", pending: false},
		{line: "SELECT 3;", stmts: []string{"-- a comment\nSELECT 3;"}},
	}
	for i, st := range steps {
		got := sp.Add(st.line)
		if !slices.Equal(got, st.stmts) {
			t.Errorf("step %d Add(%q): got %q, want %q", i, st.line, got, st.stmts)
		}
		if sp.Pending() != st.pending {
			t.Errorf("step %d Add(%q): Pending() = %v, want %v", i, st.line, sp.Pending(), st.pending)
		}
	}
	sp.Add("SELECT")
	sp.Reset()
	if sp.Pending() || sp.Rest() != "" {
		t.Errorf("after Reset: Pending() = %v, Rest() = %q; want false, \"\"", sp.Pending(), sp.Rest())
	}
}

// FuzzSplit checks that Split never panics, that every statement it returns
// ends with its semicolon and splits again into just itself, that the rest
// it leaves holds no complete statement, and that a Splitter fed the same
// text line by line (keeping its lexer state between lines) finds the same
// statements and leaves the same rest.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"SELECT 1;", "SELECT 'a;b'; SELECT 2", "SELECT 1 -- x;\n;", "/* ; */ SELECT 1;",
		"CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END; SELECT 3;",
		"SELECT \"a;\" FROM [b;c] WHERE `d;` = '元;亿';", "BEGIN; END;", "'unterminated;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		stmts, rest := shell.Split(text)
		for _, st := range stmts {
			if !strings.HasSuffix(st, ";") {
				t.Errorf("statement %q does not end with ;", st)
			}
			again, r := shell.Split(st)
			if len(again) != 1 || again[0] != st || r != "" {
				t.Errorf("statement %q splits again into %q and rest %q", st, again, r)
			}
		}
		if more, _ := shell.Split(rest); len(more) != 0 {
			t.Errorf("rest %q holds statements %q", rest, more)
		}
		var sp shell.Splitter
		var byLine []string
		for _, line := range strings.Split(text, "\n") {
			byLine = append(byLine, sp.Add(line)...)
		}
		if !slices.Equal(byLine, stmts) {
			t.Errorf("line by line: statements %q, want %q as Split gives", byLine, stmts)
		}
		if got, want := strings.TrimLeft(sp.Rest(), "\n"), strings.TrimLeft(rest, "\n"); got != want {
			t.Errorf("line by line: rest %q, want %q as Split gives", got, want)
		}
	})
}
