package loader_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// seedLines adds every line of the embedded documents to f's corpus.
func seedLines(f *testing.F) {
	srcs, err := sources.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range srcs {
		for _, ln := range strings.Split(s.Text, "\n") {
			if strings.TrimSpace(ln) != "" {
				f.Add(ln)
			}
		}
	}
}

// FuzzScanFigures checks, on any text, that the scanner never panics, that
// every figure's and skip's raw is the text at its offsets, that value <=
// value_max, and that every Arabic digit is in a figure or a skip.
func FuzzScanFigures(f *testing.F) {
	seedLines(f)
	for _, tt := range figureTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		text := []rune(s)
		figs, skips := loader.ScanText(s)
		covered := make([]bool, len(text))
		for _, sk := range skips {
			if sk.Start < 0 || sk.End > len(text) || sk.Start >= sk.End || string(text[sk.Start:sk.End]) != sk.Raw || sk.Reason == "" {
				t.Fatalf("bad skip %+v in %d runes", sk, len(text))
			}
			for k := sk.Start; k < sk.End; k++ {
				covered[k] = true
			}
		}
		for _, fig := range figs {
			if fig.Start < 0 || fig.End > len(text) || fig.Start >= fig.End {
				t.Fatalf("bad span [%d:%d] in %d runes", fig.Start, fig.End, len(text))
			}
			if got := string(text[fig.Start:fig.End]); got != fig.Raw {
				t.Fatalf("raw %q != text %q", fig.Raw, got)
			}
			if fig.ValueMax.Less(fig.Value) {
				t.Fatalf("%q: value %s > value_max %s", fig.Raw, fig.Value, fig.ValueMax)
			}
			if fig.Qualifier == "" {
				t.Fatalf("%q: empty qualifier", fig.Raw)
			}
			for k := fig.Start; k < fig.End; k++ {
				covered[k] = true
			}
		}
		for k, r := range text {
			if (r >= '0' && r <= '9' || r >= '０' && r <= '９') && !covered[k] {
				t.Fatalf("digit %q at %d of %q is neither a figure nor a skip", r, k, s)
			}
		}
	})
}

// FuzzParseDecimal checks that a parsed number is canonical and that
// scaling by a power of ten agrees with the unscaled value.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"34.79", "301.29", "1,234", "１２", "0.5", "007", "1.", ".5", "99.21"} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, s string, exp int) {
		exp %= 16
		if exp < 0 {
			exp = -exp
		}
		d, err := loader.ParseDecimal(s, exp)
		if err != nil {
			return
		}
		str := string(d)
		if strings.HasPrefix(str, "0") && len(str) > 1 && str[1] != '.' {
			t.Fatalf("%q×10^%d = %q has a leading zero", s, exp, str)
		}
		if strings.Contains(str, ".") && strings.HasSuffix(str, "0") {
			t.Fatalf("%q×10^%d = %q has a trailing zero", s, exp, str)
		}
		if d.Float64() < 0 {
			t.Fatalf("%q: negative %q", s, str)
		}
	})
}

// FuzzParseChinese checks that Chinese numerals never panic and never
// produce a negative value.
func FuzzParseChinese(f *testing.F) {
	for _, s := range []string{"十", "二十一", "三百零五", "两万", "一万二千", "十四五", "二〇二二", "亿", "廿二萬", "一百卅二", "四點四"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := loader.ParseChinese(s)
		if err == nil && d.Float64() < 0 {
			t.Fatalf("%q: negative %s", s, d)
		}
	})
}

// FuzzParse checks, on any text read as a document, that giving figures
// their context never panics, that every row's raw is the text at its
// offsets, and that its sentence holds it.
func FuzzParse(f *testing.F) {
	seedLines(f)
	for _, tt := range contextTests {
		f.Add(tt.text)
	}
	for _, tt := range yearbookTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		src := sources.Source{File: "f.txt", Text: s, Bytes: []byte(s), Documents: []sources.Document{{
			Title: "f", Issuers: []string{"某机关"}, Date: "2025-11-14", Kind: sources.KindNotice, Region: "广西",
		}}}
		p, err := loader.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(s)
		for _, d := range p.Documents {
			for _, r := range d.Figures {
				if r.Start < 0 || r.End > len(text) || r.Start >= r.End || string(text[r.Start:r.End]) != r.Raw {
					t.Fatalf("row %q at [%d,%d) is not the text there", r.Raw, r.Start, r.End)
				}
				if st := d.Sentences[r.Sentence]; r.Start < st.Start || r.End > st.End {
					t.Fatalf("row %q at [%d,%d) lies outside its sentence [%d,%d)", r.Raw, r.Start, r.End, st.Start, st.End)
				}
			}
		}
	})
}
