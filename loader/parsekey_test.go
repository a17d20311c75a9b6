package loader_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// TestParseKeyFollowsTheText checks that a source's parse key changes with
// the text its bytes decode to, not only with the bytes: a change to the
// HTML extraction or decoding gives other text from the same file, and the
// next build must read that file again.
func TestParseKeyFollowsTheText(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	s := srcs[0]
	k1 := loader.ParseKey(s, nil)
	s.Text += "\n"
	if k2 := loader.ParseKey(s, nil); k2 == k1 {
		t.Error("the parse key did not change with the extracted text")
	}
}

// TestIncrementalBuildRereadsChangedText builds twice with reuse: unchanged
// sources are read back, and a source whose extracted text differs (the same
// bytes, as after a change to the HTML reader) is parsed again.
func TestIncrementalBuildRereadsChangedText(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.db")
	if _, err := loader.Build(context.Background(), srcs, path); err != nil {
		t.Fatal(err)
	}
	st, err := loader.BuildWith(context.Background(), srcs, path, loader.BuildOptions{Reuse: path})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != len(srcs) {
		t.Fatalf("unchanged: reused %d of %d", st.Reused, len(srcs))
	}
	changed := append([]sources.Source(nil), srcs...)
	changed[1].Text += "\n"
	st, err = loader.BuildWith(context.Background(), changed, path, loader.BuildOptions{Reuse: path})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != len(srcs)-1 || st.Files[1].Reused {
		t.Errorf("after the text of %s changed: reused %d, that file reused %v", changed[1].File, st.Reused, st.Files[1].Reused)
	}
}
