package loader_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

func TestParseMarkerErrors(t *testing.T) {
	src := sources.Source{
		File: "x.txt",
		Text: "chrome\n正文开始，共有3家医院。\n正文结束\nmore chrome",
		Documents: []sources.Document{{
			Title: "T", Issuers: []string{"I"}, Date: "2025-01-01", Kind: "news",
			Body: []sources.Marker{{Start: "正文开始", End: "缺少的结尾"}, {Start: "不存在", End: "正文结束"}},
		}},
	}
	_, err := loader.Parse(src)
	var list loader.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v, want an ErrorList of 2", err)
	}
	if !errors.Is(err, loader.ErrMarkerNotFound) {
		t.Errorf("errors.Is(err, ErrMarkerNotFound) is false for %v", err)
	}
	want := []string{
		`x.txt:2:1: body end marker "缺少的结尾" not found after the start marker`,
		`x.txt:1:1: body start marker "不存在" not found after this point; check the manifest entry against the text`,
	}
	for i, w := range want {
		if list[i].Error() != w {
			t.Errorf("error %d: got %q, want %q", i, list[i].Error(), w)
		}
	}

	src.Documents[0].Body = []sources.Marker{{Start: "正文开始", End: "正文结束"}}
	p, err := loader.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	d := p.Documents[0]
	if len(d.Figures) != 1 || d.Figures[0].Raw != "3家" {
		t.Fatalf("figures: %+v", d.Figures)
	}
	if got := strings.Join([]string{d.Sentences[0].Text, d.Sentences[1].Text}, "|"); got != "正文开始，共有3家医院。|正文结束" {
		t.Errorf("sentences: %s", got)
	}
	if d.Sentences[0].Line != 2 {
		t.Errorf("line = %d, want 2", d.Sentences[0].Line)
	}
}

// TestParseContext checks speakers, sections, periods and roles on real
// passages of the documents.
func TestParseContext(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]loader.Row{}
	sentences := map[string]loader.Sentence{}
	for _, s := range srcs {
		p, err := loader.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.Documents {
			for _, f := range d.Figures {
				key := s.File[:3] + ":" + f.Raw
				if _, dup := rows[key]; !dup {
					rows[key] = f
					sentences[key] = d.Sentences[f.Sentence]
				}
			}
		}
	}
	tests := []struct {
		key, period, role, speaker, issuer, region string
	}{
		{"000:34.79亿元", "2025-09-30", "actual", "黎君君", "广西壮族自治区卫生健康委员会", "广西"},
		{"000:2902批次", "2025", "actual", "黎君君", "广西壮族自治区卫生健康委员会", "广西"},
		{"000:30家", "2022/2025", "actual", "黎君君", "广西壮族自治区卫生健康委员会", "广西"},
		{"000:27.23%", "2025-09-30", "change", "黎君君", "广西壮族自治区卫生健康委员会", "广西"},
		{"000:109种", "2025-11-14", "change", "吴华章", "广西壮族自治区医疗保障局", "广西"},
		{"000:15类", "2025-11-14", "change", "吴华章", "广西壮族自治区医疗保障局", "广西"},
		{"000:13799份", "2025-10-31", "actual", "万秋", "广西壮族自治区药品监督管理局", "广西"},
		{"000:3位", "", "actual", "巩光胜", "自治区党委宣传部新闻发布处", "广西"},
		{"000:73项", "2025", "baseline", "黎君君", "广西壮族自治区卫生健康委员会", "广西"},
		{"002:126", "2020", "baseline", "", "广西壮族自治区人民政府办公厅", "广西"},
		{"002:800", "2025", "target", "", "广西壮族自治区人民政府办公厅", "广西"},
		{"002:5205 万人", "2020", "actual", "", "广西壮族自治区人民政府办公厅", "广西"},
		{"002:超过 85%", "2025", "target", "", "广西壮族自治区人民政府办公厅", "广西"},
		{"001:91.35%", "", "actual", "刘岭", "陕西省卫生健康委员会", "延安市"},
		{"001:6名", "", "actual", "刘岭", "陕西省卫生健康委员会", "陕西"},
		{"003:1.43万批次", "2020", "actual", "林炳勇", "山东省药品监督管理局", "山东"},
		{"004:超过350个", "2022", "target", "", "国务院办公厅", "全国"},
		{"004:超过500个", "2023", "target", "", "广西壮族自治区卫生健康委员会、广西壮族自治区发展和改革委员会、广西壮族自治区财政厅、广西壮族自治区人力资源和社会保障厅、广西壮族自治区医疗保障局、广西壮族自治区药品监督管理局", "广西"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			f, ok := rows[tt.key]
			if !ok {
				t.Fatalf("no figure %s", tt.key)
			}
			got := [5]string{f.Period, f.Role, f.Speaker, f.Issuer, f.Region}
			want := [5]string{tt.period, tt.role, tt.speaker, tt.issuer, tt.region}
			if got != want {
				t.Errorf("got %q, want %q (sentence %q)", got, want, sentences[tt.key].Text)
			}
		})
	}
	if s := sentences["000:34.79亿元"]; !strings.HasPrefix(s.Section, "三、深化医保改革") {
		t.Errorf("section of 34.79亿元: %q", s.Section)
	}
}
