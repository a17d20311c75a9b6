package loader_test

import (
	"slices"
	"testing"

	"github.com/mediq/mediq/loader"
)

// forms3aTests are the forms FIGURES.md §3a spells out, and the misreadings
// the redesign of the scanner fixes, each in a sentence of the kind real
// documents use.
var forms3aTests = []struct {
	name string
	text string
	want []want
}{
	{"magnitude without unit takes the noun's", "全省总诊疗人次43.0亿，同比增长0.2%。", []want{{"43.0亿", "4300000000", "4300000000", "人次", "exact"}, {"0.2%", "0.2", "0.2", "%", "exact"}}},
	{"magnitude without unit after its noun", "出院人次16693.5万，病床使用率为73.8%。", []want{{"16693.5万", "166935000", "166935000", "人次", "exact"}, {"73.8%", "73.8", "73.8", "%", "exact"}}},
	{"beds imply 张", "全省医疗卫生机构床位44.4万，其中医院床位36.2万。", []want{{"44.4万", "444000", "444000", "张", "exact"}, {"36.2万", "362000", "362000", "张", "exact"}}},
	{"money noun implies yuan", "全年基金收入680.93亿，支出612.5亿。", []want{{"680.93亿", "68093000000", "68093000000", "元", "exact"}, {"612.5亿", "61250000000", "61250000000", "元", "exact"}}},
	{"no unit to be told", "全省居民健康素养水平指数为105.3。", []want{{"105.3", "105.3", "105.3", "", "exact"}}},
	{"hyphen minus sign", "药品费用增速为-2.3%。", []want{{"-2.3%", "-2.3", "-2.3", "%", "exact"}}},
	{"full-width minus sign", "次均费用增长－2.3%。", []want{{"－2.3%", "-2.3", "-2.3", "%", "exact"}}},
	{"负 as a sign", "住院人次增长负2.3%。", []want{{"负2.3%", "-2.3", "-2.3", "%", "exact"}}},
	{"下降 is a direction, not a sign", "次均住院费用下降2.3%。", []want{{"2.3%", "2.3", "2.3", "%", "exact"}}},
	{"negated lower bound", "每个检查组不得少于2人。", []want{{"不得少于2人", "2", "2", "人", "gte"}}},
	{"negated upper bound", "结算时间不得超过30天。", []want{{"不得超过30天", "30", "30", "天", "lte"}}},
	{"months with a measure word", "连续参保6个月以上的，可以享受待遇。", []want{{"6个月以上", "6", "6", "月", "gte"}}},
	{"及以上", "18岁及以上居民均可参加。", []want{{"18岁及以上", "18", "18", "岁", "gte"}}},
	{"内 after a span of time", "应当在5年内完成整改。", []want{{"5年内", "5", "5", "年", "lte"}}},
	{"range of months", "待遇等待期为3个月至12个月。", []want{{"3个月至12个月", "3", "12", "月", "range"}}},
	{"bounds on both sides", "处骗取金额2倍以上5倍以下的罚款。", []want{{"2倍以上", "2", "2", "倍", "gte"}, {"5倍以下", "5", "5", "倍", "lte"}}},
	{"bounds in two units", "暂停医保结算6个月以上1年以下。", []want{{"6个月以上", "6", "6", "月", "gte"}, {"1年以下", "1", "1", "年", "lte"}}},
	{"money bounds", "处5000元以上3万元以下罚款。", []want{{"5000元以上", "5000", "5000", "元", "gte"}, {"3万元以下", "30000", "30000", "元", "lte"}}},
	{"compound unit with 次", "全年接种疫苗126.8万剂次。", []want{{"126.8万剂次", "1268000", "1268000", "剂次", "exact"}}},
	{"rate denominator", "每10万人口全科医生数达到3.9人。", []want{{"3.9人", "3.9", "3.9", "人", "exact"}}},
	{"rate in words", "每千人口床位数6.7张。", []want{{"6.7张", "6.7", "6.7", "张", "exact"}}},
	{"rate unit", "人均筹资标准为89元/人。", []want{{"89元/人", "89", "89", "元/人", "exact"}}},
	{"百余", "全市百余家医院参与。", []want{{"百余家", "100", "100", "家", "gt"}}},
	{"逾百", "逾百家企业参与。", []want{{"逾百家", "100", "100", "家", "gt"}}},
	{"成", "八成以上患者在县域内就诊。", []want{{"八成以上", "8", "8", "成", "gte"}}},
	{"千分之", "孕产妇死亡率控制在千分之四以内。", []want{{"千分之四以内", "4", "4", "‰", "lte"}}},
	{"百分之", "覆盖率达到百分之九十五。", []want{{"百分之九十五", "95", "95", "%", "exact"}}},
	{"点 decimal", "费用增长了三点五倍。", []want{{"三点五倍", "3.5", "3.5", "倍", "exact"}}},
	{"一万二千", "培训一万二千人。", []want{{"一万二千人", "12000", "12000", "人", "exact"}}},
	{"翻一番", "服务量翻了一番。", []want{{"一番", "1", "1", "番", "exact"}}},
	{"vehicles", "配备救护车50辆。", []want{{"50辆", "50", "50", "辆", "exact"}}},
	{"districts", "覆盖全市12区。", []want{{"12区", "12", "12", "区", "exact"}}},
	{"vague count is not a figure", "数十家医院参与。", nil},
	{"table number is an identifier", "详见表1。", nil},
	{"article number is an ordinal", "依照本条例第三十八条规定处理。", nil},
	{"month and day", "自2025年1月1日起施行。", nil},
	{"time", "发布会于上午10:00举行。", nil},
	{"version", "推广按病组付费2.0版。", nil},
	{"phone number", "咨询电话0771-5551234。", nil},
	{"the noun after a bare number implies its unit", "以全市800多万常住人口计算，千人均医院床位数仅3.74张。", []want{{"800多万", "8000000", "8000000", "人", "gt"}, {"3.74张", "3.74", "3.74", "张", "exact"}}},
	{"突破 is more than", "全市医院床位总数突破3万张。", []want{{"突破3万张", "30000", "30000", "张", "gt"}}},
	{"archive rolls", "向社会开放各类档案625.1万卷。", []want{{"625.1万卷", "6251000", "6251000", "卷", "exact"}}},
	{"a range of decimals from 0", "人均预期寿命每年提高0.1—0.2岁。", []want{{"0.1—0.2岁", "0.1", "0.2", "岁", "range"}}},
	{"hours of a day", "2月14日0-24时，新增确诊病例7例。", []want{{"7例", "7", "7", "例", "exact"}}},
	{"phone number after a colon, with a dash and a space", "联系电话：0471— 6945023、6911012(传真)", nil},
	{"a number in an e-mail address", "E-mail：wsxxzx_wjx@163.com", nil},
	{"an age range from 0", "全市0-6岁儿童健康管理率达到90%。", []want{{"0-6岁", "0", "6", "岁", "range"}, {"90%", "90", "90", "%", "exact"}}},
	{"year before 以来", "2020以来，全省改革不断深化。", nil},
	{"range with magnitude", "每人每年补助2—3万元。", []want{{"2—3万元", "20000", "30000", "元", "range"}}},
	{"approx marker after magnitude", "平均减轻负担5万余元。", []want{{"5万余元", "50000", "50000", "元", "gt"}}},
	// a quantity right after a year is no month: only 月 makes one
	{"quantity after a year", "每千人口医疗卫生机构床位数由2021年6.72张增加到2022年7.25张。", []want{{"6.72张", "6.72", "6.72", "张", "exact"}, {"7.25张", "7.25", "7.25", "张", "exact"}}},
	{"hour after a day", "截至2月14日24时，累计报告确诊病例1162例。", []want{{"1162例", "1162", "1162", "例", "exact"}}},
	{"hour after a day, traditional", "截至2月14日24時，浙江省累計報告確診病例1162例。", []want{{"1162例", "1162", "1162", "例", "exact"}}},
	{"qualifier after a bare magnitude", "全省健康管理人数1000万以上。", []want{{"1000万以上", "10000000", "10000000", "人", "gte"}}},
	{"bed-days", "医院医师日均担负住院2.1床日。", []want{{"2.1床日", "2.1", "2.1", "床日", "exact"}}},
	{"column gap is no unit's space", "13—8        村卫生室基本情况", nil},
	{"a news report's day of the month", "河北省政府新闻办8日召开新闻发布会。", nil},
	{"a day before a place and the event", "副司长朱永峰11日在北京指出，参保率稳定在95%。", []want{{"95%", "95", "95", "%", "exact"}}},
	{"a day in brackets after the weekday", "规划全文于周五(20日)公布。", nil},
	{"days as a span stay a figure", "应当在5日内完成整改。", []want{{"5日内", "5", "5", "日", "lte"}}},
	{"多 before a magnitude", "城镇新增就业二千八百多万人。", []want{{"二千八百多万人", "28000000", "28000000", "人", "gt"}}},
	{"多 before a magnitude, Arabic", "在园幼儿410多万人。", []want{{"410多万人", "4100000", "4100000", "人", "gt"}}},
	{"廿 and 卅", "新增廿二万多人，卅七万多名医师，一百卅二家机构。", []want{{"廿二万多人", "220000", "220000", "人", "gt"}, {"卅七万多名", "370000", "370000", "名", "gt"}, {"一百卅二家", "132", "132", "家", "exact"}}},
}

func TestForms3a(t *testing.T) {
	for _, tt := range forms3aTests {
		t.Run(tt.name, func(t *testing.T) { checkForms(t, tt.text, tt.want) })
	}
}

// checkForms checks the figures the scanner finds in text.
func checkForms(t *testing.T, text string, want []want) {
	t.Helper()
	if got := describe(loader.ScanFigures(text)); !slices.Equal(got, want) {
		t.Errorf("%s\ngot  %v\nwant %v", text, got, want)
	}
}

// traditionalTests are figures written in traditional characters (a BIG5
// edition of a news page): units stay as written.
var traditionalTests = []struct {
	name string
	text string
	want []want
}{
	{"classifier 個", "全省除無病例的12個縣(市、區)外。", []want{{"12個", "12", "12", "個", "exact"}}},
	{"magnitude 萬", "參保人數達1000萬人以上。", []want{{"1000萬人以上", "10000000", "10000000", "人", "gte"}}},
	{"age 歲", "15歲以上人群吸煙率。", []want{{"15歲以上", "15", "15", "歲", "gte"}}},
	{"numeral 一萬二千", "培訓一萬二千人。", []want{{"一萬二千人", "12000", "12000", "人", "exact"}}},
	{"點 decimal", "增長百分之四點四。", []want{{"百分之四點四", "4.4", "4.4", "%", "exact"}}},
	{"多 before 萬", "在園幼兒四百一十多萬人。", []want{{"四百一十多萬人", "4100000", "4100000", "人", "gt"}}},
}

func TestTraditionalForms(t *testing.T) {
	for _, tt := range traditionalTests {
		t.Run(tt.name, func(t *testing.T) { checkForms(t, tt.text, tt.want) })
	}
}
