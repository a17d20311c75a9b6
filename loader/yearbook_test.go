package loader_test

import (
	"strings"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// cellWant is what a reader gives one cell of a statistics table.
type cellWant struct {
	raw, unit, period, subjectHas string
}

// yearbookTests are statistics tables laid out as real pages give them,
// each with cells a careful reader reads by FIGURES.md.
var yearbookTests = []struct {
	name  string
	text  string
	cells []cellWant
}{
	{
		// A flattened page dropped the cell 年份 spans over three header
		// rows, so the rows under it slid a column left (衢州 11-5).
		name: "header rows that lost a spanned cell",
		text: "历年全市卫生基本情况\n" +
			"年份 | 卫 生 | 其中: | 卫生机构 | 其中: | 卫生技术 | 其中: |\n" +
			"机构数 | 医院 | 床位数 | 医院 | 人员数 | 医生 | |\n" +
			"(个) | (个) | (张) | (张) | (人) | (人) | |\n" +
			"1949 | 12 | 5 | 84 | 81 | 572 | 448 |\n" +
			"1950 | 16 | 5 | 140 | 132 | 649 | 497 |\n",
		cells: []cellWant{
			{"12", "个", "1949", "机构数"},
			{"5", "个", "1949", "医院"},
			{"84", "张", "1949", "床位数"},
			{"81", "张", "1949", "医院"},
			{"448", "人", "1949", "医生"},
			{"497", "人", "1950", "医生"},
		},
	},
	{
		// A yearbook printed from a page (岳阳 13-8): rows spaced apart by
		// blank lines, 单位 on a header line of its own, 2009 年 spaced, a
		// section row with its unit, each row missing a different cell.
		name: "printed yearbook with blank lines between rows",
		text: "13—8        村卫生室基本情况\n\n\n" +
			"                                                        总计                  村办             乡卫生院设点\n" +
			"                                          单位\n" +
			"                                                  2009 年    2010 年    2009 年    2010 年   2009 年    2010 年\n\n\n\n" +
			"                  一、机构数                   个       3124       3487      2430       2650         3      105\n\n\n" +
			"                  二、执业(助理)工医师             人       1006       1129       257        668       275\n\n\n" +
			"                  三、乡村医生或卫生员              人\n\n\n\n" +
			"                        乡村医生              人       2317       2719      2024       2278                  5\n\n\n" +
			"                        卫生员               人         10        220          2       185                  1\n",
		cells: []cellWant{
			{"3124", "个", "2009", "机构数"},
			{"3487", "个", "2010", "机构数"},
			{"105", "个", "2010", "机构数"},
			{"1129", "人", "2010", "执业(助理)工医师"},
			{"275", "人", "2009", "执业(助理)工医师"},
			{"2719", "人", "2010", "乡村医生"},
			{"5", "人", "2010", "乡村医生"},
			{"185", "人", "2010", "卫生员"},
		},
	},
}

func TestYearbookTables(t *testing.T) {
	for _, tt := range yearbookTests {
		t.Run(tt.name, func(t *testing.T) {
			src := sources.Source{File: "t.txt", Text: tt.text, Bytes: []byte(tt.text), Documents: []sources.Document{{
				Title: "t", Issuers: []string{"某统计局"}, Date: "2011-12-01", Kind: sources.KindNotice, Region: "全国",
			}}}
			p, err := loader.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			figs := p.Documents[0].Figures
			n := 0
			for _, f := range figs {
				if strings.ContainsRune(f.Raw, '—') || f.Raw == "13" || f.Raw == "8" {
					t.Errorf("the table's number %q is a figure", f.Raw)
				}
			}
			for _, w := range tt.cells {
				found := false
				for _, f := range figs[n:] {
					n++
					if f.Raw != w.raw {
						continue
					}
					found = true
					if f.Unit != w.unit || f.Period != w.period || !strings.Contains(f.Subject, w.subjectHas) {
						t.Errorf("%s: unit %q period %q subject %q, want %q %q and a subject holding %q",
							w.raw, f.Unit, f.Period, f.Subject, w.unit, w.period, w.subjectHas)
					}
					break
				}
				if !found {
					t.Errorf("no cell %q (in order)", w.raw)
				}
			}
		})
	}
}
