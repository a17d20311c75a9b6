package loader

// The tables a reviewer holds against FIGURES.md: magnitude words, units and
// classifiers, and qualifier words. One entry per line.

// magnitudes are the magnitude words multiplied out of a figure, as powers of ten.
// Longer words come first so that 万亿 wins over 万.
var magnitudes = []struct {
	word string
	exp  int
}{
	{"万亿", 12},
	{"亿", 8},
	{"万", 4},
	{"千", 3},
	{"百", 2},
}

// unitEntry maps a unit as written to the unit stored.
type unitEntry struct {
	raw, unit string
	// arabicOnly units follow Arabic digits only; after a Chinese numeral they
	// are too often part of a name (三级, 三重).
	arabicOnly bool
}

// units are the units and classifiers a figure may carry, as written. The
// scanner takes the longest entry that matches, so 人次 wins over 人 and 批次
// over 批. Units written with a magnitude word (亿元, 万人次) are found as
// magnitude + unit and need no entry.
var units = buildUnits([]unitEntry{
	// percentages and points
	{raw: "个百分点", unit: "百分点"},
	{raw: "百分点", unit: "百分点"},
	{raw: "%", unit: "%"},
	{raw: "％", unit: "%"},
	{raw: "‰", unit: "‰"},
	{raw: "℃", unit: "℃"},
	{raw: "°C", unit: "℃", arabicOnly: true},
	// money
	{raw: "美元", unit: "美元"},
	{raw: "港元", unit: "港元"},
	{raw: "欧元", unit: "欧元"},
	{raw: "元", unit: "元"},
	// people
	{raw: "人次", unit: "人次"},
	{raw: "家次", unit: "家次"},
	{raw: "例次", unit: "例次"},
	{raw: "项次", unit: "项次"},
	{raw: "人份", unit: "人份"},
	{raw: "人", unit: "人"},
	{raw: "名", unit: "名"},
	{raw: "位", unit: "位"},
	{raw: "户", unit: "户"},
	// classifiers
	{raw: "个", unit: "个"},
	{raw: "种", unit: "种"},
	{raw: "项", unit: "项"},
	{raw: "家", unit: "家"},
	{raw: "类", unit: "类"},
	{raw: "批次", unit: "批次"},
	{raw: "批", unit: "批"},
	{raw: "例", unit: "例"},
	{raw: "剂", unit: "剂"},
	{raw: "份", unit: "份"},
	{raw: "张", unit: "张"},
	{raw: "所", unit: "所"},
	{raw: "条", unit: "条"},
	{raw: "件", unit: "件"},
	{raw: "台", unit: "台"},
	{raw: "套", unit: "套"},
	{raw: "支", unit: "支"},
	{raw: "床", unit: "床"},
	{raw: "场", unit: "场"},
	{raw: "轮", unit: "轮"},
	{raw: "笔", unit: "笔"},
	{raw: "篇", unit: "篇"},
	{raw: "座", unit: "座"},
	{raw: "倍", unit: "倍"},
	{raw: "成", unit: "成", arabicOnly: true},
	{raw: "部门", unit: "部门"},
	{raw: "部委", unit: "部委"},
	{raw: "方面", unit: "方面"},
	{raw: "大类", unit: "大类"},
	{raw: "次", unit: "次"},
	// places
	{raw: "省份", unit: "省份"},
	{raw: "省", unit: "省"},
	{raw: "市", unit: "市"},
	{raw: "县", unit: "县"},
	{raw: "村", unit: "村"},
	// time and age
	{raw: "周岁", unit: "岁"},
	{raw: "岁", unit: "岁"},
	{raw: "年", unit: "年"},
	{raw: "天", unit: "天"},
	{raw: "小时", unit: "小时"},
	{raw: "分钟", unit: "分钟"},
	{raw: "周", unit: "周"},
	// measures
	{raw: "平方米", unit: "平方米", arabicOnly: true},
	{raw: "公里", unit: "公里", arabicOnly: true},
	{raw: "公斤", unit: "公斤", arabicOnly: true},
	{raw: "千克", unit: "千克", arabicOnly: true},
	{raw: "吨", unit: "吨", arabicOnly: true},
	{raw: "亩", unit: "亩", arabicOnly: true},
})

// buildUnits orders units longest first, so a prefix match finds the longest.
func buildUnits(list []unitEntry) []unitEntry {
	out := append([]unitEntry(nil), list...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len([]rune(out[j].raw)) > len([]rune(out[j-1].raw)); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Qualifiers, as stored in figures.qualifier.
const (
	Exact  = "exact"
	Approx = "approx"
	GT     = "gt"
	GTE    = "gte"
	LT     = "lt"
	LTE    = "lte"
	Range  = "range"
)

// qualifierWord is a word standing before or after a figure that qualifies it.
type qualifierWord struct {
	word, qualifier string
}

// preQualifiers stand before the number, possibly with 有 or 为 between
// (至少有514家). Longer words come first.
var preQualifiers = []qualifierWord{
	{"不少于", GTE},
	{"不低于", GTE},
	{"不超过", LTE},
	{"不高于", LTE},
	{"大约", Approx},
	{"将近", Approx},
	{"接近", Approx},
	{"超过", GT},
	{"高于", GT},
	{"多于", GT},
	{"至少", GTE},
	{"最少", GTE},
	{"至多", LTE},
	{"最多", LTE},
	{"不到", LT},
	{"不足", LT},
	{"少于", LT},
	{"低于", LT},
	{"约", Approx},
	{"近", Approx},
	{"逾", GT},
	{"超", GT},
	{"≥", GTE},
	{"≤", LTE},
	{">", GT},
	{"＞", GT},
	{"<", LT},
	{"＜", LT},
}

// postQualifiers stand after the figure's unit.
var postQualifiers = []qualifierWord{
	{"左右", Approx},
	{"上下", Approx},
	{"以上", GTE},
	{"以下", LTE},
	{"以内", LTE},
}

// gtMarkers stand between the number and its unit or magnitude: 600多项,
// 20余万元, 5万余元.
var gtMarkers = []rune{'多', '余'}

// clauseQualifiers govern the count that ends their verb phrase, however far:
// 至少各实施或参与联盟采购实施1次 is 1 次 gte.
var clauseQualifiers = []qualifierWord{
	{"至少", GTE},
	{"不少于", GTE},
	{"不低于", GTE},
}

// rangeSeparators join the two ends of a range: 2—8℃, 2-3个, 5至10, 2~3.
var rangeSeparators = []rune{'—', '–', '-', '－', '~', '～', '至', '到'}

// nameSuffixes after 年 make a count a programme's name: 三年行动.
var nameSuffixes = []string{"行动", "计划", "规划", "攻坚", "工程"}

// notUnits are words after a number that begin with a unit but make the
// number a name or a date: 建党100周年 is an anniversary, not 100 周.
var notUnits = []string{"周年"}

// cities are the prefecture-level cities of the provinces the documents
// speak of. A figure whose sentence names exactly one of them, written with
// 市 (延安市, 安康市石泉县), is about that city.
var cities = map[string][]string{
	"广西": {"南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左"},
	"山东": {"济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽"},
	"陕西": {"西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康", "商洛"},
	"安徽": {"合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城"},
	"浙江": {"杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"},
	"福建": {"福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德"},
	"四川": {"成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳"},
}
