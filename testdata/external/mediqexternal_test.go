package mediqexternal_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"example.com/mediqexternal"
	"github.com/mediq/mediq/db"
)

func TestTimeline(t *testing.T) {
	lines, err := mediqexternal.Timeline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Fatal("no documents")
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] < lines[i-1][:10] {
			t.Errorf("not in date order: %q before %q", lines[i-1], lines[i])
		}
	}
}

// TestQuery runs a query a stranger would: money figures with their
// provenance, checked against the source text they point into.
func TestQuery(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	q := db.New(h)
	figs, err := q.Figures(ctx, db.Filter{Unit: "元"})
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := q.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := map[int64][]rune{}
	for _, s := range srcs {
		text[s.ID] = []rune(s.Text)
	}
	if len(figs) == 0 {
		t.Fatal("no money figures")
	}
	for _, f := range figs {
		if got := string(text[f.SourceID][f.Start:f.End]); got != f.Raw || f.Unit != "元" || f.Issuer == "" {
			t.Errorf("figure %d: raw %q, text %q, unit %q, issuer %q", f.ID, f.Raw, got, f.Unit, f.Issuer)
		}
	}

	if _, err := h.ExecContext(ctx, "ATTACH 'x.db' AS x"); !errors.Is(err, db.ErrDenied) {
		t.Errorf("ATTACH on a safe handle: got %v, want db.ErrDenied", err)
	}
	r, err := db.Verify(ctx, h)
	if err != nil || !strings.HasSuffix(r.String(), "all checks passed\n") {
		t.Errorf("Verify: %v\n%s", err, r)
	}
}
