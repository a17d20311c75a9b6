package loader

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mediq/mediq/sources"
)

// TestPipelineSameRows checks that a document read with its two stages on
// two goroutines gives the rows, sentences and skips it gives with them
// run one after the other.
func TestPipelineSameRows(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { pipelineMin = n }(pipelineMin)
	for _, s := range srcs {
		pipelineMin = 1 << 30
		seq, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		pipelineMin = 0
		par, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range seq.Documents {
			a, b := seq.Documents[i], par.Documents[i]
			if !reflect.DeepEqual(a.Figures, b.Figures) || !reflect.DeepEqual(a.Sentences, b.Sentences) || !reflect.DeepEqual(a.Skips, b.Skips) {
				t.Errorf("%s document %d: the two goroutines read it otherwise than one", s.File, i+1)
			}
		}
	}
}

// TestTooLarge checks that a text longer than the loader reads is refused
// with an error that names the file and says what to do.
func TestTooLarge(t *testing.T) {
	defer func(n int) { maxTextBytes = n }(maxTextBytes)
	maxTextBytes = 8
	_, err := Parse(sources.Source{File: "big.txt", Text: "全区参保率达到95%。"})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.txt") || !strings.Contains(err.Error(), "split") {
		t.Fatalf("Parse of a text over the limit: %v, want ErrTooLarge naming big.txt", err)
	}
}
