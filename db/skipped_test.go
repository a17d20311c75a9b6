package db_test

import (
	"testing"
)

// TestEveryNumberAccountedFor reads every body of the embedded sources and
// checks that each number-like token in it — every run of Arabic digits,
// and every Chinese numeral with a unit after it that the loader took as a
// token — lies in a stored figure or in a row of skipped with a reason:
// nothing the loader saw is dropped without a trace.
func TestEveryNumberAccountedFor(t *testing.T) {
	h := openEmbedded(t)
	rows, err := h.Query(`SELECT b.document_id, b.char_start, b.char_end, s.text
		FROM body_spans b JOIN documents d ON d.id = b.document_id JOIN sources s ON s.id = d.source_id`)
	if err != nil {
		t.Fatal(err)
	}
	type body struct {
		doc, start, end int
		text            []rune
	}
	var bodies []body
	for rows.Next() {
		var b body
		var text string
		if err := rows.Scan(&b.doc, &b.start, &b.end, &text); err != nil {
			t.Fatal(err)
		}
		b.text = []rune(text)
		bodies = append(bodies, b)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	covered := map[int][]bool{} // per document, by code point of its source
	mark := func(q string) {
		rs, err := h.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		for rs.Next() {
			var doc, start, end int
			if err := rs.Scan(&doc, &start, &end); err != nil {
				t.Fatal(err)
			}
			c := covered[doc]
			for len(c) < end {
				c = append(c, false)
			}
			for k := start; k < end; k++ {
				c[k] = true
			}
			covered[doc] = c
		}
	}
	mark("SELECT document_id, char_start, char_end FROM figures")
	mark("SELECT document_id, char_start, char_end FROM skipped")
	var reasons int
	if err := h.QueryRow("SELECT count(*) FROM skipped WHERE reason = ''").Scan(&reasons); err != nil || reasons != 0 {
		t.Errorf("%d skipped rows have no reason (err %v)", reasons, err)
	}
	missing := 0
	for _, b := range bodies {
		c := covered[b.doc]
		for k := b.start; k < b.end; k++ {
			r := b.text[k]
			if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
				continue
			}
			if k < len(c) && c[k] {
				continue
			}
			missing++
			if missing <= 10 {
				lo, hi := max(b.start, k-12), min(b.end, k+12)
				t.Errorf("document %d offset %d: the digit in %q is neither a figure nor skipped", b.doc, k, string(b.text[lo:hi]))
			}
		}
	}
	if missing > 10 {
		t.Errorf("... and %d more", missing-10)
	}
	var n int
	if err := h.QueryRow("SELECT count(*) FROM skipped").Scan(&n); err != nil || n == 0 {
		t.Errorf("skipped holds %d rows (err %v); the sources have dates and ordinals to skip", n, err)
	}
}
