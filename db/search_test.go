package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
)

// TestSearch compares Search through the full-text index with a plain scan
// of the sentences.
func TestSearch(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	q := db.New(h)
	for _, term := range []string{"集采", "医保", "药", "药品集中带量采购"} {
		t.Run(term, func(t *testing.T) {
			got, err := q.Search(ctx, term)
			if err != nil {
				t.Fatal(err)
			}
			var want int
			if err := h.QueryRowContext(ctx, "SELECT count(*) FROM sentences WHERE instr(text, ?) > 0", term).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if len(got) != want || want == 0 {
				t.Errorf("Search(%q): %d sentences, instr finds %d (want more than 0)", term, len(got), want)
			}
			for i, s := range got {
				if !strings.Contains(s.Text, term) || s.Document == "" || s.IssueDate == "" {
					t.Errorf("sentence %d: %+v", s.ID, s)
				}
				if i > 0 && s.IssueDate < got[i-1].IssueDate {
					t.Errorf("sentence %d (%s) after %d (%s): not in date order", s.ID, s.IssueDate, got[i-1].ID, got[i-1].IssueDate)
				}
			}
		})
	}
	upper, err := q.Search(ctx, "DRG")
	if err != nil {
		t.Fatal(err)
	}
	lower, err := q.Search(ctx, "drg")
	if err != nil {
		t.Fatal(err)
	}
	if len(upper) == 0 || len(upper) != len(lower) {
		t.Errorf("DRG: %d sentences, drg: %d; want the same, more than 0", len(upper), len(lower))
	}
	if _, err := q.Search(ctx, "，。 "); !errors.Is(err, db.ErrEmptySearch) {
		t.Errorf("punctuation only: got %v, want ErrEmptySearch", err)
	}
}
