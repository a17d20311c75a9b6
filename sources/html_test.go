package sources_test

import (
	"strings"
	"testing"

	"github.com/mediq/mediq/sources"
)

// TestExtractHTMLTables checks that each table comes out as one block of
// tab-separated rows whose cells line up, with spans laid out on a grid.
func TestExtractHTMLTables(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{
			name: "two-row header with colspan and rowspan",
			page: `<p>表3 各地区医疗服务情况</p><table><caption>2023年各地区医院服务量</caption>
<tr><th rowspan=2>地区</th><th colspan=2>医院</th></tr>
<tr><th>诊疗人次数(万人次)</th><th>入院人数(万人)</th></tr>
<tr><td>南宁市</td><td>4567.8</td><td>123.4</td></tr>
<tr><td>柳州市</td><td>2345.6</td><td>78.9</td></tr></table><p>注：数据为快报数。</p>`,
			want: "表3 各地区医疗服务情况\n\n" +
				"2023年各地区医院服务量\n" +
				"地区\t医院\t医院\n" +
				"地区\t诊疗人次数(万人次)\t入院人数(万人)\n" +
				"南宁市\t4567.8\t123.4\n" +
				"柳州市\t2345.6\t78.9\n\n" +
				"注：数据为快报数。\n",
		},
		{
			name: "a number spanned is written once",
			page: `<table><tr><th>指标</th><th colspan=2>2020年</th><th>2025年</th></tr>
<tr><td>三级医院（家）</td><td rowspan=2>126</td><td>注1</td><td>150</td></tr>
<tr><td>二级医院（家）</td><td>注2</td><td>800</td></tr></table>`,
			want: "指标\t2020年\t\t2025年\n" +
				"三级医院（家）\t126\t注1\t150\n" +
				"二级医院（家）\t\t注2\t800\n",
		},
		{
			name: "a title row across the table is written once",
			page: `<table><tr><td colspan=3>主要指标</td></tr><tr><th>指标</th><th>2020年</th><th>2025年</th></tr>
<tr><td>参保率</td><td>95%</td><td>95%以上</td></tr><tr><td colspan="3">注：参保率为户籍人口参保率。</td></tr></table>`,
			want: "主要指标\t\t\n指标\t2020年\t2025年\n参保率\t95%\t95%以上\n注：参保率为户籍人口参保率。\t\t\n",
		},
		{
			name: "cell text on one line",
			page: "<table><tr><td> 每千人口\n医疗卫生机构<br>床位数\t（张） </td><td><p>6.3</p><p>张</p></td></tr></table>",
			want: "每千人口 医疗卫生机构 床位数 （张）\t6.3 张\n",
		},
		{
			name: "one row",
			page: `<p>前文</p><table><tr><td>参保率</td><td>95%</td></tr></table><p>后文</p>`,
			want: "前文\n\n参保率\t95%\n\n后文\n",
		},
		{
			name: "nested: the outer table is layout",
			page: `<table><tr><td><p>广西医疗保障“十四五”规划</p><table><tr><th>指标</th><th>2025年</th></tr><tr><td>参保率</td><td>95%</td></tr></table><p>附注</p></td><td>侧栏</td></tr></table>`,
			want: "广西医疗保障“十四五”规划\n\n指标\t2025年\n参保率\t95%\n\n附注\n\n侧栏\n",
		},
		{
			name: "one column is layout",
			page: `<table><tr><td><p>第一段。</p><p>第二段。</p></td></tr><tr><td>第三段。</td></tr></table>`,
			want: "第一段。\n\n第二段。\n\n第三段。\n",
		},
		{
			name: "unclosed cells and rows",
			page: `<table><tr><th>指标<th>2020年<tr><td>床位数<td>6.3<tr><td>医师数<td>2.6`,
			want: "指标\t2020年\n床位数\t6.3\n医师数\t2.6\n",
		},
		{
			name: "bad spans",
			page: `<table><tr><td colspan=abc>甲</td><td rowspan=-1>乙</td><td colspan=0>丙</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>`,
			want: "甲\t乙\t丙\n1\t2\t3\n",
		},
		{
			name: "rowspan past the last row, and rowspan=0",
			page: `<table><tr><td rowspan=9>合计</td><td>1</td><td rowspan=0>单位：家</td></tr><tr><td>2</td></tr></table>`,
			want: "合计\t1\t单位：家\n合计\t2\t单位：家\n",
		},
		{
			name: "rows of a cell each, and short rows padded",
			page: `<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td>1</td></tr><tr><td></td><td></td></tr></table>`,
			want: "a\tb\tc\n1\t\t\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sources.ExtractHTML(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s\n(%q)", got, tt.want, got)
			}
			// Every row of a table block has as many cells as the first.
			for _, block := range strings.Split(got, "\n\n") {
				lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
				n := -1
				for _, ln := range lines {
					if !strings.Contains(ln, "\t") {
						continue
					}
					if c := strings.Count(ln, "\t"); n >= 0 && c != n {
						t.Errorf("row %q has %d tabs, the table's first row %d", ln, c, n)
					} else {
						n = c
					}
				}
			}
		})
	}
}
