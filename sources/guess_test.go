package sources

import (
	"fmt"
	"strings"
	"testing"
)

// The lines in these tests are short excerpts of real pages: the sources in
// this directory, a 2007 press conference of the Ministry of Health
// (news.enorth.com.cn) and the brief's model of an introduction line.

func TestGuessIssuers(t *testing.T) {
	tests := []struct {
		name, text, want, rule string
	}{
		{"title before 关于", "广西壮族自治区人民政府 办公厅文件\n桂政办发〔2022〕6号\n广西壮族自治区人民政府办公厅关于 印发广西医疗保障“十四五”规划的通知\n各市、县人民政府：\n",
			"广西壮族自治区人民政府办公厅", "the title"},
		{"two issuers in the title", "福建省卫生健康委员会 福建省医疗保障局关于印发2024年深化医改重点任务的通知\n闽卫体改〔2024〕15号\n",
			"福建省卫生健康委员会、福建省医疗保障局", "the title"},
		{"two issuers written together", "国家卫生健康委国家医保局关于做好2024年基层医疗卫生服务工作的通知\n",
			"国家卫生健康委、国家医保局", "the title"},
		{"title after a prefix", "全文|国务院办公厅印发深化医药卫生体制改革2022年重点工作任务 通知\n",
			"国务院办公厅", "the title"},
		{"signature in brackets", "答记者问丨山东118个县(市、区)组建388个医共体\n山东广播电视台记者:\n庄严答:首先感谢媒体朋友。\n(山东省人民政府新闻办公室)\n特别声明:本文为人民日报新媒体平台“人民号”作者上传并发布\n",
			"山东省人民政府新闻办公室", "the signature at the end"},
		{"signature block", "关于做好2024年医疗救助工作的通知\n各设区市医疗保障局：\n现将有关事项通知如下。\n江西省医疗保障局\n二〇二四年五月六日\n",
			"江西省医疗保障局", "the signature at the end"},
		{"organ that holds the conference", "广西医疗医保医药协同发展和治理新闻发布会\n广西壮族自治区人民政府新闻办公室于2025年11月14日(星期五)10:00,在广西新闻发布厅举行新闻发布会\n",
			"广西壮族自治区人民政府新闻办公室", "a sentence near the title"},
		{"labelled", "三亚市医疗保障事业发展情况\n发布机构：三亚市卫生健康委员会\n",
			"三亚市卫生健康委员会", "its label near the title"},
		{"来源 as a fallback", "国家卫健委开会:各医改试点都有哪些典型做法\n医疗健康 来源:医谷网\n",
			"国家卫健委", "the title"},
		{"来源 only", "各医改试点都有哪些典型做法\n医疗健康 来源:医谷网\n", "医谷网", "来源"},
		{"no organ", "谢谢!\n巩光胜:\n再次感谢3位发布人。\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rule := guessIssuers(splitLines(tt.text), tt.text)
			if strings.Join(got, "、") != tt.want || rule != tt.rule {
				t.Errorf("got %q from %q, want %q from %q", strings.Join(got, "、"), rule, tt.want, tt.rule)
			}
		})
	}
}

func TestGuessDate(t *testing.T) {
	tests := []struct {
		name, text, want, rule string
		signed                 bool
	}{
		{"date line under the title", "广西壮族自治区人民政府办公厅关于 印发广西医疗保障“十四五”规划的通知\n各市、县人民政府：\n《广西医疗保障“十四五”规划》已经自治区人民政府同意。\n2022年1月25日\n（此件公开发布）\n正文……\n广西壮族自治区人民政府办公厅\n2022年1月27日印发\n",
			"2022-01-25", "a date line near the title", false},
		{"labelled time of a conference", "广西医疗医保医药协同发展和治理新闻发布会\n2025-11-15 13:52     来源:广西云-广西日报\n时间:2025年11月14日10:00\n",
			"2025-11-14", "a date line near the title", false},
		{"signature date in Chinese numerals", "关于做好2023年医疗救助工作的通知\n各设区市医疗保障局：\n根据2023年3月1日的部署。\n" + strings.Repeat("正文。\n", 12) + "江西省医疗保障局\n二〇二四年五月二十六日\n",
			"2024-05-26", "the signature date at the end", false},
		{"first date near the title", "浙江省医疗保障工作新闻发布会\n2024年3月12日，浙江省人民政府新闻办公室举行新闻发布会。\n",
			"2024-03-12", "the first date near the title", false},
		{"time after a date", "答记者问丨山东118个县(市、区)组建388个医共体\n山东发布\n|\n2021-01-26 16:19:30\n", "2021-01-26", "a date line near the title", false},
		{"not a date", "年 月 日\n2022年13月40日\n", "", "", false},
		{"a notice's signature before the page's date", "关于做好2024年医疗救助工作的通知\n发布时间：2024-05-10\n各设区市医疗保障局：\n现将有关事项通知如下。\n江西省医疗保障局\n2024年5月6日\n",
			"2024-05-06", "the signature date at the end", true},
		{"a notice signed near the title", "广西壮族自治区人民政府办公厅关于 印发广西医疗保障“十四五”规划的通知\n各市、县人民政府：\n2022年1月25日\n" + strings.Repeat("正文。\n", 16) + "广西壮族自治区人民政府办公厅\n2022年1月27日印发\n",
			"2022-01-25", "a date line near the title", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rule := guessDate(splitLines(tt.text), tt.text, tt.signed)
			if got != tt.want || rule != tt.rule {
				t.Errorf("got %q from %q, want %q from %q", got, rule, tt.want, tt.rule)
			}
		})
	}
}

func TestFirstDateIn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022年1月25日", "2022-01-25"},
		{"二〇二二年一月二十五日", "2022-01-25"},
		{"二〇二四年十二月十日", "2024-12-10"},
		{"二〇二四年十月三十一日", "2024-10-31"},
		{"２０２４年３月１日", "2024-03-01"},
		{"2024-3-1 10:00", "2024-03-01"},
		{"2024年二十二月1日", ""},
		{"2024年十十月1日", ""},
		{"1066年1月1日", ""},
	}
	for _, tt := range tests {
		if got := firstDateIn(tt.in); got != tt.want {
			t.Errorf("firstDateIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGuessRegion(t *testing.T) {
	tests := []struct {
		name, title, issuer, text, want string
	}{
		{"province issuer", "关于做好2024年医疗救助工作的通知", "江西省医疗保障局", "", "江西"},
		{"city issuer", "关于印发方案的通知", "三亚市卫生健康委员会", "", "三亚市"},
		{"national issuer", "关于做好基层医疗卫生服务工作的通知", "国家医保局", "", "全国"},
		{"State Council", "深化医药卫生体制改革2022年重点工作任务", "国务院办公厅", "", "全国"},
		{"title", "安徽省“十四五”医疗卫生服务体系规划（节选）", "unknown", "", "安徽"},
		{"body", "医保工作新闻发布会", "省政府新闻办", "山东省卫生健康委……在山东……全国第一……山东", "山东"},
		{"none", "工作总结", "某市医保局", "全市新增门诊慢特病病种5个。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := guessRegion(tt.title, []string{tt.issuer}, tt.text); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGuessKind(t *testing.T) {
	transcript := "广西日报记者:近期,人工耳蜗集采落地,请问有何成效?\n吴华章:\n感谢您的提问。\n"
	tests := []struct{ name, title, text, want string }{
		{"transcript", "广西医疗医保医药协同发展和治理新闻发布会", transcript, KindPressConference},
		{"plan", "广西壮族自治区人民政府办公厅关于 印发广西医疗保障“十四五”规划的通知", "", KindPlan},
		{"notice", "关于印发2024年深化医改重点任务的通知", "", KindNotice},
		{"measures", "江西省医疗保障基金监督管理办法", "", KindNotice},
		{"news", "国家卫健委开会:各医改试点都有哪些典型做法", "梁万年介绍:一个理念。\n", KindNews},
		{"conference title without turns", "浙江省医疗保障工作新闻发布会", "会议介绍了有关情况。\n", KindNews},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guessKind(tt.title, parseTranscript(splitLines(tt.text).all)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestGuessSpeakers(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"answers with 答", "山东广播电视台记者:\n  中央的意见及我省的实施意见,请问我省卫生健康系统做了哪些工作?\n庄严答:首先感谢媒体朋友对我省卫生健康事业的关心支持。\n山东综合广播记者:\n请问药品监管有哪些举措?\n林炳勇答:感谢您对药品监管工作的关心关注。\n",
			"庄严 | 林炳勇"},
		{"list of those present and a host", "出席人员:\n黎君君   自治区卫生健康委党组成员、副主任\n万    秋   自治区药监局党组成员、副局长\n主持人:\n巩光胜 自治区党委宣传部新闻发布处副处长\n  巩光胜:\n女士们、先生们:\n黎君君:\n2025年,全区……\n广西日报记者:近期,人工耳蜗集采落地。\n万秋:\n谢谢。\n",
			"巩光胜 host 自治区党委宣传部新闻发布处 副处长 | 黎君君 自治区卫生健康委 党组成员、副主任 | 万秋 自治区药监局 党组成员、副局长"},
		{"introduced in a sentence, host by 主持", "出席今天发布会的有：江西省医疗保障局副局长王芳，江西省卫生健康委员会二级巡视员李明。\n发布会由省政府新闻办副主任张华主持。\n张华：\n请王芳介绍情况。\n王芳：\n2023年，全省参保人数……\n记者：请问李明，异地就医有何进展？\n李明：\n目前……\n",
			"张华 host 省政府新闻办 副主任 | 王芳 江西省医疗保障局 副局长 | 李明 江西省卫生健康委员会 二级巡视员"},
		{"bracketed names, 2007", "会议由国新办新闻局局长郭卫民主持\n[郭卫民]:\n女士们、先生们,上午好!\n[陈竺]:\n谢谢主持人。\n[记者]:\n请问新农合有何进展?\n[陈竺]:\n新农合……\n",
			"郭卫民 host 国新办新闻局 局长 | 陈竺"},
		{"agency before 的", "今天和陈部长一起出席发布会的还有卫生部的新闻发言人毛群安先生。\n[毛群安]:\n谢谢。\n[记者]:\n请问……\n",
			"毛群安 卫生部 新闻发言人"},
		{"a host never named", "主持人：\n下面请王明介绍情况。\n王明：\n2023年，全省参保人数达到5312.6万人。\n主持人：\n下面进入提问环节。\n记者：请问异地就医结算有哪些新进展？\n王明：\n目前……\n",
			"主持人 host | 王明"},
		{"labels are not speakers", "时间:2025年11月14日10:00\n地点:南宁市民族大道112号\n出席人员:\n文件下载:\n关联文件:\n来源:广西云\n", ""},
		{"places and list heads are not speakers", "问：哪些病种纳入门诊慢特病？\n答：\n包括：\n高血压：二级以上。\n南宁市：\n柳州：\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := splitLines(tt.text).all
			var got []string
			for _, sp := range parseTranscript(lines).speakers(lines) {
				got = append(got, strings.Join(strings.Fields(strings.Join([]string{sp.Name, sp.Role, sp.Agency, sp.Title}, " ")), " "))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestGuessEmbedded guesses every embedded source as if the manifest did not
// list it, and compares the guesses with the manifest a person wrote.
func TestGuessEmbedded(t *testing.T) {
	// Where the guess is known to differ from the manifest, and why.
	misses := map[string]string{
		"001_932ef7d88d8c5276.txt date":       "the page prints its own date split over three lines; the last lines are a sidebar's dates",
		"000_06eea8c11720e39c.txt agency 巩光胜": "the manifest keeps the short form 自治区党委宣传部新闻发布处",
		"000_06eea8c11720e39c.txt agency 万秋":  "the page shows the spam string J9九游会 for her agency; the manifest corrects it",
		"003_c26bc6e68afd92b9.txt agency 庄严":  "the text never names the speakers' agencies",
		"003_c26bc6e68afd92b9.txt agency 林炳勇": "the text never names the speakers' agencies",
		"003_c26bc6e68afd92b9.txt agency 张宁波": "the text never names the speakers' agencies",
	}
	srcs, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		d, _, _ := guessDocument(s.Text)
		m := s.Documents[0]
		var names []string
		for _, sp := range m.Speakers {
			names = append(names, sp.Name)
		}
		var gotNames []string
		for _, sp := range d.Speakers {
			gotNames = append(gotNames, sp.Name)
		}
		checks := []struct{ field, got, want string }{
			{"issuer", d.Issuer(), m.Issuer()},
			{"date", d.Date, m.Date},
			{"kind", d.Kind, m.Kind},
			{"region", d.Region, m.Region},
		}
		if m.Kind == KindPressConference {
			checks = append(checks, struct{ field, got, want string }{"speakers", fmt.Sprint(gotNames), fmt.Sprint(names)})
			for i, sp := range m.Speakers {
				if i < len(d.Speakers) && d.Speakers[i].Name == sp.Name {
					checks = append(checks, struct{ field, got, want string }{"agency " + sp.Name, d.Speakers[i].Agency, sp.Agency})
				}
			}
		}
		for _, c := range checks {
			why, known := misses[s.File+" "+c.field]
			switch {
			case c.got != c.want && !known:
				t.Errorf("%s: guessed %s %q, the manifest says %q", s.File, c.field, c.got, c.want)
			case c.got == c.want && known:
				t.Errorf("%s: %s is now guessed right (%q): remove it from misses (%s)", s.File, c.field, c.got, why)
			}
		}
	}
}

// TestSkeletonGuessed checks that a skeleton marks what was guessed, lists
// a transcript's speakers, and parses as a manifest.
func TestSkeletonGuessed(t *testing.T) {
	text := "江西省医疗保障工作新闻发布会\n时间：2024年5月6日\n来源：江西省医疗保障局\n出席今天发布会的有：江西省医疗保障局副局长王芳。\n发布会由省政府新闻办副主任张华主持。\n张华：\n请王芳介绍。\n王芳：\n全省参保人数达到4200万人。\n记者：请问有何进展？\n王芳：\n谢谢。\n"
	s := Source{File: "jx.txt", Text: text}
	s.infer()
	out := Skeleton([]Source{s})
	for _, want := range []string{
		"    # guessed: issuer \"江西省医疗保障局\" from 来源\n",
		"    # guessed: speakers 张华 (host), 王芳 from the transcript's turns\n",
		"        kind: press_conference\n        region: \"江西\"\n",
		"          - name: \"王芳\"\n            agency: \"江西省医疗保障局\"\n            title: \"副局长\"\n",
		"            role: host\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("skeleton lacks %q:\n%s", want, out)
		}
	}
	srcs, err := ParseManifest(ManifestFile, []byte(out))
	if err != nil {
		t.Fatalf("skeleton does not parse: %v\n%s", err, out)
	}
	if sp := srcs[0].Documents[0].Speakers; len(sp) != 2 || sp[0].Role != "host" || sp[1].Agency != "江西省医疗保障局" {
		t.Errorf("parsed speakers: %+v", sp)
	}
}

func TestFullOrganName(t *testing.T) {
	tests := []struct{ name, region, want string }{
		{"国家卫健委", "全国", "国家卫生健康委员会"},
		{"国家医保局", "全国", "国家医疗保障局"},
		{"自治区卫生健康委", "广西", "广西壮族自治区卫生健康委员会"},
		{"自治区医保局", "广西", "广西壮族自治区医疗保障局"},
		{"省医保局", "浙江", "浙江省医疗保障局"},
		{"省政府新闻办", "山东", "山东省人民政府新闻办公室"},
		{"市卫生健康委员会", "三亚市", "三亚市卫生健康委员会"},
		{"市医保局", "浙江", "市医疗保障局"},               // which city is not known
		{"自治区医保局", "浙江", "自治区医疗保障局"},           // 浙江 is a province, not an autonomous region
		{"国家卫生健康委体制改革司", "全国", "国家卫生健康委体制改革司"}, // only the end is written out
		{"广西壮族自治区人民政府办公厅", "广西", "广西壮族自治区人民政府办公厅"},
		{"", "广西", ""},
	}
	for _, tt := range tests {
		if got := fullOrganName(tt.name, tt.region); got != tt.want {
			t.Errorf("fullOrganName(%q, %q) = %q, want %q", tt.name, tt.region, got, tt.want)
		}
	}
}

// TestGuessSpeakerRegion checks that a speaker whose agency names another
// division than the document's gets that division as their region.
func TestGuessSpeakerRegion(t *testing.T) {
	text := "国家卫生健康委新闻发布会\n出席今天发布会的有：浙江省卫生健康委员会巡视员马伟杭，国家卫生健康委体制改革司司长梁万年。\n主持人：\n请马伟杭介绍。\n马伟杭：\n浙江省深化“最多跑一次”改革。\n记者：请问医改有何进展？\n梁万年：\n谢谢。\n"
	d, _, _ := guessDocument(text)
	var got []string
	for _, sp := range d.Speakers {
		got = append(got, sp.Name+"/"+sp.Agency+"/"+sp.Title+"/"+sp.Region)
	}
	want := "主持人/// | 马伟杭/浙江省卫生健康委员会/巡视员/浙江 | 梁万年/国家卫生健康委体制改革司/司长/"
	if d.Region != "全国" || strings.Join(got, " | ") != want {
		t.Errorf("region %s, speakers\n got %s\nwant %s", d.Region, strings.Join(got, " | "), want)
	}
}

// FuzzGuessDocument checks that guessing never panics and gives a valid
// date and kind.
func FuzzGuessDocument(f *testing.F) {
	f.Add("江西省医疗保障局\n二〇二四年五月二十六日\n")
	f.Add("庄严答:首先感谢媒体朋友。\n记者:\n王芳：\n")
	f.Add("主持人:\n")
	f.Add("黎君君   自治区卫生健康委党组成员、副主任\n")
	f.Add("发布会由主持。\n由张华主持\n张华:\n")
	f.Fuzz(func(t *testing.T, text string) {
		d, _, _ := guessDocument(text)
		if d.Date != "" && !validDate(d.Date) {
			t.Fatalf("date %q", d.Date)
		}
		if !validKinds[d.Kind] {
			t.Fatalf("kind %q", d.Kind)
		}
		if len(d.Issuers) == 0 {
			t.Fatalf("no issuer")
		}
	})
}

// BenchmarkGuessDocument guesses the details of every embedded source.
func BenchmarkGuessDocument(b *testing.B) {
	srcs, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range srcs {
		n += len(s.Text)
	}
	// A signature line that is one long run of organ words.
	long := "关于印发的通知\n" + strings.Repeat("江西省医疗保障局", 2000) + "\n"
	b.SetBytes(int64(n + len(long)))
	for b.Loop() {
		for _, s := range srcs {
			guessDocument(s.Text)
		}
		guessDocument(long)
	}
}
