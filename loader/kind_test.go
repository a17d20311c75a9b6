package loader_test

import (
	"os"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// TestKindBreaksTiesOnly parses documents of the unseen corpus under every
// kind a manifest may give. A figure whose text places it in time (到2022年,
// 截至, 2023年末) keeps its role whatever the kind; only a figure the text
// neither dates nor gives a role word (a headline's 达到78.6岁) may take its
// role from the kind.
func TestKindBreaksTiesOnly(t *testing.T) {
	l, err := sources.LoadDir(os.DirFS("testdata/unseen/tune"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{sources.KindPlan, sources.KindNotice, sources.KindNews, sources.KindPressConference}
	for _, src := range l.Sources {
		if src.File != "nhc_bulletin_2023.txt" && src.File != "healthy_china_action_opinion_2019.txt" {
			continue
		}
		roles := map[string][]string{} // kind → role of each figure
		for _, kind := range kinds {
			s := src
			s.Documents = append([]sources.Document(nil), src.Documents...)
			for i := range s.Documents {
				s.Documents[i].Kind = kind
			}
			p, err := loader.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range p.Documents {
				for _, f := range d.Figures {
					if f.Period != "" {
						roles[kind] = append(roles[kind], f.Raw+"="+f.Role)
					}
				}
			}
		}
		for i, want := range roles[kinds[0]] {
			for _, k := range kinds[1:] {
				if got := roles[k][i]; got != want {
					t.Errorf("%s: %s as a plan, %s as %s", src.File, want, got, k)
				}
			}
		}
		if len(roles[kinds[0]]) < 5 {
			t.Errorf("%s: only %d dated figures", src.File, len(roles[kinds[0]]))
		}
	}
}
