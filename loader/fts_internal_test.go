package loader

import "testing"

// TestFTSBacklog checks that the full-text indexer gets every source's
// sentences in order, and holds back the last ftsHeldBack of them until
// the input ends.
func TestFTSBacklog(t *testing.T) {
	in := make(chan []ftsRow, 4)
	for i := range 4 {
		rows := make([]ftsRow, 10)
		for j := range rows {
			rows[j].id = int64(10*i + j + 1)
		}
		in <- rows
	}
	b := ftsBacklog{in: in, open: true}
	var next int64 = 1
	take := func() {
		t.Helper()
		rows, ok := b.next()
		if !ok {
			t.Fatal("next ended early")
		}
		for _, r := range rows {
			if r.id != next {
				t.Fatalf("got sentence %d, want %d", r.id, next)
			}
			next++
		}
	}
	// 40 sentences handed: 30 may be indexed before the input ends; a
	// fourth call would wait for more.
	for range 3 {
		take()
	}
	if len(b.queue) != 1 {
		t.Fatalf("%d sources held back, want 1", len(b.queue))
	}
	close(in)
	take()
	if _, ok := b.next(); ok {
		t.Error("next returned sentences after the last")
	}
}
