package sources_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/mediq/mediq/sources"
)

// FuzzDecode checks that any bytes either decode to UTF-8 text with LF line
// ends or fail with one of the documented errors, and never panic.
func FuzzDecode(f *testing.F) {
	srcs, err := sources.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range srcs {
		f.Add(s.File, s.Bytes[:min(len(s.Bytes), 2048)])
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("全区医疗救助资金支出34.79亿元\r\n"))
	f.Add("gb.txt", gb)
	f.Add("bom.txt", []byte("\xef\xbb\xbf共有891种药品"))
	f.Add("page.html", []byte("<html><body><table><tr><td>126</td><td>800</td></tr></table></body></html>"))
	f.Add("empty.txt", []byte(" \n"))
	f.Add("bin.txt", []byte{0, 1, 2, 3})
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		d, err := sources.Decode(name, b)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("decoded text is not UTF-8")
		}
		if strings.ContainsRune(d.Text, '\r') {
			t.Fatalf("decoded text keeps a CR")
		}
		if strings.HasPrefix(d.Text, "\ufeff") {
			t.Fatalf("decoded text keeps the byte-order mark")
		}
	})
}

// FuzzExtractHTML checks that text extraction never panics, returns UTF-8
// text and drops the contents of scripts.
func FuzzExtractHTML(f *testing.F) {
	f.Add("<html><head><title>t</title><script>var a=1;</script></head><body><p>共有<b>891</b>种</p></body></html>")
	f.Add("<table><tr><th>序号</th><th>2020年</th></tr><tr><td>1</td><td>126</td></tr></table>")
	f.Add("<p>a<br>b</p><pre>  x\n y</pre><ul><li>一</li><li>二</li></ul>")
	f.Add("<div><table><tr><td><p>嵌套</p><table><tr><td>1</td></tr></table></td></tr></table></div>")
	f.Add("<table><caption>表1</caption><tr><th rowspan=2>地区</th><th colspan=2>医院</th></tr><tr><th>诊疗人次数</th><th>入院人数</th></tr><tr><td>南宁市</td><td rowspan=0>1</td><td colspan=3>2</td></tr></table>")
	f.Fuzz(func(t *testing.T, page string) {
		text, err := sources.ExtractHTML(page)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) && utf8.ValidString(page) {
			t.Fatalf("text of a UTF-8 page is not UTF-8")
		}
		if strings.Contains(page, "<script>SECRET</script>") && strings.Contains(text, "SECRET") {
			t.Fatalf("script text leaked")
		}
		if strings.Contains(text, "\n\n\n") || text != "\n" && strings.HasPrefix(text, "\n") {
			t.Fatalf("more than one blank line between blocks: %q", text)
		}
	})
}

func TestExtractHTML(t *testing.T) {
	page := `<html><head><title>规划</title><style>p{}</style></head><body>
<div>首页 &gt; 规划</div><h1>主要指标</h1>
<table><tr><th>指标</th><th>2020年</th><th>2025年</th></tr>
<tr><td>药品集中带量采购品种(个)</td><td>126</td><td>800</td></tr></table>
<p>共有<b>891</b>种药品<br>和94类耗材。</p><script>var x="7,000家";</script></body></html>`
	got, err := sources.ExtractHTML(page)
	if err != nil {
		t.Fatal(err)
	}
	want := "规划\n\n首页 > 规划\n\n主要指标\n\n指标\t2020年\t2025年\n药品集中带量采购品种(个)\t126\t800\n\n共有891种药品\n\n和94类耗材。\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty.txt", []byte(" \r\n\n"), "empty.txt: empty file: it holds no text"},
		{"image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "image.txt: binary file: it holds NUL or control bytes, not text"},
		{"latin.txt", []byte("caf\xe9 \xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), "latin.txt: not UTF-8 or GB18030 text: save it as UTF-8"},
		{"bom.txt", []byte("\xef\xbb\xbf\xff\xfe"), "bom.txt: has a UTF-8 byte-order mark but not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sources.Decode(tt.name, tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	d, err := sources.Decode("a.txt", []byte("\xef\xbb\xbf第一行\r\n第二行\r\n"))
	if err != nil || d.Text != "第一行\n第二行\n" || d.Encoding != sources.EncodingUTF8BOM {
		t.Errorf("BOM+CRLF: got %+v, %v", d, err)
	}
}
