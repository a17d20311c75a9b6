package codehash_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/mediq/mediq/internal/codehash"
)

func TestOf(t *testing.T) {
	fsys := fstest.MapFS{
		"a.go":      {Data: []byte("package a")},
		"a_test.go": {Data: []byte("package a_test")},
		"w.tsv":     {Data: []byte("x\t1\n")},
	}
	h1, names := codehash.Of(fsys, "*.go", "*.tsv")
	if want := []string{"a.go", "w.tsv"}; !slices.Equal(names, want) {
		t.Fatalf("hashed %v, want %v (tests aside)", names, want)
	}
	fsys["a_test.go"] = &fstest.MapFile{Data: []byte("package a_test // changed")}
	if h2, _ := codehash.Of(fsys, "*.go", "*.tsv"); h2 != h1 {
		t.Error("a test file changed the hash")
	}
	fsys["w.tsv"] = &fstest.MapFile{Data: []byte("x\t2\n")}
	if h3, _ := codehash.Of(fsys, "*.go", "*.tsv"); h3 == h1 {
		t.Error("a data file changed and the hash did not")
	}
}
