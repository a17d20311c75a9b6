package db_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
)

func openQueries(t *testing.T) *db.Queries {
	t.Helper()
	h, err := db.Open(context.Background(), db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return db.New(h)
}

// TestFiguresFilter checks each filter field against every figure it returns,
// and that each figure's Raw is the source text at its offsets.
func TestFiguresFilter(t *testing.T) {
	ctx := context.Background()
	q := openQueries(t)
	srcs, err := q.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[int64][]rune{}
	for _, s := range srcs {
		texts[s.ID] = []rune(s.Text)
	}
	all, err := q.Figures(ctx, db.Filter{})
	if err != nil || len(all) == 0 {
		t.Fatalf("all figures: %d, %v", len(all), err)
	}
	for _, f := range all {
		if got := string(texts[f.SourceID][f.Start:f.End]); got != f.Raw {
			t.Errorf("figure %d: raw %q, text at %d:%d is %q", f.ID, f.Raw, f.Start, f.End, got)
		}
		if f.Document == "" || f.IssueDate == "" || f.Issuer == "" || f.Sentence == "" || f.Source == "" {
			t.Errorf("figure %d lacks provenance: %+v", f.ID, f)
		}
	}
	tests := []struct {
		name   string
		filter db.Filter
		match  func(db.Figure) bool
	}{
		{"unit", db.Filter{Unit: "元"}, func(f db.Figure) bool { return f.Unit == "元" }},
		{"document", db.Filter{DocumentID: 3}, func(f db.Figure) bool { return f.DocumentID == 3 }},
		{"kind and role", db.Filter{Kind: "plan", Role: "target"}, func(f db.Figure) bool { return f.Kind == "plan" && f.Role == "target" }},
		{"dates", db.Filter{From: "2022-01-01", To: "2022-12-31"}, func(f db.Figure) bool { return f.IssueDate >= "2022-01-01" && f.IssueDate <= "2022-12-31" }},
		{"source", db.Filter{Source: all[0].Source}, func(f db.Figure) bool { return f.Source == all[0].Source }},
		{"issuer", db.Filter{Issuer: all[0].Issuer}, func(f db.Figure) bool { return f.Issuer == all[0].Issuer }},
		{"qualifier", db.Filter{Qualifier: "approx"}, func(f db.Figure) bool { return f.Qualifier == "approx" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := q.Figures(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, f := range all {
				if tt.match(f) {
					want++
				}
			}
			if len(got) != want || want == 0 {
				t.Errorf("got %d figures, want %d (and more than 0)", len(got), want)
			}
			for _, f := range got {
				if !tt.match(f) {
					t.Errorf("figure %d does not match: %+v", f.ID, f)
				}
			}
		})
	}
	got, err := q.Figures(ctx, db.Filter{Text: all[0].Raw, Limit: 1})
	if err != nil || len(got) != 1 || got[0].ID != all[0].ID {
		t.Errorf("text filter with limit 1: %v, %v", got, err)
	}
}

func TestRunPresetErrors(t *testing.T) {
	ctx := context.Background()
	q := openQueries(t)
	presets, err := q.Presets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range presets {
		names = append(names, p.Name)
	}
	tests := []struct {
		name string
		args []any
		want string
	}{
		{"nosuch", nil, `preset "nosuch": no such preset; the presets are ` + strings.Join(names, ", ")},
		{"document", []any{sql.Named("doc", 1)}, `preset document has no parameter "doc"; its parameters are :document`},
		{"documents", []any{1}, `preset documents takes 0 arguments (none), got more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := q.RunPreset(ctx, tt.name, tt.args...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
	if _, err := q.RunPreset(ctx, "nosuch"); !errors.Is(err, db.ErrNoPreset) {
		t.Errorf("unknown preset: %v does not wrap ErrNoPreset", err)
	}
	// Every preset runs with its defaults on a safe handle.
	for _, p := range presets {
		res, err := q.RunPreset(ctx, p.Name)
		if err != nil || len(res.Rows) == 0 {
			t.Errorf("preset %s: %v rows, %v", p.Name, res, err)
		}
	}
	named, err := q.RunPreset(ctx, "keyword", sql.Named("keyword", "DRG"))
	if err != nil {
		t.Fatal(err)
	}
	positional, err := q.RunPreset(ctx, "keyword", "DRG")
	if err != nil {
		t.Fatal(err)
	}
	if len(named.Rows) == 0 || len(named.Rows) != len(positional.Rows) {
		t.Errorf("keyword DRG: %d rows named, %d positional", len(named.Rows), len(positional.Rows))
	}
}
