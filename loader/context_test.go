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
	{"a from date dates its own figure only", "2016-01-01", "plan", "重庆",
		"2015年全市人口平均预期寿命达到76.7岁。孕产妇死亡率由2010年的28.01/10万下降到15.3/10万。", "15.3/10万", "2015", "actual", "重庆", "孕产妇死亡率"},
	{"the body's first paragraph dates the next", "2016-01-01", "plan", "重庆",
		"“十二五”时期，全市卫生计生事业快速发展。\n医改取得阶段性成效，城乡居民参保率稳定在95%以上。", "95%以上", "2011/2015", "actual", "重庆", "城乡居民参保率"},
	{"a rate reached in a span is its last year's", "2016-01-01", "plan", "重庆",
		"“十二五”时期，全市卫生计生事业快速发展。\n每千常住人口床位数达到5.86张。", "5.86张", "2015", "actual", "重庆", "每千常住人口床位数"},
	{"the start of a from–to pair in a span", "2016-01-01", "plan", "重庆",
		"“十二五”时期，全市卫生计生事业快速发展。\n全市医疗机构床位从103624张增加到176674张。", "103624张", "2010", "baseline", "重庆", "医疗机构床位"},
	{"its end", "2016-01-01", "plan", "重庆",
		"“十二五”时期，全市卫生计生事业快速发展。\n全市医疗机构床位从103624张增加到176674张。", "176674张", "2015", "actual", "重庆", "医疗机构床位"},
	{"a count reached in a span adds it up", "2025-11-14", "press_conference", "广西",
		"2024年以来，全区开展便民服务措施7069项，受益人数达1.25亿人次。", "1.25亿人次", "2024/2025", "actual", "广西", "受益人数"},
	{"目前 dates its clause only", "2026-01-31", "news", "云南",
		"2025年，全省建设25个省级临床医学中心，全省目前有编外院长491人；全省129家县级综合医院达到国家基本标准。", "129家", "2025", "actual", "云南", "县级综合医院"},
	{"a place's level in brackets", "2026-01-31", "news", "云南",
		"2025年，云南省孕产妇死亡率降至9.38/10万，持续优于全国平均水平(13.4/10万)。", "13.4/10万", "", "baseline", "全国", ""},
	{"a ranking's scope is no region", "2026-01-31", "news", "云南",
		"云南全省110家县级综合医院达到推荐标准，位列全国第9；1486家乡镇卫生院全部达到国家标准。", "1486家", "", "actual", "云南", "乡镇卫生院"},
	{"其中 counts a part of the set before", "2026-01-31", "news", "云南",
		"云南全省129家县级综合医院，128家达到国家基本标准，其中110家达到推荐标准。", "110家", "", "actual", "云南", "县级综合医院"},
	{"names listed before 分别", "2023-08-14", "notice", "榆林市",
		"到2030年，婴儿死亡率、5岁以下儿童死亡率、孕产妇死亡率分别下降到4.0‰、4.5‰、10/10万。", "4.5‰", "2030", "target", "榆林市", "5岁以下儿童死亡率"},
	{"过去一年 is the year before the document's", "2024-04-08", "news", "河北",
		"过去一年，河北全年争取中央和省级预算内资金19.48亿元。", "19.48亿元", "2023", "actual", "河北", "预算内资金"},
	{"当年 is the year spoken of", "2020-06-24", "notice", "全国",
		"2019年，全国基本医保基金总收入24421亿元，占当年GDP比重约为2.5%。", "2.5%", "2019", "actual", "全国", "GDP比重"},
	{"全国 inside a clause does not carry on", "2024-04-08", "news", "河北",
		"石家庄市获批全国公立医院改革与高质量发展示范项目。3个设区市开展紧密型城市医疗集团建设国家试点。", "3个", "", "actual", "河北", "设区市"},
	{"a change against a year named before it", "2021-06-01", "plan", "阿拉善盟",
		"2020年，全盟卫生机构总资产比2015年增加1.53倍。", "1.53倍", "2015/2020", "change", "阿拉善盟", "卫生机构总资产"},
	{"a change against the year before is the year's", "2025-03-09", "press_conference", "全国",
		"2024年我国居民人均预期寿命达到79岁，比2023年提高0.4岁。", "0.4岁", "2024", "change", "全国", "人均预期寿命"},
	{"a class of hospitals by beds", "2016-05-11", "notice", "湖南",
		"2015年末，医院按床位数分：100-199张医院171个，200-499张医院195个。", "100-199张", "2015-12-31", "", "湖南", "医院"},
	{"the count of a class", "2016-05-11", "notice", "湖南",
		"2015年末，医院按床位数分：100-199张医院171个，200-499张医院195个。", "171个", "2015-12-31", "actual", "湖南", "医院"},
	{"a change after 环比 measures the figure before", "2021-08-23", "news", "深圳市",
		"全市基本医疗保险参保人数1647.02万人，环比增加9.26万人，同比增加77.32万人。", "77.32万人", "", "change", "深圳市", "基本医疗保险参保人数"},
	{"a year's end dates a stock, not a flow", "2023-10-25", "news", "安徽",
		"2022年末，全省医疗卫生机构数达30176个。\n全省居民到医疗卫生机构平均就诊6.0次。", "6.0次", "2022", "actual", "安徽", "就诊"},
	{"a stock after a year's end keeps it", "2023-10-25", "news", "安徽",
		"2022年末，全省医疗卫生机构数达30176个。\n全省医疗卫生机构床位44.4万张。", "44.4万张", "2022-12-31", "actual", "安徽", "床位"},
	{"a base opening the phrase, the measure after it", "2024-03-01", "news", "新余市",
		"2023年新余市城镇职工基本医疗保险基金收入10.49亿元，其中统筹基金收入6.89亿元。相比上年基金收入增长5.39%。", "5.39%", "2023", "change", "新余市", "基金收入"},
	{"an age bound names a group", "2023-08-14", "notice", "榆林市",
		"到2030年，婴儿死亡率、5岁以下儿童死亡率、孕产妇死亡率分别下降到4.0‰、4.5‰、10/10万。", "5岁以下", "2030", "", "榆林市", "儿童"},
	{"last year's end", "2025-03-01", "news", "广东",
		"到去年末，广东共有六万六千个医疗卫生机构，其中有一千八百多家医院。", "六万六千个", "2024-12-31", "actual", "广东", "医疗卫生机构"},
	{"an approximate count is no class bound", "2025-03-01", "news", "广东",
		"到去年末，广东共有六万六千个医疗卫生机构，其中有一千八百多家医院。", "一千八百多家", "2024-12-31", "actual", "广东", "医院"},
	{"a person classifier counts the noun after it", "2025-03-01", "news", "广东",
		"到去年底广东有一百万多名卫生技术人员，四十六万多名注册护士。", "四十六万多名", "2024-12-31", "actual", "广东", "注册护士"},
	{"a day's count, its year the document's", "2020-02-15", "press_conference", "浙江",
		"据悉，2月14日0-24时，浙江省报告新冠肺炎新增确诊病例7例。", "7例", "2020-02-14", "actual", "浙江", "确诊病例"},
	{"截至到 a day", "2020-02-15", "press_conference", "浙江",
		"截至到2月14日24时，温州本地病例是292例。", "292例", "2020-02-14", "actual", "温州市", "病例"},
	{"a day alone dates an event, not the figures", "2021-06-08", "news", "河南",
		"6月7日，省政府新闻办召开发布会。2020年，全省人均预期寿命达到77.7岁。", "77.7岁", "2020", "actual", "河南", "人均预期寿命"},
	{"years listed, figures listed: each takes its year", "2019-11-05", "news", "宁夏",
		"记者从会上获悉，宁夏决定开展16项专项行动，力争到2022年和2030年，人均预期寿命达到77岁和79岁（2018年为75.7岁），居民健康素养水平达到20%和30%及以上（2018年为12.88%）。", "77岁", "2022", "target", "宁夏", "人均预期寿命"},
	{"the second of a list takes the second year", "2019-11-05", "news", "宁夏",
		"记者从会上获悉，宁夏决定开展16项专项行动，力争到2022年和2030年，人均预期寿命达到77岁和79岁（2018年为75.7岁），居民健康素养水平达到20%和30%及以上（2018年为12.88%）。", "30%及以上", "2030", "target", "宁夏", "居民健康素养水平"},
	{"a date in an aside dates only the aside", "2019-11-05", "news", "宁夏",
		"记者从会上获悉，宁夏决定开展16项专项行动，力争到2022年和2030年，人均预期寿命达到77岁和79岁（2018年为75.7岁），居民健康素养水平达到20%和30%及以上（2018年为12.88%）。", "20%", "2022", "target", "宁夏", "居民健康素养水平"},
	{"a past level beside a deadline ahead is a baseline", "2019-11-05", "news", "宁夏",
		"记者从会上获悉，宁夏决定开展16项专项行动，力争到2022年和2030年，人均预期寿命达到77岁和79岁（2018年为75.7岁），居民健康素养水平达到20%和30%及以上（2018年为12.88%）。", "75.7岁", "2018", "baseline", "宁夏", ""},
	{"将 in this year's news: a target", "2024-01-26", "news", "云南",
		"记者从正在召开的云南省两会上获悉，2024年云南将全力打造好医院，实施62个重点中心乡镇卫生院提质建设。", "62个", "2024", "target", "云南", "重点中心乡镇卫生院"},
	{"将 about a past year is no target", "2024-01-26", "news", "云南",
		"2023年云南将1368家基层医疗卫生机构纳入达标建设。", "1368家", "2023", "actual", "云南", "基层医疗卫生机构"},
	{"现为 restates the measure before it", "2021-06-01", "notice", "陕西",
		"2020年，全省基层医疗卫生机构减少了420个，现为33199个。", "33199个", "2020", "actual", "陕西", "基层医疗卫生机构"},
	{"a comparison on a traditional page names no measure", "2016-06-01", "notice", "四川",
		"2015年，縣級醫院入院人數252.36萬人，與上年相比增長2.93%。", "2.93%", "2015", "change", "四川", "县级医院入院人数"},
	{"the measure in the clause before", "2023-01-10", "news", "广州市",
		"辖区居民健康素养水平稳步提升，2022年达38.2%。", "38.2%", "2022", "actual", "广州市", "居民健康素养水平"},
	{"a verb alone names no measure: the pair's", "2017-02-18", "news", "甘肃",
		"到2030年，婴儿死亡率从2015年的5.28‰降到2030年的≤5‰。", "≤5‰", "2030", "target", "甘肃", "婴儿死亡率"},
	{"相比上年 alone names no measure", "2024-03-01", "news", "新余市",
		"2023年新余市城乡居民基本医疗保险基金收入8.84亿元，相比上年下降11%。", "11%", "2023", "change", "新余市", "基金收入"},
	{"a comparison base on a traditional page dates nothing after it", "2020-03-25", "news", "江苏",
		"2019年底，全省醫療衛生機構總數34796個，與上年比較增加1543個。全省醫療機構34055個，其中非營利性醫療機構24327個。", "34055個", "2019-12-31", "actual", "江苏", "医疗机构"},
	{"a share after 占 is of the measure before it", "2020-03-25", "news", "江苏",
		"全省医疗机构34055个，其中非营利性医疗机构24327个，占医疗机构总数的71.43%。", "71.43%", "", "actual", "江苏", "非营利性医疗机构占医疗机构总数"},
	{"a place alone before a count: what it does names it", "2024-01-26", "news", "云南",
		"全省有2020余万人签约家庭医生，签约率达43%。", "2020余万人", "", "actual", "云南", "签约家庭医生"},
	{"截止到 is an as-of date, no deadline", "2018-12-12", "notice", "沈阳市",
		"截止到2018年底，沈阳地区拥有各级各类卫生机构5270个；其中医院274个。", "5270个", "2018-12-31", "actual", "沈阳市", "卫生机构"},
	{"a count as of a day just after the page's date is no target", "2018-12-12", "notice", "沈阳市",
		"截止到2018年底，沈阳地区拥有各级各类卫生机构5270个；其中医院274个。", "274个", "2018-12-31", "actual", "沈阳市", "医院"},
	{"年年末", "2018-03-02", "notice", "河南",
		"2017年年末全省共有卫生机构71090个，其中医院1632个。", "71090个", "2017-12-31", "actual", "河南", "卫生机构"},
	{"a year's end without its year is the named year's", "2023-03-09", "news", "全国",
		"2022年，基本医疗保险基金总收入30697.72亿元，年末基金累计结存42540.73亿元。", "42540.73亿元", "2022-12-31", "actual", "全国", "基金累计结存"},
	{"a paper's name is no place described", "2025-09-24", "news", "武汉市",
		"湖北日报讯（记者张倩倩）人均期望寿命从80.57岁增长至83.56岁。", "83.56岁", "", "actual", "武汉市", "人均期望寿命"},
	{"now is the day the report names", "2020-02-04", "news", "赣州市",
		"2月3日，记者从有关部门获悉，截至目前，赣州市新型冠状病毒感染的肺炎确诊病例35例。", "35例", "2020-02-03", "actual", "赣州市", "确诊病例"},
	{"年末 alone in a year's bulletin", "2018-03-02", "notice", "四川",
		"四川省2017年出版地方报纸132种。\n年末医疗卫生机构80492个，其中医院2218个。医疗卫生机构床位56.3万张。", "56.3万张", "2017-12-31", "actual", "四川", "床位"},
	{"a subject on a traditional page is written simplified", "2025-03-01", "news", "广东",
		"到去年底廣東擁有六十四萬多張醫療床位。", "六十四萬多張", "2024-12-31", "actual", "广东", "医疗床位"},
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

// titleTests are documents whose title alone dates their figures.
var titleTests = []struct {
	name, title, date, kind, region, text, raw, period, role string
}{
	{"a five-year plan named in the title", "宝应县“十四五”卫生健康发展规划", "2022-01-01", "plan", "扬州市",
		"——健康服务能力显著增强。每千常住人口执业(助理)医师达3.9人。", "3.9人", "2025", "target"},
	{"a year in brackets in the title", "卫生机构、床位和人员情况(2023)", "2024-01-01", "notice", "乐山市",
		"全市卫生技术人员25381人。", "25381人", "2023", "actual"},
}

func TestTitleDatesFigures(t *testing.T) {
	for _, tt := range titleTests {
		t.Run(tt.name, func(t *testing.T) {
			src := sources.Source{File: "t.txt", Text: tt.text, Bytes: []byte(tt.text), Documents: []sources.Document{{
				Title: tt.title, Issuers: []string{"某机关"}, Date: tt.date, Kind: tt.kind, Region: tt.region,
			}}}
			p, err := loader.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range p.Documents[0].Figures {
				if f.Raw == tt.raw {
					if f.Period != tt.period || f.Role != tt.role {
						t.Errorf("%s: period %q role %q, want %q %q", tt.raw, f.Period, f.Role, tt.period, tt.role)
					}
					return
				}
			}
			t.Fatalf("no figure %q in %q", tt.raw, tt.text)
		})
	}
}
