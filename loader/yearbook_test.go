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
	region                        string // "" for the document's
}

// yearbookTests are statistics tables laid out as real pages give them,
// each with cells a careful reader reads by FIGURES.md.
var yearbookTests = []struct {
	name   string
	text   string
	region string // the document's, 全国 if ""
	title  string // the document's, "t" if ""
	cells  []cellWant
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
			{"12", "个", "1949", "机构数", ""},
			{"5", "个", "1949", "医院", ""},
			{"84", "张", "1949", "床位数", ""},
			{"81", "张", "1949", "医院", ""},
			{"448", "人", "1949", "医生", ""},
			{"497", "人", "1950", "医生", ""},
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
			{"3124", "个", "2009", "机构数", ""},
			{"3487", "个", "2010", "机构数", ""},
			{"105", "个", "2010", "机构数", ""},
			{"1129", "人", "2010", "执业(助理)工医师", ""},
			{"275", "人", "2009", "执业(助理)工医师", ""},
			{"2719", "人", "2010", "乡村医生", ""},
			{"5", "人", "2010", "乡村医生", ""},
			{"185", "人", "2010", "卫生员", ""},
		},
	},
	{
		// A total row printed without its label (乐山 17-6): its numbers
		// fill the value columns, one short of the labelled rows.
		name: "a total row without its label",
		text: "17-6  卫生机构情况\n" +
			"           3186        27840        31832 \n" +
			"一、医院          92        19833        17965 \n" +
			"    综合医院          53         9955        10765 \n",
		cells: []cellWant{
			{"3186", "", "", "", ""},
			{"27840", "", "", "", ""},
			{"92", "", "", "", ""},
			{"10765", "", "", "", ""},
		},
	},
	{
		// A yearbook printed plainly (福建 17-5): a label and numbers
		// separated by single spaces, a total row without its label, a
		// translation under each row, an empty cell as a wider gap.
		name: "numbers separated by single spaces",
		text: "17-5 各类卫生机构情况(2020年)\n" +
			"      28152 216753 278397\n" +
			"  医院 695 169245 167731\n" +
			"        Hospitals          \n" +
			"    门诊部 1409   18481\n" +
			"        Outpatient Departments\n" +
			"    村卫生室 17173   5702\n",
		cells: []cellWant{
			{"28152", "", "2020", "", ""},
			{"169245", "", "2020", "医院", ""},
			{"1409", "", "2020", "门诊部", ""},
			{"18481", "", "2020", "门诊部", ""},
			{"5702", "", "2020", "村卫生室", ""},
		},
	},
	{
		// The same layout under a header of words separated by single
		// spaces: the columns' units come from it.
		name: "a spaced table under its header",
		text: "卫生事业基本情况\n" +
			"年份 卫生机构数(个) 床位数(张) 卫生技术人员(人)\n" +
			"1978 1589 140 31547\n" +
			"1980 1802 141 35792\n",
		cells: []cellWant{
			{"1589", "个", "1978", "卫生机构数", ""},
			{"141", "张", "1980", "床位数", ""},
			{"35792", "人", "1980", "卫生技术人员", ""},
		},
	},
	{
		// A yearbook page flattened into lines of words (广州 18-17): the
		// header no longer stands over its columns, but read in order its
		// units and # marks are one to a column.
		name: "a flattened header read in order",
		text: "18-17 主要年份卫生事业基本情况\n" +
			"Basic Statistics on Public Health in Main Years\n\n" +
			"卫生机构数   卫   生   卫生机构   每万人口 每万人口\n" +
			"  (个)   技术人员   床位数   医生数 医院床位数\n" +
			"年 份   # 医 院 (人) # 医 生 (张) # 医 院 (人) (张)\n" +
			"  Health Care Hospitals Medical Doctors Hospital Hospitals Doctors Hospital Beds\n" +
			"Year Institutions   Professionals   Beds   per 10000 per 10000\n" +
			"  (unit)   (person)   (bed)   Population Population\n" +
			"              (person) (bed)\n" +
			"1978      1589   140    31547    12014    17109    14382    24.88    29.78\n" +
			"1980      1802   141    35792    14566    17673    14747    29.02    29.38\n",
		cells: []cellWant{
			{"1589", "个", "1978", "", ""},
			{"140", "个", "1978", "", ""},
			{"31547", "人", "1978", "", ""},
			{"12014", "人", "1978", "", ""},
			{"17109", "张", "1978", "", ""},
			{"14382", "张", "1978", "", ""},
			{"24.88", "人", "1978", "", ""},
			{"29.38", "张", "1980", "", ""},
		},
	},
	{
		// Read in order, this flattened header (湖南 14-7) would make a
		// part larger than its whole (11.54 under 5.52): no unit is
		// guessed.
		name: "a flattened header that does not read in order",
		text: "14-7 卫生事业基本情况\n\n" +
			"  卫生机构数   卫生机构 床位数 卫生机构 技术人员数\n" +
			"      (万张)   (万人)\n" +
			"年份 (个) #医院、 Number of #医院、 Medical #医生\n" +
			"1978      9477   4374    11.14    5.52    11.54    5.38\n" +
			"1979      9753   4387    11.56    5.93    12.54    5.80\n",
		cells: []cellWant{
			{"9477", "", "1978", "", ""},
			{"11.14", "", "1978", "", ""},
			{"5.80", "", "1979", "", ""},
		},
	},
	{
		// A row label that names its group first (医院分级别: 三级医院), and a
		// value that reads like a year and month (1973.8) in a cell.
		name: "a group before the row's name, a value like a date",
		text: "单位:万人次\n" +
			"| 项目 | 2015 | 2016 |\n" +
			"|---|---|---|\n" +
			"| 医院分级别: 三级医院 | 11974.9 | 12525.5 |\n" +
			"| 医院分类别: 专科医院 | 1703.8 | 1973.8 |\n",
		cells: []cellWant{
			{"11974.9", "人次", "2015", "三级医院", ""},
			{"1973.8", "人次", "2016", "专科医院", ""},
		},
	},
	{
		// A table of places (乐山 17-3): each row's place is its region, the
		// title names the measure, the columns are years.
		name: "rows of places under years",
		text: "17-3 各区市县自治县卫生技术人员数\n单位:人\n" +
			"|  | 1949 | 1952 | 1957 |\n" +
			"| 乐 山 市 | 79 | 634 | 776 |\n" +
			"| 市中 区 | 56 | 360 | 425 |\n" +
			"| 犍为 县 | 8 | 62 | 60 |\n" +
			"| 峨 眉 山 市 | 9 | 57 | 51 |\n",
		region: "乐山市",
		cells: []cellWant{
			{raw: "79", unit: "人", period: "1949", subjectHas: "卫生技术人员数", region: "乐山市"},
			{raw: "360", unit: "人", period: "1952", subjectHas: "卫生技术人员数", region: "乐山市市中区"},
			{raw: "60", unit: "人", period: "1957", subjectHas: "卫生技术人员数", region: "犍为县"},
			{raw: "9", unit: "人", period: "1949", subjectHas: "卫生技术人员数", region: "峨眉山市"},
		},
	},
	{
		// A bilingual yearbook printed with single spaces (福建 18-4): the
		// unit line ends in its translation, the header's corner word in
		// its own, the years head the columns, the total row has no label,
		// and each row is followed by its translation.
		name: "bilingual spaced yearbook, years over the columns",
		text: "18-4 各类卫生技术人员数\n" +
			"单位:人 (person)\n" +
			"项目  Item 2000 2005 2010\n" +
			"    97569 100937 140133\n" +
			"  #执业医师 31966 36668 48789\n" +
			"        Chartered Doctors\n" +
			"    注册护士 31430 34195 53820\n" +
			"        Certified Nurses\n",
		cells: []cellWant{
			{"97569", "人", "2000", "卫生技术人员数", ""},
			{"140133", "人", "2010", "卫生技术人员数", ""},
			{"31966", "人", "2000", "执业医师", ""},
			{"53820", "人", "2010", "注册护士", ""},
		},
	},
	{
		// A two-row header printed flat with single spaces (国家中医药管理
		// 局 2017): each word of the upper line spans an equal group of
		// the year columns below it.
		name: "spaced header over groups of columns",
		text: "2017年全国中医类医院的机构、床位增减情况\n" +
			"  机构数(个) 床位数(张)\n" +
			"2016 2017 增减数 增减(%) 2016 2017 增减数 增减(%)\n" +
			"  4,328 4,566 238 5.5 877,313 951,356 74,043 8.44\n" +
			"中医医院 3,462 3,695 233 6.73 761,755 818,216 56,461 7.41\n",
		cells: []cellWant{
			{"4,328", "个", "2016", "机构数", ""},
			{"951,356", "张", "2017", "床位数", ""},
			{"3,462", "个", "2016", "中医医院", ""},
			{"818,216", "张", "2017", "中医医院", ""},
		},
	},
	{
		// A pipe table whose page collapsed the cells a group word spanned
		// (新疆 2020): the caption's unit sits in a cell, and the lower
		// header rows lost the cell under 地区, so they slid a column left.
		name: "lower header rows slid left under a spanning group",
		text: "住院病人费用\n" +
			"(2020年) | 单位:元 | ||||\n" +
			"地 区 | 住院病人 | 出院者平均 | |||\n" +
			"人均住院 | 床位费 | 诊察费 | 每日住院 | 药 费 | |\n" +
			"总 计 | 8483.7 | 304.5 | 72.8 | 961.9 | 210.2 |\n" +
			"乌鲁木齐市 | 15987.3 | 429.3 | 100.3 | 1662.1 | 364.5 |\n" +
			"克拉玛依市 | 11357.6 | 382.2 | 85.3 | 1148.7 | 264.9 |\n" +
			"吐鲁番市 | 5839.5 | 231.5 | 47.0 | 932.6 | 138.8 |\n",
		region: "新疆",
		cells: []cellWant{
			{raw: "8483.7", unit: "元", period: "2020", subjectHas: "人均住院"},
			{raw: "304.5", unit: "元", period: "2020", subjectHas: "床位费"},
			{raw: "364.5", unit: "元", period: "2020", subjectHas: "药 费", region: "乌鲁木齐市"},
		},
	},
	{
		// A bilingual yearbook printed with single spaces whose labels
		// carry their English translation, and whose units survive only
		// as English glosses (内蒙古 21-4): (person) is 人; a Chinese unit
		// wins over the gloss beside it.
		name: "labels with their translation, units as English glosses",
		text: "21-4 卫生事业基本情况\n" +
			"Item 2008 2009\n" +
			"职工人数() Persons Engaged in Health Institution(person) 131879 139488\n" +
			"床位数(张) Beds (unit) 81407 87321\n",
		cells: []cellWant{
			{"131879", "人", "2008", "职工人数", ""},
			{"139488", "人", "2009", "职工人数", ""},
			{"87321", "张", "2009", "床位数", ""},
		},
	},
	{
		// A bilingual yearbook page flattened into lines of words (河北
		// 2009): each column's name split between two lines, the lower
		// ending in its unit, the English translation on lines of its own;
		// the rows are places named in both languages, some spaced out.
		name: "flattened two-line header over a table of places",
		text: "Conditions of Public Health (2008)\n" +
			"    City 公共图书馆 医院、卫生院 医 生 数 注册护士数\n" +
			"图书藏量(千册) 床位数(张) (人) (人)\n" +
			"Public Collections Hospital Beds (person)\n" +
			"(1000 volumes) (bed) (person) (person)\n" +
			"城市合计 Total 8095 102133 55334 42249\n" +
			"石家庄市 Shijiazhuang 3153 21411 14096 9773\n" +
			"承 德 市 Chengde 330 4066 2219 1760\n" +
			"张家口市 Zhangjiakou 674 4939 2669 2374\n",
		region: "河北",
		title:  "Conditions of Public Health (2008)",
		cells: []cellWant{
			{raw: "8095", unit: "册", period: "2008", subjectHas: "公共图书馆图书藏量", region: "河北"},
			{raw: "21411", unit: "张", period: "2008", subjectHas: "医院、卫生院床位数", region: "石家庄市"},
			{raw: "2219", unit: "人", period: "2008", subjectHas: "医生数", region: "承德市"},
			{raw: "2374", unit: "人", period: "2008", subjectHas: "注册护士数", region: "张家口市"},
		},
	},
	{
		// A pipe table whose page packed the group words into the first
		// columns (全国 2011-01): the names below repeat once a group, so
		// each word goes back over its group, and its unit with it.
		name: "group words packed to the left over repeated names",
		text: "2011年1月医疗机构总诊疗人数和出院人数分地区统计\n" +
			"地 区 | 总诊疗人次数(万人次) | 出院人数(千人) | ||||\n" +
			"医院 | 乡镇 卫生院 | 社区卫生 | 医院 | 乡镇 卫生院 | 社区卫生 | |\n" +
			"总 计 | 15482.6 | 6672.7 | 3858.0 | 8014.3 | 2495.8 | 163.5 |\n" +
			"北 京 | 729.1 | – | 271.4 | 147.7 | – | 3.1 |\n" +
			"天 津 | 361.8 | 48.0 | 125.6 | 84.1 | 10.7 | 0.8 |\n" +
			"河 北 | 458.0 | 225.6 | 42.2 | 357.9 | 84.0 | 3.4 |\n",
		cells: []cellWant{
			{raw: "6672.7", unit: "人次", period: "2011-01", subjectHas: "乡镇"},
			{raw: "8014.3", unit: "人", period: "2011-01", subjectHas: "医院"},
			{raw: "0.8", unit: "人", period: "2011-01", subjectHas: "社区卫生", region: "天津"},
		},
	},
	{
		// A table that prints no unit (杭州 2024年1-3月): each column's
		// noun implies its unit, as a number after its noun does in prose;
		// 1-3月 dates it by the month it reaches.
		name: "no unit printed: the column's noun implies it",
		text: "2024年1-3月杭州市医疗机构、床位和卫生技术人员数\n" +
			"机构分类 | 机构个数 | 床位数 | 卫生技术人员 |\n" +
			"总 计 | 2901 | 100587 | 143624 |\n" +
			"综合医院 | 188 | 51878 | 61883 |\n",
		cells: []cellWant{
			{"2901", "个", "2024-03", "机构个数", ""},
			{"51878", "张", "2024-03", "综合医院", ""},
			{"61883", "人", "2024-03", "综合医院", ""},
		},
	},
	{
		// A pipe table whose header a page flattened a level at a time
		// (山东 17-2): the wholes with their units first, then their parts
		// marked #; the one way of giving each whole its parts in which no
		// part exceeds its whole places them.
		name: "a header flattened a level at a time",
		text: "17-2 各市卫生事业基本情况 | |||||||||\n" +
			"(2004年) | |||||||||\n" +
			"地 区 | 卫 生 机构数 (个) |\n" +
			"床位数 (张) |\n" +
			"卫 生 技术人员 (人) |\n" +
			"||||||\n" +
			"#医 院 | #卫 生 防 疫 站 数 |\n" +
			"#妇 幼 保 健 站 数 |\n" +
			"#医 院 | #医 生 | #注 册 护 士 |\n" +
			"||||\n" +
			"全省总计 | 16574 | 1082 | 177 | 149 | 231574 | 164800 | 323101 | 139177 | 96448 |\n" +
			"济南市 | 1413 | 153 | 13 | 12 | 24044 | 19677 | 34318 | 14674 | 11560 |\n" +
			"青岛市 | 2924 | 121 | 20 | 9 | 25684 | 20082 | 32944 | 13957 | 10460 |\n" +
			"淄博市 | 667 | 60 | 10 | 9 | 14610 | 10536 | 18946 | 8752 | 6010 |\n" +
			"枣庄市 | 444 | 65 | 8 | 7 | 9935 | 7499 | 14719 | 6257 | 5246 |\n" +
			"东营市 | 727 | 40 | 7 | 7 | 7709 | 5851 | 10066 | 4171 | 3285 |\n" +
			"烟台市 | 1762 | 99 | 14 | 13 | 17422 | 12692 | 24466 | 10573 | 6619 |\n",
		region: "山东",
		cells: []cellWant{
			{raw: "149", unit: "个", period: "2004", subjectHas: "妇幼保健站数", region: "山东"},
			{raw: "19677", unit: "张", period: "2004", subjectHas: "床位数", region: "济南市"},
			{raw: "13957", unit: "人", period: "2004", subjectHas: "医生", region: "青岛市"},
		},
	},
	{
		// A yearbook table whose title gives its year in brackets without
		// 年 (乐山 17-6): the year of every cell.
		name:  "a year in brackets in the title",
		title: "17-6 卫生机构、床位和人员情况(2023)",
		text: "17-6 卫生机构、床位和人员情况\n" +
			"| 项目 | 机构数(个) | 床位数(张) |\n" +
			"| 综合医院 | 53 | 9955 |\n" +
			"| 中医医院 | 15 | 3949 |\n",
		cells: []cellWant{
			{"53", "个", "2023", "综合医院", ""},
			{"3949", "张", "2023", "中医医院", ""},
		},
	},
}

func TestYearbookTables(t *testing.T) {
	for _, tt := range yearbookTests {
		t.Run(tt.name, func(t *testing.T) {
			region, title := tt.region, tt.title
			if region == "" {
				region = "全国"
			}
			if title == "" {
				title = "t"
			}
			src := sources.Source{File: "t.txt", Text: tt.text, Bytes: []byte(tt.text), Documents: []sources.Document{{
				Title: title, Issuers: []string{"某统计局"}, Date: "2011-12-01", Kind: sources.KindNotice, Region: region,
			}}}
			p, err := loader.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			figs := p.Documents[0].Figures
			n := 0
			titleEnd := len([]rune(tt.text[:strings.IndexByte(tt.text, '\n')]))
			for _, f := range figs {
				if f.Start < titleEnd {
					t.Errorf("%q in the title line (the table's number) is a figure", f.Raw)
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
					if w.region != "" && f.Region != w.region {
						t.Errorf("%s: region %q, want %q", w.raw, f.Region, w.region)
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

// TestCodesBeforeLabelsAreNoFigures reads a table printed from a layout
// whose lines carry codes before their labels (内蒙古 21-4: 1, 2, 2): the
// codes name rows; only the values are figures.
func TestCodesBeforeLabelsAreNoFigures(t *testing.T) {
	text := "21-4 卫生事业基本情况\n" +
		"1     # 医院、卫生院     Hospitals     1799     1803\n" +
		"2           县及县以上医院         Hospitals at County     471     471\n" +
		"2           乡镇卫生院         Health Center at Town     1324     1327\n" +
		"2        疗养院、所     Sanatoriums     6     6\n"
	src := sources.Source{File: "t.txt", Text: text, Bytes: []byte(text), Documents: []sources.Document{{
		Title: "21-4 卫生事业基本情况(2008—2009年)", Issuers: []string{"某统计局"}, Date: "2010-01-01", Kind: sources.KindNotice, Region: "内蒙古",
	}}}
	p, err := loader.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Documents[0].Figures {
		got = append(got, f.Raw)
	}
	want := []string{"1799", "1803", "471", "471", "1324", "1327", "6", "6"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("figures %q, want %q", got, want)
	}
}

// TestUnitAboveTheBody reads a table whose body starts at its header, under
// a unit line the body leaves out (全国 1949—1975 床位, 单位:万张).
func TestUnitAboveTheBody(t *testing.T) {
	text := "1949-2006年全国卫生机构床位数\n单位:万张\n" +
		"年份\t合计\t医院\t疗养院\n" +
		"1949\t8.5\t8.0\t0.4\n" +
		"1950\t11.9\t9.7\t0.6\n"
	src := sources.Source{File: "t.txt", Text: text, Bytes: []byte(text), Documents: []sources.Document{{
		Title: "1949-2006年全国卫生机构床位数", Issuers: []string{"某统计局"}, Date: "2008-01-22", Kind: sources.KindNotice, Region: "全国",
		Body: []sources.Marker{{Start: "年份", End: "0.6"}},
	}}}
	p, err := loader.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Documents[0].Figures {
		if f.Raw == "9.7" && (f.Unit != "张" || string(f.Value) != "97000") {
			t.Errorf("9.7: %s %s, want 97000 张", f.Value, f.Unit)
		}
	}
	if len(p.Documents[0].Figures) != 6 {
		t.Errorf("%d figures, want 6", len(p.Documents[0].Figures))
	}
}
