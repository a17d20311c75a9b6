package loader_test

import (
	"strings"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// contextTests are sentences of the kind real provincial releases, plans
// and transcripts are written in, each with the period, role and region a
// careful reader gives its figures by FIGURES.md §4.
var contextTests = []struct {
	name           string
	date, kind     string
	region         string
	text           string
	raw            string
	period, role   string
	wantRegion     string
	wantSubjectHas string
}{
	{"a comparison base sets no period", "2026-01-15", "news", "江西",
		"2024年，全省城乡居民医保基金总收入865.27亿元，比上年增长5.1%。", "5.1%", "2024", "change", "江西", ""},
	{"the figure before the base", "2026-01-15", "news", "江西",
		"2024年，全省城乡居民医保基金总收入865.27亿元，比上年增长5.1%。", "865.27亿元", "2024", "actual", "江西", "城乡居民医保基金总收入"},
	{"今年以来 and 较去年同期", "2026-05-10", "news", "海南",
		"今年以来，全省住院费用跨省直接结算率达98.3%，较去年同期提高2.6个百分点。", "2.6个百分点", "2026", "change", "海南", ""},
	{"a statistics release filed as a notice", "2026-02-20", "notice", "江西",
		"截至2025年底，全省基本医疗保险参保人数达到4120.6万人。", "4120.6万人", "2025-12-31", "actual", "江西", "基本医疗保险参保人数"},
	{"a deadline makes a target", "2022-03-01", "notice", "江西",
		"到2025年，全省基本医疗保险参保率稳定在95%以上。", "95%以上", "2025", "target", "江西", "基本医疗保险参保率"},
	{"a ceiling is no actual", "2025-11-14", "press_conference", "广西",
		"特困对象政策内医疗费用救助比例可达100%。", "100%", "", "", "广西", "救助比例"},
	{"a paragraph about another province", "2019-06-27", "news", "全国",
		"四川省在全省推行分级诊疗，县域内就诊率达到90%以上。", "90%以上", "", "actual", "四川", "县域内就诊率"},
	{"a city named with 市", "2024-09-02", "press_conference", "海南",
		"三亚市已组建4个紧密型城市医疗集团。", "4个", "", "actual", "三亚市", "紧密型城市医疗集团"},
	{"a city written without 市", "2024-06-01", "news", "贵州",
		"遵义全面推进紧密型县域医共体建设，县域内就诊率达到90%。", "90%", "", "actual", "遵义市", "县域内就诊率"},
	{"a city of another province", "2024-06-01", "news", "全国",
		"苏州市每千人口执业医师数达到3.4人。", "3.4人", "", "actual", "苏州市", "执业医师数"},
	{"the noun after a count", "2025-11-14", "press_conference", "广西",
		"目前全区已备案29个疫苗临床试验现场。", "29个", "2025-11-14", "actual", "广西", "疫苗临床试验现场"},
	{"a first half", "2025-08-01", "news", "江西",
		"上半年，全省医保基金支出312.5亿元。", "312.5亿元", "2025-06-30", "actual", "江西", "医保基金支出"},
	{"a from–to pair", "2025-11-14", "press_conference", "广西",
		"门诊特殊慢性病从29个病种扩大到38个病种。", "29个", "", "baseline", "广西", "病种"},
	{"a year in Chinese digits", "2022-06-10", "news", "全国",
		"二〇二一年，全国基本医疗保险参保人数136297万人。", "136297万人", "2021", "actual", "全国", "基本医疗保险参保人数"},
	{"an aside is not the subject", "2023-10-25", "news", "安徽",
		"2022年，全省医疗卫生机构总诊疗人次(含村卫生室)达37000.3万人次。", "37000.3万人次", "2022", "actual", "安徽", "医疗卫生机构总诊疗人次"},
	{"a from–to pair with its years", "2023-10-25", "news", "安徽",
		"每千人口医疗卫生机构床位数由2021年6.72张增加到2022年7.25张。", "6.72张", "2021", "baseline", "安徽", "床位数"},
	{"the value of a from–to pair with its year", "2023-10-25", "news", "安徽",
		"每千人口医疗卫生机构床位数由2021年6.72张增加到2022年7.25张。", "7.25张", "2022", "actual", "安徽", "床位数"},
	{"分别 opening its clause pairs across units", "2022-06-10", "news", "全国",
		"2021年，居民医保基金收入9724.48亿元，支出9296.37亿元，分别比上年增长6.7%、13.9%。", "6.7%", "2021", "change", "全国", "收入"},
	{"分别: the second of the pair", "2022-06-10", "news", "全国",
		"2021年，居民医保基金收入9724.48亿元，支出9296.37亿元，分别比上年增长6.7%、13.9%。", "13.9%", "2021", "change", "全国", "支出"},
	{"分别 after words that name the list", "2021-12-01", "plan", "广西",
		"到2025年，全区基本医疗保险参保人数达到5205万人，职工和城乡居民住院费用基金支付比例分别达到85%和70%以上。", "85%", "2025", "target", "广西", "支付比例"},
}

func TestContextRules(t *testing.T) {
	for _, tt := range contextTests {
		t.Run(tt.name, func(t *testing.T) {
			src := sources.Source{File: "t.txt", Text: tt.text, Bytes: []byte(tt.text), Documents: []sources.Document{{
				Title: "t", Issuers: []string{"某机关"}, Date: tt.date, Kind: tt.kind, Region: tt.region,
			}}}
			p, err := loader.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range p.Documents[0].Figures {
				if f.Raw != tt.raw {
					continue
				}
				got := [3]string{f.Period, f.Role, f.Region}
				want := [3]string{tt.period, tt.role, tt.wantRegion}
				if got != want {
					t.Errorf("%s: period, role, region %q, want %q", tt.raw, got, want)
				}
				if !strings.Contains(f.Subject, tt.wantSubjectHas) {
					t.Errorf("%s: subject %q, want one holding %q", tt.raw, f.Subject, tt.wantSubjectHas)
				}
				return
			}
			t.Fatalf("no figure %q in %q", tt.raw, tt.text)
		})
	}
}
