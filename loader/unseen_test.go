package loader_test

import (
	"os"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// TestUnseenDocuments reads the three documents of examples/newdocs, which
// the loader was not written against — a press conference, a plan saved as
// HTML and a GB18030 notice — and expects every figure a careful reading by
// FIGURES.md finds, and nothing else.
func TestUnseenDocuments(t *testing.T) {
	l, err := sources.LoadDir(os.DirFS("../examples/newdocs"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Sources) != 3 || len(l.Skipped) > 0 || len(l.Warnings) > 0 {
		t.Fatalf("loaded %d, skipped %v, warnings %v", len(l.Sources), l.Skipped, l.Warnings)
	}
	expected := map[string][]want{
		"zhejiang_press.txt": {
			{"5312.6万人", "53126000", "53126000", "人", "exact"},
			{"超过99.5%", "99.5", "99.5", "%", "gt"},
			{"约1680亿元", "168000000000", "168000000000", "元", "approx"},
			{"8.7%", "8.7", "8.7", "%", "exact"},
			{"1.2个百分点", "1.2", "1.2", "百分点", "exact"},
			{"十二项", "12", "12", "项", "exact"},
			{"两个", "2", "2", "个", "exact"},
			{"１５家", "15", "15", "家", "exact"},
			{"3000多人次", "3000", "3000", "人次", "gt"},
			{"520余种", "520", "520", "种", "gt"},
			{"23类", "23", "23", "类", "exact"},
			{"52%左右", "52", "52", "%", "approx"},
			{"逾40亿元", "4000000000", "4000000000", "元", "gt"},
			{"65周岁以上", "65", "65", "岁", "gte"},
			{"75%", "75", "75", "%", "exact"},
			{"5个百分点", "5", "5", "百分点", "exact"},
			{"2个", "2", "2", "个", "exact"},
			{"6个", "6", "6", "个", "exact"},
			{"2.3万名", "23000", "23000", "名", "exact"},
			{"80%—90%", "80", "90", "%", "range"},
			{"30万元", "300000", "300000", "元", "exact"},
			{"2～8℃", "2", "8", "℃", "range"},
			{"99%以上", "99", "99", "%", "gte"},
			{"25%以下", "25", "25", "%", "lte"},
			{"不少于3.5人", "3.5", "3.5", "人", "gte"},
			{"超过1.2万家", "12000", "12000", "家", "gt"},
			{"78.3%", "78.3", "78.3", "%", "exact"},
			{"近10个百分点", "10", "10", "百分点", "approx"},
			{"约36万人次", "360000", "360000", "人次", "approx"},
		},
		"anhui_plan.html": {
			{"4.9张", "4.9", "4.9", "张", "exact"},
			{"6.3张", "6.3", "6.3", "张", "exact"},
			{"126家", "126", "126", "家", "exact"},
			{"90%左右", "90", "90", "%", "approx"},
			{"6.3", "6.3", "6.3", "张", "exact"},
			{"7.2", "7.2", "7.2", "张", "exact"},
			{"2.6", "2.6", "2.6", "人", "exact"},
			{"3.2", "3.2", "3.2", "人", "exact"},
			{"28.5%", "28.5", "28.5", "%", "exact"},
			{"≤27%", "27", "27", "%", "lte"},
			{"≥100", "100", "100", "个", "gte"},
			{"一所", "1", "1", "所", "gte"},
			{"3名", "3", "3", "名", "gte"},
			{"10个左右", "10", "10", "个", "approx"},
			{"五个", "5", "5", "个", "exact"},
		},
		"fujian_notice_gbk.txt": {
			{"80%以上", "80", "80", "%", "gte"},
			{"90%", "90", "90", "%", "exact"},
			{"2家", "2", "2", "家", "gte"},
			{"不低于100万人", "1000000", "1000000", "人", "gte"},
			{"超过70%", "70", "70", "%", "gt"},
			{"不少于50个", "50", "50", "个", "gte"},
			{"不低于50%", "50", "50", "%", "gte"},
		},
	}
	for _, s := range l.Sources {
		t.Run(s.File, func(t *testing.T) {
			p, err := loader.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, d := range p.Documents {
				for _, f := range d.Figures {
					got = append(got, want{f.Raw, string(f.Value), string(f.ValueMax), f.Unit, f.Qualifier})
				}
			}
			w := expected[s.File]
			n := max(len(got), len(w))
			for i := range n {
				var g, e want
				if i < len(got) {
					g = got[i]
				}
				if i < len(w) {
					e = w[i]
				}
				if g != e {
					t.Errorf("figure %d: got %v, want %v", i, g, e)
				}
			}
		})
	}
}
