package shell

import (
	"slices"
	"testing"
)

func TestComplete(t *testing.T) {
	c := &completer{
		tables:  []string{"figures", "figures_full", "sentences"},
		columns: []string{"raw", "unit", "value", "value_max"},
		presets: []string{"keyword", "plan-indicators", "plan-vs-actual"},
	}
	tests := []struct {
		name, line string
		head       string
		want       []string
	}{
		{name: "dot-command", line: ".desc", head: "", want: []string{".describe"}},
		{name: "dot-command alias", line: ".p", want: []string{".p", ".preset", ".presets"}},
		{name: "preset name", line: ".preset plan-", head: ".preset ", want: []string{"plan-indicators", "plan-vs-actual"}},
		{name: "preset name after alias", line: ".p key", head: ".p ", want: []string{"keyword"}},
		{name: "table for describe", line: ".describe fig", head: ".describe ", want: []string{"figures", "figures_full"}},
		{name: "mode", line: ".mode js", head: ".mode ", want: []string{"json", "jsonl"}},
		{name: "keyword upper", line: "SEL", want: []string{"SELECT"}},
		{name: "keyword lower", line: "sel", want: []string{"select"}},
		{name: "table after FROM", line: "SELECT * FROM sent", head: "SELECT * FROM ", want: []string{"sentences"}},
		{name: "column", line: "SELECT val", head: "SELECT ", want: []string{"value", "value_max", "values"}},
		{name: "qualified column", line: "SELECT f.un", head: "SELECT f.", want: []string{"unit"}},
		{name: "after parenthesis", line: "SELECT count(ra", head: "SELECT count(", want: []string{"raw"}},
		{name: "after Chinese text", line: "SELECT '元' AS 单位, ra", head: "SELECT '元' AS 单位, ", want: []string{"raw"}},
		{name: "nothing", line: "SELECT zzz", head: "SELECT ", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, got, tail := c.Complete(tt.line, len(tt.line))
			if head != tt.head || tail != "" {
				t.Errorf("Complete(%q): head %q tail %q, want %q and \"\"", tt.line, head, tail, tt.head)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Complete(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestHistoryEntry(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{name: "one line", lines: []string{"SELECT 1;"}, want: "SELECT 1;"},
		{name: "lines joined", lines: []string{"SELECT raw,", "  value", "FROM figures;"}, want: "SELECT raw, value FROM figures;"},
		{name: "line comment kept harmless", lines: []string{"SELECT 1 -- the answer", ";"}, want: "SELECT 1 /* the answer */ ;"},
		{name: "dashes in a string untouched", lines: []string{"SELECT '--x'", ";"}, want: "SELECT '--x' ;"},
		{name: "blank lines dropped", lines: []string{"SELECT", "", "2;"}, want: "SELECT 2;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := historyEntry(tt.lines); got != tt.want {
				t.Errorf("historyEntry(%q) = %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

func TestBindValue(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"42", int64(42)},
		{"-7", int64(-7)},
		{"2.5", 2.5},
		{"007", "007"},
		{"1e3", "1e3"},
		{"+5", "+5"},
		{"NaN", "NaN"},
		{"2020-01-01", "2020-01-01"},
		{"集中带量采购", "集中带量采购"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := bindValue(tt.in); got != tt.want {
			t.Errorf("bindValue(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}
