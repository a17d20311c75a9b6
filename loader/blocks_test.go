package loader

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateBlocks = flag.Bool("update", false, "rewrite testdata/blocks/*.golden from segmentBlocks' output")

// renderBlocks writes blocks as text so that a test states what it expects
// as plain lines: "P text" for a paragraph; for a table "T layout cols=…
// label=… unit=… serial=… «first runes…last runes of the block»", its caption and caption unit, its header rows
// (H), the ColumnHeader of every column (cols, joined by " / "), its rows (R,
// or S for a section row) and notes (N). Cells are joined by " | " and an
// empty cell shows as ∅. With short set, a paragraph shows its offsets and
// first 24 runes only (for whole documents in golden files).
func renderBlocks(text []rune, blocks []Block, short bool) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Kind == BlockParagraph {
			p := string(text[bl.Start:bl.End])
			if rs := []rune(p); short && len(rs) > 24 {
				p = fmt.Sprintf("[%d:%d] %s…", bl.Start, bl.End, string(rs[:24]))
			}
			fmt.Fprintf(&b, "P %s\n", p)
			continue
		}
		t := bl.Table
		all := []rune(string(text[bl.Start:bl.End]))
		ends := string(all)
		if len(all) > 12 {
			ends = string(all[:6]) + "…" + string(all[len(all)-6:])
		}
		fmt.Fprintf(&b, "T %s cols=%d label=%d unit=%d serial=%d «%s»\n", t.Layout, t.Columns, t.LabelCol, t.UnitCol, t.SerialCol, ends)
		if t.Caption.Len() > 0 || t.CaptionUnit != "" {
			fmt.Fprintf(&b, "  caption %q unit %q\n", string(text[t.Caption.Start:t.Caption.End]), t.CaptionUnit)
		}
		for _, r := range t.Header {
			fmt.Fprintf(&b, "  H %s\n", renderCells(text, r))
		}
		if len(t.Header) > 0 {
			heads := make([]string, t.Columns)
			for c := range heads {
				heads[c] = t.ColumnHeader(c)
			}
			fmt.Fprintf(&b, "  cols %s\n", strings.Join(heads, " / "))
		}
		for _, r := range t.Rows {
			tag := "R"
			if r.Section {
				tag = "S"
			}
			fmt.Fprintf(&b, "  %s %s\n", tag, renderCells(text, r))
		}
		for _, n := range t.Notes {
			fmt.Fprintf(&b, "  N %s\n", string(text[n.Start:n.End]))
		}
	}
	return b.String()
}

// renderCells joins a row's cells with " | ", an empty cell shown as ∅.
func renderCells(text []rune, r TableRow) string {
	cs := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		cs[i] = string(text[c.Start:c.End])
		if cs[i] == "" {
			cs[i] = "∅"
		}
	}
	return strings.Join(cs, " | ")
}

// blockTests are small documents, each showing one rule of FIGURES.md §3a,
// with the whole segmentation expected (see renderBlocks).
var blockTests = []struct {
	name string
	text string
	want string
}{
	{
		name: "spaced table with its header words over the columns",
		text: "卫生事业基本情况\n" +
			"年份 卫生机构数 床位数(张) 卫生技术人员(人)\n" +
			"1978 1589 140 31547\n" +
			"1980 1802 141 35792\n",
		want: `P 卫生事业基本情况
T spaced cols=4 label=-1 unit=-1 serial=-1 «年份 卫生机… 35792»
  H 年份 | 卫生机构数 | 床位数(张) | 卫生技术人员(人)
  cols 年份 / 卫生机构数 / 床位数(张) / 卫生技术人员(人)
  R 1978 | 1589 | 140 | 31547
  R 1980 | 1802 | 141 | 35792
`,
	},
	{
		name: "numbers separated by single spaces, translations between rows (福建 17-5)",
		text: "17-5 各类卫生机构情况(2020年)\n" +
			"      28152 216753 278397\n" +
			"  医院 695 169245 167731\n" +
			"        Hospitals          \n" +
			"    门诊部 1409   18481\n",
		want: `P 17-5 各类卫生机构情况(2020年)
T spaced cols=4 label=0 unit=-1 serial=-1 «28152 … 18481»
  R ∅ | 28152 | 216753 | 278397
  R 医院 | 695 | 169245 | 167731
  R 门诊部 | 1409 | ∅ | 18481
`,
	},
	{
		name: "tab indicator table with serial column (sources/002)",
		text: "“十四五”时期全区医疗保障发展主要指标表\n\n" +
			"序号\t主要指标\t2020年\t2025年\t指标属性\n" +
			"1\t基本医疗保险参保率\t>95%\t>97%\t约束性\n" +
			"2\t基本医疗保险(含生育保险)基金收入(亿元)\t680.93\t收入规模与经济社会发展水平更加适应\t预期性\n" +
			"8\t药品集中带量采购品种(个)\t126\t800\t预期性\n" +
			"13\t医疗保障政务服务窗口可办率\t——\t100%\t约束性\n" +
			"三、主要任务\n",
		want: `T tabs cols=5 label=1 unit=-1 serial=0 «“十四五”时…0%	约束性»
  caption "“十四五”时期全区医疗保障发展主要指标表" unit ""
  H 序号 | 主要指标 | 2020年 | 2025年 | 指标属性
  cols 序号 / 主要指标 / 2020年 / 2025年 / 指标属性
  R 1 | 基本医疗保险参保率 | >95% | >97% | 约束性
  R 2 | 基本医疗保险(含生育保险)基金收入(亿元) | 680.93 | 收入规模与经济社会发展水平更加适应 | 预期性
  R 8 | 药品集中带量采购品种(个) | 126 | 800 | 预期性
  R 13 | 医疗保障政务服务窗口可办率 | —— | 100% | 约束性
P 三、主要任务
`,
	},
	{
		name: "pipe table with outer pipes, rule line, empty cell and 表N caption",
		text: "表2　2023年全国医疗卫生机构及床位数\n" +
			"| 机构类别 | 机构数（个） | 床位数（万张） |\n" +
			"|---|---:|---:|\n" +
			"| 医疗卫生机构 | 1070785 | 1017.4 |\n" +
			"| 医院 | 38355 | 800.5 |\n" +
			"| 门诊部 |  | — |\n" +
			"| 基层医疗卫生机构 | 1016238 | 182.0 |\n",
		want: `T pipes cols=3 label=0 unit=-1 serial=-1 «表2　202…82.0 |»
  caption "表2\u30002023年全国医疗卫生机构及床位数" unit ""
  H 机构类别 | 机构数（个） | 床位数（万张）
  cols 机构类别 / 机构数（个） / 床位数（万张）
  R 医疗卫生机构 | 1070785 | 1017.4
  R 医院 | 38355 | 800.5
  R 门诊部 | ∅ | —
  R 基层医疗卫生机构 | 1016238 | 182.0
`,
	},
	{
		name: "pipe table without outer pipes",
		text: "地区 | 参保人数（万人） | 基金收入（亿元） | 基金支出（亿元）\n" +
			"---|:--|--:|---\n" +
			"北 京 | 1994.1 | 1880.6 | 1542.8\n" +
			"天 津 | 1133.4 | 488.1 | 421.0\n",
		want: `T pipes cols=4 label=0 unit=-1 serial=-1 «地区 | 参… 421.0»
  H 地区 | 参保人数（万人） | 基金收入（亿元） | 基金支出（亿元）
  cols 地区 / 参保人数（万人） / 基金收入（亿元） / 基金支出（亿元）
  R 北 京 | 1994.1 | 1880.6 | 1542.8
  R 天 津 | 1133.4 | 488.1 | 421.0
`,
	},
	{
		name: "aligned yearbook table, two-row header, space-only lines between rows, note",
		text: "表3  各地区医疗卫生机构诊疗人次数\n" +
			"                      医院                             基层医疗卫生机构\n" +
			"地  区        诊疗人次数(万人次)    入院人数(万人)    诊疗人次数(万人次)\n" +
			"            \n" +
			"全  国          426152.9           24500.5            495523.9\n" +
			"     \n" +
			"北  京           17046.2             381.2             10125.5\n" +
			"   \n" +
			"内蒙古            6512.3             305.6              6011.7\n" +
			"\n" +
			"注：诊疗人次数含急诊人次。\n",
		want: `T aligned cols=4 label=0 unit=-1 serial=-1 «表3  各地…含急诊人次。»
  caption "表3  各地区医疗卫生机构诊疗人次数" unit ""
  H ∅ | 医院 | ∅ | 基层医疗卫生机构
  H 地  区 | 诊疗人次数(万人次) | 入院人数(万人) | 诊疗人次数(万人次)
  cols 地  区 / 医院 诊疗人次数(万人次) / 医院 入院人数(万人) / 基层医疗卫生机构 诊疗人次数(万人次)
  R 全  国 | 426152.9 | 24500.5 | 495523.9
  R 北  京 | 17046.2 | 381.2 | 10125.5
  R 内蒙古 | 6512.3 | 305.6 | 6011.7
  N 注：诊疗人次数含急诊人次。
`,
	},
	{
		name: "full-width-space aligned table, caption 单位：万人、亿元",
		text: "单位：万人、亿元\n" +
			"项目　　　　　　参保人数　　基金收入　　基金支出\n" +
			"职工医保　　　　37095　　　　24931　　　　20124\n" +
			"城乡居民医保　　96294　　　　10569　　　　10457\n",
		want: `T aligned cols=4 label=0 unit=-1 serial=-1 «单位：万人、…　10457»
  caption "单位：万人、亿元" unit "万人、亿元"
  H 项目 | 参保人数 | 基金收入 | 基金支出
  cols 项目 / 参保人数 / 基金收入 / 基金支出
  R 职工医保 | 37095 | 24931 | 20124
  R 城乡居民医保 | 96294 | 10569 | 10457
`,
	},
	{
		name: "unit column",
		text: "指标名称\t单位\t2022年\t2023年\n" +
			"医疗卫生机构数\t个\t1032918\t1070785\n" +
			"床位数\t万张\t975.0\t1017.4\n" +
			"卫生技术人员\t万人\t1165.8\t1248.8\n" +
			"总诊疗人次\t亿人次\t84.2\t95.5\n",
		want: `T tabs cols=4 label=0 unit=1 serial=-1 «指标名称	单…2	95.5»
  H 指标名称 | 单位 | 2022年 | 2023年
  cols 指标名称 / 单位 / 2022年 / 2023年
  R 医疗卫生机构数 | 个 | 1032918 | 1070785
  R 床位数 | 万张 | 975.0 | 1017.4
  R 卫生技术人员 | 万人 | 1165.8 | 1248.8
  R 总诊疗人次 | 亿人次 | 84.2 | 95.5
`,
	},
	{
		name: "（单位：亿元） caption over a blank line, section rows, notes, prose after",
		text: "（单位：亿元）\n\n" +
			"项目\t2022年\t2023年\n" +
			"一、基金收入\t\t\n" +
			"职工基本医疗保险\t20637.6\t22935.2\n" +
			"城乡居民基本医疗保险\t10409.5\t10569.7\n" +
			"二、基金支出\t\t\n" +
			"职工基本医疗保险\t15153.0\t17750.6\n" +
			"城乡居民基本医疗保险\t9353.4\t10457.7\n" +
			"注：2023年数据为快报数。\n" +
			"资料来源：国家医疗保障局。\n" +
			"全年基金运行平稳。\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «（单位：亿元…医疗保障局。»
  caption "（单位：亿元）" unit "亿元"
  H 项目 | 2022年 | 2023年
  cols 项目 / 2022年 / 2023年
  S 一、基金收入 | ∅ | ∅
  R 职工基本医疗保险 | 20637.6 | 22935.2
  R 城乡居民基本医疗保险 | 10409.5 | 10569.7
  S 二、基金支出 | ∅ | ∅
  R 职工基本医疗保险 | 15153.0 | 17750.6
  R 城乡居民基本医疗保险 | 9353.4 | 10457.7
  N 注：2023年数据为快报数。
  N 资料来源：国家医疗保障局。
P 全年基金运行平稳。
`,
	},
	{
		name: "two tables separated by a blank line and a new header",
		text: "机构类别\t机构数（个）\t增减\n" +
			"医院\t38355\t1379\n" +
			"基层医疗卫生机构\t1016238\t36362\n" +
			"\n" +
			"人员类别\t人数（万人）\t增减\n" +
			"卫生技术人员\t1248.8\t83.0\n" +
			"执业（助理）医师\t478.2\t35.1\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «机构类别	机…	36362»
  H 机构类别 | 机构数（个） | 增减
  cols 机构类别 / 机构数（个） / 增减
  R 医院 | 38355 | 1379
  R 基层医疗卫生机构 | 1016238 | 36362
T tabs cols=3 label=0 unit=-1 serial=-1 «人员类别	人…2	35.1»
  H 人员类别 | 人数（万人） | 增减
  cols 人员类别 / 人数（万人） / 增减
  R 卫生技术人员 | 1248.8 | 83.0
  R 执业（助理）医师 | 478.2 | 35.1
`,
	},
	{
		name: "two tables separated by a blank line and a caption",
		text: "地区\t医院数（个）\n" +
			"广西\t845\n" +
			"\n" +
			"表2 床位数\n" +
			"地区\t床位数（万张）\n" +
			"广西\t33.9\n",
		want: `T tabs cols=2 label=0 unit=-1 serial=-1 «地区	医院数…广西	845»
  H 地区 | 医院数（个）
  cols 地区 / 医院数（个）
  R 广西 | 845
T tabs cols=2 label=0 unit=-1 serial=-1 «表2 床位数…西	33.9»
  caption "表2 床位数" unit ""
  H 地区 | 床位数（万张）
  cols 地区 / 床位数（万张）
  R 广西 | 33.9
`,
	},
	{
		name: "prose with one tab is no table",
		text: "到2025年，全区基本医疗保险参保率稳定在97%以上，\t基金收支总体平衡。\n" +
			"全区医疗保障经办服务体系更加健全，\t信息化水平进一步提高。\n" +
			"主持人\t米锋\n",
		want: `P 到2025年，全区基本医疗保险参保率稳定在97%以上，	基金收支总体平衡。
P 全区医疗保障经办服务体系更加健全，	信息化水平进一步提高。
P 主持人	米锋
`,
	},
	{
		name: "indented prose and headings with full-width spaces",
		text: "　　2023年末，全国医疗卫生机构总数1070785个，比上年增加37867个。\n" +
			"　　一、卫生资源\n" +
			"  （一）医疗卫生机构。\n" +
			"　　发布人　国家卫生健康委\n" +
			"　　主持人　新闻发言人\n",
		want: `P 2023年末，全国医疗卫生机构总数1070785个，比上年增加37867个。
P 一、卫生资源
P （一）医疗卫生机构。
P 发布人　国家卫生健康委
P 主持人　新闻发言人
`,
	},
	{
		name: "yearbook title over unit line, bare years as header, placeholder cells",
		text: "17-3  各类卫生机构床位数\n" +
			"单位：张\n" +
			"项目        2019        2020        2021\n" +
			"合计      202374      208711      215370\n" +
			"#医院     156893      161233      167011\n" +
			"卫生院     31523       31861       32210\n" +
			"门诊部         -           -          12\n",
		want: `T aligned cols=4 label=0 unit=-1 serial=-1 «17-3  …    12»
  caption "17-3  各类卫生机构床位数\n单位：张" unit "张"
  H 项目 | 2019 | 2020 | 2021
  cols 项目 / 2019 / 2020 / 2021
  R 合计 | 202374 | 208711 | 215370
  R #医院 | 156893 | 161233 | 167011
  R 卫生院 | 31523 | 31861 | 32210
  R 门诊部 | - | - | 12
`,
	},
	{
		name: "unit clause in the header row's last cell",
		text: "地区\t执业（助理）医师\t注册护士\t单位：万人\n" +
			"全国\t478.2\t563.7\n" +
			"广西\t15.4\t19.6\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «地区	执业（…4	19.6»
  caption "" unit "万人"
  H 地区 | 执业（助理）医师 | 注册护士
  cols 地区 / 执业（助理）医师 / 注册护士
  R 全国 | 478.2 | 563.7
  R 广西 | 15.4 | 19.6
`,
	},
	{
		name: "unit clause at the right end of an aligned header line",
		text: "指标            2020年       2025年      单位：万人\n" +
			"卫生技术人员    1067.8       1250.0\n" +
			"执业（助理）医师  408.6      470.0\n",
		want: `T aligned cols=3 label=0 unit=-1 serial=-1 «指标    … 470.0»
  caption "" unit "万人"
  H 指标 | 2020年 | 2025年
  cols 指标 / 2020年 / 2025年
  R 卫生技术人员 | 1067.8 | 1250.0
  R 执业（助理）医师 | 408.6 | 470.0
`,
	},
	{
		name: "aligned row with a missing cell placed by position, section line",
		text: "地  区        2021年      2022年      2023年\n" +
			"全  国       1030935     1032918     1070785\n" +
			"西  藏                      6979        7053\n" +
			"按机构类型分：\n" +
			"医  院         36570       36976       38355\n",
		want: `T aligned cols=4 label=0 unit=-1 serial=-1 «地  区  … 38355»
  H 地  区 | 2021年 | 2022年 | 2023年
  cols 地  区 / 2021年 / 2022年 / 2023年
  R 全  国 | 1030935 | 1032918 | 1070785
  R 西  藏 | ∅ | 6979 | 7053
  S 按机构类型分： | ∅ | ∅ | ∅
  R 医  院 | 36570 | 36976 | 38355
`,
	},
	{
		name: "HTML table as tab lines, colspan expanded",
		text: "地区\t医院\t医院\t基层医疗卫生机构\n" +
			"\t诊疗人次数(万人次)\t入院人数(万人)\t诊疗人次数(万人次)\n" +
			"全国\t426152.9\t24500.5\t495523.9\n" +
			"广西\t13254.1\t870.2\t14528.6\n",
		want: `T tabs cols=4 label=0 unit=-1 serial=-1 «地区	医院	…4528.6»
  H 地区 | 医院 | 医院 | 基层医疗卫生机构
  H ∅ | 诊疗人次数(万人次) | 入院人数(万人) | 诊疗人次数(万人次)
  cols 地区 / 医院 诊疗人次数(万人次) / 医院 入院人数(万人) / 基层医疗卫生机构 诊疗人次数(万人次)
  R 全国 | 426152.9 | 24500.5 | 495523.9
  R 广西 | 13254.1 | 870.2 | 14528.6
`,
	},
	{
		name: "tab two-row header, blank upper cell under a spanning word",
		text: "\t医院\t\t基层医疗卫生机构\t\n" +
			"地区\t诊疗人次数(万人次)\t入院人数(万人)\t诊疗人次数(万人次)\t入院人数(万人)\n" +
			"全国\t426152.9\t24500.5\t495523.9\t4352.9\n" +
			"广西\t13254.1\t870.2\t14528.6\t265.3\n",
		want: `T tabs cols=5 label=0 unit=-1 serial=-1 «	医院		基…	265.3»
  H ∅ | 医院 | ∅ | 基层医疗卫生机构 | ∅
  H 地区 | 诊疗人次数(万人次) | 入院人数(万人) | 诊疗人次数(万人次) | 入院人数(万人)
  cols 地区 / 医院 诊疗人次数(万人次) / 医院 入院人数(万人) / 基层医疗卫生机构 诊疗人次数(万人次) / 基层医疗卫生机构 入院人数(万人)
  R 全国 | 426152.9 | 24500.5 | 495523.9 | 4352.9
  R 广西 | 13254.1 | 870.2 | 14528.6 | 265.3
`,
	},
	{
		name: "year row over an empty label cell",
		text: "                2020年      2025年\n" +
			"卫生技术人员    1067.8      1250.0\n" +
			"注册护士         470.9       550.0\n",
		want: `T aligned cols=3 label=0 unit=-1 serial=-1 «2020年 … 550.0»
  H ∅ | 2020年 | 2025年
  cols  / 2020年 / 2025年
  R 卫生技术人员 | 1067.8 | 1250.0
  R 注册护士 | 470.9 | 550.0
`,
	},
	{
		name: "blank lines between tab rows keep one table; other columns after a blank end it",
		text: "指标\t2022年\t2023年\n" +
			"\n" +
			"参保人数（万人）\t134592\t133389\n" +
			"\n" +
			"基金收入（亿元）\t30922.2\t33501.4\n" +
			"\n" +
			"地区\t增速\n" +
			"全国\t8.3%\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «指标	202…3501.4»
  H 指标 | 2022年 | 2023年
  cols 指标 / 2022年 / 2023年
  R 参保人数（万人） | 134592 | 133389
  R 基金收入（亿元） | 30922.2 | 33501.4
T tabs cols=2 label=0 unit=-1 serial=-1 «地区	增速
…国	8.3%»
  H 地区 | 增速
  cols 地区 / 增速
  R 全国 | 8.3%
`,
	},
	{
		name: "a line of prose ends a table without a blank line",
		text: "项目\t2023年\n" +
			"床位数（万张）\t1017.4\n" +
			"卫生技术人员（万人）\t1248.8\n" +
			"全国床位数比上年增加42.4万张，卫生技术人员增加83.0万人。\n",
		want: `T tabs cols=2 label=0 unit=-1 serial=-1 «项目	202…1248.8»
  H 项目 | 2023年
  cols 项目 / 2023年
  R 床位数（万张） | 1017.4
  R 卫生技术人员（万人） | 1248.8
P 全国床位数比上年增加42.4万张，卫生技术人员增加83.0万人。
`,
	},
	{
		name: "section rows in the serial column, numbered notes",
		text: "序号\t指标\t2025年目标\n" +
			"一\t参保情况\t\n" +
			"1\t基本医疗保险参保率\t>97%\n" +
			"二\t基金运行\t\n" +
			"2\t基金收入（亿元）\t900\n" +
			"3\t基金支出（亿元）\t850\n" +
			"注：1. 基金收入不含利息。\n" +
			"2. 基金支出含大病保险。\n" +
			"三、主要任务\n",
		want: `T tabs cols=3 label=1 unit=-1 serial=0 «序号	指标	…含大病保险。»
  H 序号 | 指标 | 2025年目标
  cols 序号 / 指标 / 2025年目标
  S 一 | 参保情况 | ∅
  R 1 | 基本医疗保险参保率 | >97%
  S 二 | 基金运行 | ∅
  R 2 | 基金收入（亿元） | 900
  R 3 | 基金支出（亿元） | 850
  N 注：1. 基金收入不含利息。
  N 2. 基金支出含大病保险。
P 三、主要任务
`,
	},
	{
		name: "box-drawing rules around an aligned table",
		text: "──────────────────────────\n" +
			"机构类型      机构数（个）    床位数（张）\n" +
			"──────────────────────────\n" +
			"综合医院          125          45210\n" +
			"中医医院           38          12876\n" +
			"──────────────────────────\n" +
			"数据来源：自治区卫生健康委\n",
		want: `T aligned cols=3 label=0 unit=-1 serial=-1 «──────…区卫生健康委»
  H 机构类型 | 机构数（个） | 床位数（张）
  cols 机构类型 / 机构数（个） / 床位数（张）
  R 综合医院 | 125 | 45210
  R 中医医院 | 38 | 12876
  N 数据来源：自治区卫生健康委
`,
	},
	{
		name: "corner cell 单位：万人 over the label column is a header cell",
		text: "单位：万人\t2022年\t2023年\n" +
			"卫生技术人员\t1165.8\t1248.8\n" +
			"注册护士\t522.4\t563.7\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «单位：万人	…	563.7»
  caption "" unit "万人"
  H 单位：万人 | 2022年 | 2023年
  cols 单位：万人 / 2022年 / 2023年
  R 卫生技术人员 | 1165.8 | 1248.8
  R 注册护士 | 522.4 | 563.7
`,
	},
	{
		name: "HTML caption row spread over the table's width",
		text: "单位：亿元\t单位：亿元\t单位：亿元\n" +
			"项目\t2022年\t2023年\n" +
			"基金收入\t30922.2\t33501.4\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «单位：亿元	…3501.4»
  caption "单位：亿元\t单位：亿元\t单位：亿元" unit "亿元"
  H 项目 | 2022年 | 2023年
  cols 项目 / 2022年 / 2023年
  R 基金收入 | 30922.2 | 33501.4
`,
	},
	{
		name: "pipe row of placeholders is no rule line",
		text: "| 项目 | 2023年 |\n" +
			"| — | — |\n" +
			"| 医院 | 38355 |\n",
		want: `T pipes cols=2 label=0 unit=-1 serial=-1 «| 项目 |…8355 |»
  H 项目 | 2023年
  cols 项目 / 2023年
  R — | —
  R 医院 | 38355
`,
	},
	{
		name: "表N title and unit clause split at full-width spaces",
		text: "表4　2023年卫生资源情况　　单位：万人\n" +
			"指标　　　　数量\n" +
			"卫生人员　　1523.7\n",
		want: `T aligned cols=2 label=0 unit=-1 serial=-1 «表4　202…1523.7»
  caption "表4\u30002023年卫生资源情况\u3000\u3000单位：万人" unit "万人"
  H 指标 | 数量
  cols 指标 / 数量
  R 卫生人员 | 1523.7
`,
	},
	{
		name: "second table headed by bare years after a blank line",
		text: "地区\t2021\t2022\n" +
			"全国\t1030935\t1032918\n" +
			"\n" +
			"床位数（万张）\t2022\t2023\n" +
			"医院\t766.3\t800.5\n",
		want: `T tabs cols=3 label=0 unit=-1 serial=-1 «地区	202…032918»
  H 地区 | 2021 | 2022
  cols 地区 / 2021 / 2022
  R 全国 | 1030935 | 1032918
T tabs cols=3 label=0 unit=-1 serial=-1 «床位数（万张…	800.5»
  H 床位数（万张） | 2022 | 2023
  cols 床位数（万张） / 2022 / 2023
  R 医院 | 766.3 | 800.5
`,
	},
	{
		name: "leading column of serial numbers without a 序号 header",
		text: "\t指标\t2023年\n" +
			"1\t医疗卫生机构数（个）\t1070785\n" +
			"2\t床位数（万张）\t1017.4\n" +
			"3\t卫生技术人员（万人）\t1248.8\n",
		want: `T tabs cols=3 label=1 unit=-1 serial=0 «	指标	20…1248.8»
  H ∅ | 指标 | 2023年
  cols  / 指标 / 2023年
  R 1 | 医疗卫生机构数（个） | 1070785
  R 2 | 床位数（万张） | 1017.4
  R 3 | 卫生技术人员（万人） | 1248.8
`,
	},
	{
		name: "leading column of 一、二、三、",
		text: "\t项目\t2023年\n" +
			"一、\t参保人数（万人）\t133389\n" +
			"二、\t基金收入（亿元）\t33501.4\n" +
			"三、\t基金支出（亿元）\t28208.4\n",
		want: `T tabs cols=3 label=1 unit=-1 serial=0 «	项目	20…8208.4»
  H ∅ | 项目 | 2023年
  cols  / 项目 / 2023年
  R 一、 | 参保人数（万人） | 133389
  R 二、 | 基金收入（亿元） | 33501.4
  R 三、 | 基金支出（亿元） | 28208.4
`,
	},
	{
		name: "HTML row with its trailing empty cells dropped by the reader",
		text: "地区\t医院\t医院\t基层医疗卫生机构\t基层医疗卫生机构\n" +
			"\t诊疗人次数(万人次)\t入院人数(万人)\t诊疗人次数(万人次)\t入院人数(万人)\n" +
			"全国\t426152.9\t24500.5\t495523.9\t4352.9\n" +
			"门诊部\t12\n" +
			"一、按登记注册类型分\n" +
			"公立医院\t331390.1\t19052.4\n",
		want: `T tabs cols=5 label=0 unit=-1 serial=-1 «地区	医院	…9052.4»
  H 地区 | 医院 | 医院 | 基层医疗卫生机构 | 基层医疗卫生机构
  H ∅ | 诊疗人次数(万人次) | 入院人数(万人) | 诊疗人次数(万人次) | 入院人数(万人)
  cols 地区 / 医院 诊疗人次数(万人次) / 医院 入院人数(万人) / 基层医疗卫生机构 诊疗人次数(万人次) / 基层医疗卫生机构 入院人数(万人)
  R 全国 | 426152.9 | 24500.5 | 495523.9 | 4352.9
  R 门诊部 | 12 | ∅ | ∅ | ∅
  S 一、按登记注册类型分 | ∅ | ∅ | ∅ | ∅
  R 公立医院 | 331390.1 | 19052.4 | ∅ | ∅
`,
	},
}

// TestSegmentBlocks runs blockTests.
func TestSegmentBlocks(t *testing.T) {
	for _, tt := range blockTests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			got := renderBlocks(text, segmentBlocks(text, Span{0, len(text)}), false)
			if got != tt.want {
				t.Errorf("segmentBlocks(%q):\ngot:\n%s\nwant:\n%s", tt.text, got, tt.want)
			}
		})
	}
}

// TestSegmentBlocksGolden segments each testdata/blocks/*.txt and every
// document in sources/, comparing with testdata/blocks/NAME.golden;
// go test ./loader -run Golden -update rewrites the golden files.
func TestSegmentBlocksGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "blocks", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := filepath.Glob(filepath.Join("..", "sources", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range append(inputs, srcs...) {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		if !strings.HasPrefix(in, "testdata") {
			name = "source_" + name
		}
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(string(b))
			got := renderBlocks(text, segmentBlocks(text, Span{0, len(text)}), true)
			golden := filepath.Join("testdata", "blocks", name+".golden")
			if *updateBlocks {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./loader -run Golden -update)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s:%d: got\n\t%s\nwant\n\t%s\n(go test ./loader -run Golden -update rewrites it)", golden, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestSegmentBlocksLongLine checks that a 4 MB one-line document holding one
// tab is one paragraph. How fast it is segmented is BenchmarkSegmentBlocks'
// business: timings in a test fail on a busy machine.
func TestSegmentBlocksLongLine(t *testing.T) {
	text := longLine(4 << 20)
	if n := strings.Count(string(text), "\t"); n != 1 {
		t.Fatalf("long line holds %d tabs, want 1", n)
	}
	blocks := segmentBlocks(text, Span{0, len(text)})
	if len(blocks) != 1 || blocks[0].Kind != BlockParagraph || blocks[0].Span != (Span{0, len(text)}) {
		t.Errorf("got %d blocks, first %+v; want one paragraph [0:%d]", len(blocks), blocks[0], len(text))
	}
}

// longLine returns about n bytes of prose on one line, with one tab and a
// double space in it.
func longLine(n int) []rune {
	sentence := "全区基本医疗保险参保人数达到5205万人，职工基本医疗保险和城乡居民基本医疗保险政策范围内住院费用基金支付比例分别达到85%和70%以上。"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(sentence)
		if b.Len() > n/2 && !strings.Contains(b.String()[n/2-len(sentence):], "\t") {
			b.WriteString("\t医保基金  收支平衡")
		}
	}
	return []rune(b.String())
}

// tableHeavy returns about n bytes of text alternating tab, pipe and
// aligned tables with prose, captions and notes.
func tableHeavy(n int) []rune {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		tt := blockTests[i%len(blockTests)]
		b.WriteString(tt.text)
		b.WriteString("\n")
	}
	return []rune(b.String())
}

// BenchmarkSegmentBlocks segments a 1 MB line of prose (with one tab) and
// 1 MB of text full of tables.
func BenchmarkSegmentBlocks(b *testing.B) {
	for _, bc := range []struct {
		name string
		text []rune
	}{
		{"OneLine1MB", longLine(1 << 20)},
		{"Tables1MB", tableHeavy(1 << 20)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(string(bc.text))))
			for b.Loop() {
				segmentBlocks(bc.text, Span{0, len(bc.text)})
			}
		})
	}
}

// TestPlacings counts the ways of sharing a flattened header's parts among
// its wholes, and stops counting past the bound.
func TestPlacings(t *testing.T) {
	for _, tt := range []struct{ wholes, parts, want int }{
		{3, 6, 28}, {2, 3, 4}, {1, 5, 1}, {6, 30, maxPlacings + 1},
	} {
		if got := placings(tt.wholes, tt.parts); got != tt.want {
			t.Errorf("placings(%d, %d) = %d, want %d", tt.wholes, tt.parts, got, tt.want)
		}
		if tt.want <= maxPlacings {
			if got := len(levelOrders(tt.wholes, tt.parts)); got != tt.want {
				t.Errorf("levelOrders(%d, %d) gives %d orders, want %d", tt.wholes, tt.parts, got, tt.want)
			}
		}
	}
}
