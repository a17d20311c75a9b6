package loader

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// wordSetTexts are sentences from real documents, and edge cases of UTF-8.
var wordSetTexts = []string{
	"截至2025年底，全区基本医疗保险参保人数达到5205万人，力争到2027年达到95%以上。",
	"对定点医药机构处违法金额2倍以上5倍以下罚款。",
	"我市已累计完成改造",
	"全省",
	"",
	"\xe5\xb9",
	"a全b我c本",
}

// TestWordSetAgreesWithContains checks wordSet.in and lastIn against a
// strings.Contains per word over every class of the lexicon.
func TestWordSetAgreesWithContains(t *testing.T) {
	for class, words := range lex().contexts {
		ws := lex().sets[class]
		for _, s := range wordSetTexts {
			want := slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
			if got := ws.in(s); got != want {
				t.Errorf("%s in %q: %v, want %v", class, s, got, want)
			}
			wantLast := -1
			for _, w := range words {
				wantLast = max(wantLast, strings.LastIndex(s, w))
			}
			if got := ws.lastIn(s, 0); got != wantLast {
				t.Errorf("%s lastIn %q: %d, want %d", class, s, got, wantLast)
			}
		}
	}
}

var reYearForm = regexp.MustCompile(`(\d{4})\s*年`)

// FuzzYearMentions checks that yearMentions finds, for years in Arabic
// digits, what `(\d{4})\s*年` finds.
func FuzzYearMentions(f *testing.F) {
	for _, s := range wordSetTexts {
		f.Add(s)
	}
	f.Add("2020 2021年、12345年，2022\t年")
	f.Add("二〇二一年全国医保事业发展统计公报")
	f.Fuzz(func(t *testing.T, s string) {
		var got [][]int
		for _, m := range yearMentions(s) {
			if isASCIIDigits(m.year) && strings.Contains(s[m.start:m.end], m.year) {
				got = append(got, []int{m.start, m.end})
			}
		}
		var want [][]int
		for _, m := range reYearForm.FindAllStringIndex(s, -1) {
			want = append(want, m)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("yearMentions(%q) = %v, the expression finds %v", s, got, want)
		}
	})
}

func TestChineseYears(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"二〇二一年全国医保事业发展统计公报", "2021"},
		{"二零二三年", "2023"},
		{"一九九八年", "1998"},
		{"十二〇二一年", "2021"},
		{"三二〇二一年", ""}, // five digits: no year
		{"两〇二一年", ""},
	} {
		var got string
		for _, m := range yearMentions(c.text) {
			got = m.year
		}
		if got != c.want {
			t.Errorf("%q: year %q, want %q", c.text, got, c.want)
		}
	}
}

var reTrailingDateForm = regexp.MustCompile(`\d{4}\s*年(?:底|末)?\s*(?:的)?\s*$`)

// FuzzTrailingDate checks trailingDate against the regular expression it
// stands for.
func FuzzTrailingDate(f *testing.F) {
	for _, s := range []string{"增加到2022年", "由2018年的", "到2025年底 ", "12345年", "2025 年末的", "年", "2025年度"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := -1
		if m := reTrailingDateForm.FindStringIndex(s); m != nil {
			want = m[0]
		}
		if got := trailingDate(s); got != want {
			t.Errorf("trailingDate(%q) = %d, the expression finds %d", s, got, want)
		}
	})
}

// FuzzSearchFromYears checks that the date expressions that begin with a
// year find, tried only where a year is written, what a search of the
// whole text finds.
func FuzzSearchFromYears(f *testing.F) {
	for _, s := range []string{
		"截至2025年9月底，2024年以来，2025年1-9月，2023年末，2025年3月31日，2025年上半年",
		"2020 年 12 月 31 日和2021年的第四季度；12025年6月份",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, strings.Repeat(" ", 16)) {
			return // a date spaced wider than dateWindow: out of scope
		}
		years := yearMentions(s)
		for _, re := range []func() *regexp.Regexp{reSince, reMonth, reMonthSpan, reYearEnd, reMonthEnd, reAsOfDay, reYearPart} {
			got := searchFromYears(s, years, re())
			want := re().FindAllStringSubmatchIndex(s, -1)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%s on %q: %v, want %v", re(), s, got, want)
			}
		}
	})
}

func TestSubjectOfLabel(t *testing.T) {
	for _, c := range []struct{ label, want string }{
		{"医院分级别: 三级医院", "三级医院"},
		{"其中：医院", "医院"},
		{"基金收入(亿元)", "基金收入"},
		{"(个)", ""},
		{"其中:", ""},
		{"1.基本医疗保险参保率", "基本医疗保险参保率"},
	} {
		if got := subjectOfLabel(c.label); got != c.want {
			t.Errorf("subjectOfLabel(%q) = %q, want %q", c.label, got, c.want)
		}
	}
}
