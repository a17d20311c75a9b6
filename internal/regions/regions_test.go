package regions_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/regions"
)

// TestCounts checks the number of prefecture-level divisions of every
// province against the official counts for 2024 (333 in all: 293 cities,
// 7 地区, 30 自治州, 3 盟).
func TestCounts(t *testing.T) {
	want := map[string]int{
		"北京": 0, "天津": 0, "河北": 11, "山西": 11, "内蒙古": 12, "辽宁": 14, "吉林": 9,
		"黑龙江": 13, "上海": 0, "江苏": 13, "浙江": 11, "安徽": 16, "福建": 9, "江西": 11,
		"山东": 16, "河南": 17, "湖北": 13, "湖南": 14, "广东": 21, "广西": 14, "海南": 4,
		"重庆": 0, "四川": 21, "贵州": 9, "云南": 16, "西藏": 7, "陕西": 10, "甘肃": 14,
		"青海": 8, "宁夏": 5, "新疆": 14, "台湾": 0, "香港": 0, "澳门": 0,
	}
	got := map[string]int{}
	provinces, countries := 0, 0
	kinds := map[string]int{}
	for _, r := range regions.All() {
		switch r.Level {
		case regions.LevelCountry:
			countries++
		case regions.LevelProvince:
			provinces++
			if r.Province != r.Short {
				t.Errorf("%s: province %q, want its own short name %q", r.Name, r.Province, r.Short)
			}
			if _, ok := want[r.Short]; !ok {
				t.Errorf("unexpected province %s (%s)", r.Name, r.Short)
			}
		case regions.LevelPrefecture:
			got[r.Province]++
			for _, k := range []string{"自治州", "地区", "盟", "市"} {
				if strings.HasSuffix(r.Name, k) {
					kinds[k]++
					break
				}
			}
		default:
			t.Errorf("%s: level %q", r.Name, r.Level)
		}
	}
	if countries != 1 || provinces != 34 {
		t.Errorf("got %d countries and %d provinces, want 1 and 34", countries, provinces)
	}
	for p, n := range want {
		if got[p] != n {
			t.Errorf("%s: got %d prefecture-level divisions, want %d", p, got[p], n)
		}
	}
	if w := map[string]int{"市": 293, "地区": 7, "自治州": 30, "盟": 3}; fmt.Sprint(kinds) != fmt.Sprint(w) {
		t.Errorf("got %v by kind, want %v", kinds, w)
	}
}

// TestNames checks that full names are unique, that short names are unique
// within a level, and that only 吉林 and 海南 are both a province's and a
// prefecture's short name.
func TestNames(t *testing.T) {
	full := map[string]bool{}
	short := map[string]string{} // short name → level
	var shared []string
	for _, r := range regions.All() {
		if full[r.Name] {
			t.Errorf("full name %s twice", r.Name)
		}
		full[r.Name] = true
		if utf8.RuneCountInString(r.Short) < 2 || !strings.HasPrefix(r.Name, r.Short) && r.Level != regions.LevelCountry {
			t.Errorf("%s: short name %q is not a prefix of 2 or more characters", r.Name, r.Short)
		}
		if lv, ok := short[r.Short]; ok {
			if lv == r.Level {
				t.Errorf("short name %s twice at level %s", r.Short, lv)
			}
			shared = append(shared, r.Short)
		}
		short[r.Short] = r.Level
	}
	if fmt.Sprint(shared) != "[吉林 海南]" {
		t.Errorf("short names shared by a province and a prefecture: got %v, want [吉林 海南]", shared)
	}
}

func TestTag(t *testing.T) {
	tests := []struct{ name, want string }{
		{"广西壮族自治区", "广西"},
		{"内蒙古", "内蒙古"},
		{"北京市", "北京"},
		{"三亚", "三亚市"},
		{"遵义市", "遵义市"},
		{"黔东南", "黔东南苗族侗族自治州"},
		{"大兴安岭地区", "大兴安岭地区"},
		{"中华人民共和国", "全国"},
		{"国家", "全国"},
		{"吉林", "吉林"},
		{"吉林市", "吉林市"},
		{"海南州", "海南藏族自治州"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := regions.Lookup(tt.name)
			if !ok || r.Tag() != tt.want {
				t.Errorf("Lookup(%q).Tag() = %q, %v; want %q", tt.name, r.Tag(), ok, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name string
		want regions.Region
		ok   bool
	}{
		{"广西", regions.Region{Name: "广西壮族自治区", Short: "广西", Level: "province", Province: "广西"}, true},
		{"南宁市", regions.Region{Name: "南宁市", Short: "南宁", Level: "prefecture", Province: "广西"}, true},
		{"黔东南苗族侗族自治州", regions.Region{Name: "黔东南苗族侗族自治州", Short: "黔东南", Level: "prefecture", Province: "贵州"}, true},
		{"大兴安岭", regions.Region{Name: "大兴安岭地区", Short: "大兴安岭", Level: "prefecture", Province: "黑龙江"}, true},
		{"恩施州", regions.Region{Name: "恩施土家族苗族自治州", Short: "恩施", Level: "prefecture", Province: "湖北"}, true},
		{"海南", regions.Region{Name: "海南省", Short: "海南", Level: "province", Province: "海南"}, true},
		{"全国", regions.Region{Name: "中华人民共和国", Short: "全国", Level: "country"}, true},
		{"国务院", regions.Region{Name: "中华人民共和国", Short: "全国", Level: "country"}, true},
		{"自治区", regions.Region{}, false},
		{"南宁市卫生健康委", regions.Region{}, false},
		{"", regions.Region{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := regions.Lookup(tt.name)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// show writes mentions as text=tag, space separated.
func show(s string, ms []regions.Mention) string {
	var b []string
	for _, m := range ms {
		b = append(b, s[m.Start:m.End]+"="+m.Region.Tag())
	}
	return strings.Join(b, " ")
}

func TestFind(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"full and short province", "广西壮族自治区人民政府新闻办公室于2025年11月14日,在广西新闻发布厅举行", "广西壮族自治区=广西 广西=广西"},
		{"province then city", "广西南宁、柳州等地", "广西=广西 南宁=南宁市 柳州=柳州市"},
		{"city with 市", "三亚市卫生健康委员会", "三亚市=三亚市"},
		{"autonomous prefecture short with 州", "恩施州、湘西州和黔东南苗族侗族自治州", "恩施州=恩施土家族苗族自治州 湘西州=湘西土家族苗族自治州 黔东南苗族侗族自治州=黔东南苗族侗族自治州"},
		{"吉林 is the province", "吉林省和吉林市，吉林长春", "吉林省=吉林 吉林市=吉林市 吉林=吉林 长春=长春市"},
		{"海南 is the province unless 州", "海南省三亚市；青海海南州", "海南省=海南 三亚市=三亚市 青海=青海 海南州=海南藏族自治州"},
		{"longest first", "浙江门诊", "浙江=浙江"},
		{"not inside a word", "推广安全用药，医疗机构工作中卫生技术人员", ""},
		{"after a word-ending character", "在遵义、赴毕节调研", "遵义=遵义市 毕节=毕节市"},
		{"ordinary word", "各位来宾，尊敬的来宾，幸福安康；药品开封后", ""},
		{"ordinary word after a province", "广西来宾、陕西安康", "广西=广西 来宾=来宾市 陕西=陕西 安康=安康市"},
		{"ordinary word with 市", "来宾市、大理州", "来宾市=来宾市 大理州=大理白族自治州"},
		{"national organ", "国家医保局向各省医保局下发了；国务院办公厅", "国家=全国 国务院=全国"},
		{"国家 inside a word", "发达国家，国家3A级", ""},
		{"全国", "全国基本医疗保险参保人数", "全国=全国"},
		{"地区", "大兴安岭地区、阿里地区、南宁地区", "大兴安岭地区=大兴安岭地区 阿里地区=阿里地区 南宁地区=南宁市"},
		{"盟", "兴安盟与锡林郭勒盟", "兴安盟=兴安盟 锡林郭勒盟=锡林郭勒盟"},
		{"Xinjiang", "新疆维吾尔自治区喀什地区", "新疆维吾尔自治区=新疆 喀什地区=喀什地区"},
		{"text around", "abc 四川成都 123", "四川=四川 成都=成都市"},
		{"no division", "医疗保障基金支出34.79亿元", ""},
		{"broken UTF-8", "\xff广西\xfe", "广西=广西"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(tt.in, regions.Find(tt.in)); got != tt.want {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzFind checks that mentions are in order, do not overlap, lie on rune
// boundaries, and that the text of each mention looks up the same division.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"广西壮族自治区人民政府新闻办公室于2025年11月14日",
		"吉林省吉林市吉林", "海南州海南", "国家医保局", "推广安全", "恩施州地区市盟",
		"各位来宾", "广西来宾市", "\xe5\xb9\xbf",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, m := range regions.Find(s) {
			if m.Start < prev || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("mention %d:%d after %d in %q", m.Start, m.End, prev, s)
			}
			name := s[m.Start:m.End]
			if !utf8.ValidString(name) {
				t.Fatalf("mention %q is not on rune boundaries", name)
			}
			if r, ok := regions.Lookup(name); !ok || r != m.Region {
				t.Fatalf("Lookup(%q) = %+v, %v; Find gave %+v", name, r, ok, m.Region)
			}
			prev = m.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	para := "广西壮族自治区人民政府新闻办公室于2025年11月14日在广西新闻发布厅举行新闻发布会，" +
		"邀请自治区卫生健康委党组成员、副主任黎君君介绍有关情况。截至2025年9月底，全区基本医疗保险参保人数达5012万人，" +
		"南宁、柳州、桂林等14个设区市全部实现门诊共济，医疗救助资金支出34.79亿元。国家医保局向各省医保局下发了通知。\n"
	text := strings.Repeat(para, 2000)
	regions.Find("") // build the matcher before timing
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		regions.Find(text)
	}
}
