package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSegmentBlocks checks, on any text and any body span in it, that
// segmentBlocks does not panic; that blocks come in text order, do not
// overlap, lie inside the body and hold every non-blank rune of it; that a
// paragraph is one line; and that every table row has Columns cells, each
// inside the row's line, every row, caption and note inside its block, and
// the label, unit and serial columns in range.
func FuzzSegmentBlocks(f *testing.F) {
	for _, tt := range blockTests {
		f.Add(tt.text, uint16(0), uint16(0xffff))
	}
	ins, _ := filepath.Glob(filepath.Join("testdata", "blocks", "*.txt"))
	for _, in := range ins {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(string(b), uint16(3), uint16(0xffff))
		}
	}
	f.Fuzz(func(t *testing.T, s string, from, to uint16) {
		if !utf8.ValidString(s) {
			return
		}
		text := []rune(s)
		start := int(from) % (len(text) + 1)
		end := start + int(to)%(len(text)-start+1)
		body := Span{start, end}
		blocks := segmentBlocks(text, body)
		inside := func(what string, in, sp Span) {
			t.Helper()
			if sp.Start < in.Start || sp.End > in.End || sp.Start > sp.End {
				t.Fatalf("%s %v not inside %v in %q", what, sp, in, s)
			}
		}
		covered := body.Start
		for i, b := range blocks {
			inside("block", body, b.Span)
			if b.Len() == 0 {
				t.Fatalf("empty block %d in %q", i, s)
			}
			if b.Start < covered {
				t.Fatalf("block %d %v overlaps or precedes the one before (ends %d) in %q", i, b.Span, covered, s)
			}
			if gap := strings.TrimFunc(string(text[covered:b.Start]), isBlank); gap != "" && i > 0 || i == 0 && strings.TrimFunc(string(text[body.Start:b.Start]), isBlank) != "" {
				t.Fatalf("text %q before block %d is in no block, in %q", string(text[covered:b.Start]), i, s)
			}
			covered = b.End
			switch b.Kind {
			case BlockParagraph:
				if b.Table != nil || strings.ContainsRune(string(text[b.Start:b.End]), '\n') {
					t.Fatalf("paragraph %v: table %v or several lines in %q", b.Span, b.Table, s)
				}
			case BlockTable:
				tb := b.Table
				if tb == nil || tb.Columns < 1 || len(tb.Header)+len(tb.Rows) < 2 {
					t.Fatalf("table %v: %+v in %q", b.Span, tb, s)
				}
				for _, col := range []int{tb.LabelCol, tb.UnitCol, tb.SerialCol} {
					if col < -1 || col >= tb.Columns {
						t.Fatalf("column %d out of range [-1,%d) in %q", col, tb.Columns, s)
					}
				}
				if tb.Caption.Len() > 0 {
					inside("caption", b.Span, tb.Caption)
				}
				for _, n := range tb.Notes {
					inside("note", b.Span, n)
				}
				last := b.Start
				for _, r := range append(append([]TableRow(nil), tb.Header...), tb.Rows...) {
					inside("row", b.Span, r.Line)
					if r.Line.Start < last {
						t.Fatalf("row %v out of order in %q", r.Line, s)
					}
					last = r.Line.End
					if len(r.Cells) != tb.Columns {
						t.Fatalf("row %v has %d cells, table %d columns, in %q", r.Line, len(r.Cells), tb.Columns, s)
					}
					for _, c := range r.Cells {
						inside("cell", r.Line, c)
					}
					_ = tb.Label(r)
				}
				for c := -1; c <= tb.Columns; c++ {
					_ = tb.ColumnHeader(c)
				}
			default:
				t.Fatalf("block kind %d", b.Kind)
			}
		}
		if rest := strings.TrimFunc(string(text[covered:body.End]), isBlank); rest != "" {
			t.Fatalf("text %q after the last block is in no block, in %q", rest, s)
		}
	})
}
