package loader_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// goldFigure is one line of a hand-checked reading in testdata/gold.
type goldFigure struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Raw       string  `json:"raw"`
	Value     float64 `json:"value"`
	ValueMax  float64 `json:"value_max"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Required  bool    `json:"required"`
	Note      string  `json:"note"`
}

func readGold(t *testing.T, path string) []goldFigure {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldFigure
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var g goldFigure
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, g)
	}
	return out
}

// TestGold scores the loader against the hand-checked readings in
// testdata/gold, the way the documents that are not shared are scored:
// every required figure found (spans overlapping) with the same value,
// value_max, unit and qualifier; nothing found outside a body or on a
// non-figure.
func TestGold(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/gold/*.gold.jsonl")
	if len(files) == 0 {
		t.Fatal("no gold files in testdata/gold")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".gold.jsonl") + ".txt"
		t.Run(name, func(t *testing.T) {
			var src *sources.Source
			for i := range srcs {
				if srcs[i].File == name {
					src = &srcs[i]
				}
			}
			if src == nil {
				t.Fatalf("no source %s", name)
			}
			p, err := loader.Parse(*src)
			if err != nil {
				t.Fatal(err)
			}
			var got []loader.Row
			for _, d := range p.Documents {
				got = append(got, d.Figures...)
			}
			gold := readGold(t, file)
			s := score(gold, got)
			for _, m := range s.report {
				t.Log(m)
			}
			t.Logf("recall %.3f precision %.3f fields %.3f (%d gold required, %d found)", s.recall, s.precision, s.fields, s.required, len(got))
			if s.recall < 0.97 || s.precision < 0.97 || s.fields < 0.97 {
				t.Errorf("below 0.97: recall %.3f precision %.3f fields %.3f", s.recall, s.precision, s.fields)
			}
		})
	}
}

type scores struct {
	recall, precision, fields float64
	required                  int
	report                    []string
}

func overlaps(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

func score(gold []goldFigure, got []loader.Row) scores {
	var s scores
	matchedGold := make([]bool, len(gold))
	found, correct, falsePos, counted := 0, 0, 0, 0
	for _, f := range got {
		gi := -1
		for i, g := range gold {
			if overlaps(f.Start, f.End, g.Start, g.End) {
				gi = i
				break
			}
		}
		if gi < 0 {
			falsePos++
			s.report = append(s.report, fmt.Sprintf("extra    %d %q %s %s %s", f.Start, f.Raw, f.Value, f.Unit, f.Qualifier))
			continue
		}
		g := gold[gi]
		matchedGold[gi] = true
		if !g.Required {
			continue
		}
		counted++
		if f.Value.Float64() == g.Value && f.ValueMax.Float64() == g.ValueMax && f.Unit == g.Unit && f.Qualifier == g.Qualifier {
			correct++
		} else {
			s.report = append(s.report, fmt.Sprintf("wrong    %d %q got %s-%s %s %s want %v-%v %s %s", f.Start, f.Raw, f.Value, f.ValueMax, f.Unit, f.Qualifier, g.Value, g.ValueMax, g.Unit, g.Qualifier))
		}
	}
	for i, g := range gold {
		if !g.Required {
			continue
		}
		s.required++
		if matchedGold[i] {
			found++
		} else {
			s.report = append(s.report, fmt.Sprintf("missing  %d %q %v %s %s (%s)", g.Start, g.Raw, g.Value, g.Unit, g.Qualifier, g.Note))
		}
	}
	s.recall = float64(found) / float64(max(s.required, 1))
	s.precision = float64(counted) / float64(max(counted+falsePos, 1))
	s.fields = float64(correct) / float64(max(counted, 1))
	return s
}
