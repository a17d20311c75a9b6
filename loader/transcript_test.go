package loader_test

import (
	"testing"
	"testing/fstest"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// TestTranscriptWithoutManifest builds a press-conference transcript that no
// manifest lists: the figures of an answer are the answerer's, not the
// reporter's who asked; the speaker's agency issues them; a city's official
// speaks for the city.
func TestTranscriptWithoutManifest(t *testing.T) {
	text := `海南省医疗保障局新闻发布会
2025年3月12日
出席发布会的有：海南省医疗保障局副局长王芳，三亚市医疗保障局局长李明。
主持人：各位记者朋友，大家上午好。
海南日报记者：请问今年以来我省医保基金运行情况如何？
王芳：今年以来，全省基本医疗保险参保人数达到868.4万人，基金收入781.93亿元，比上年增长5.1%。
改革网记者：三亚市在医共体建设方面有什么进展？
李明：三亚市已组建4个紧密型县域医共体。
`
	l, err := sources.LoadDir(fstest.MapFS{"press.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Sources) != 1 {
		t.Fatalf("loaded %d sources", len(l.Sources))
	}
	p, err := loader.Parse(l.Sources[0])
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][4]string{ // raw → speaker, issuer, region, period
		"868.4万人":  {"王芳", "海南省医疗保障局", "海南", "2025"},
		"781.93亿元": {"王芳", "海南省医疗保障局", "海南", "2025"},
		"5.1%":     {"王芳", "海南省医疗保障局", "海南", "2025"},
		"4个":       {"李明", "三亚市医疗保障局", "三亚市", ""},
	}
	n := 0
	for _, f := range p.Documents[0].Figures {
		w, ok := want[f.Raw]
		if !ok {
			t.Errorf("unexpected figure %q", f.Raw)
			continue
		}
		n++
		if got := [4]string{f.Speaker, f.Issuer, f.Region, f.Period}; got != w {
			t.Errorf("%s: speaker, issuer, region, period %q, want %q", f.Raw, got, w)
		}
	}
	if n != len(want) {
		t.Errorf("found %d of the %d figures", n, len(want))
	}
}
