package sources

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/regions"
)

// Guessing a document's details from its text, for a file the manifest does
// not list. Each guess follows one rule that can be said in a sentence; the
// rule is stated on the function that applies it, and Guessed says which
// rule gave each value, so that a person can check it.

// headLines and tailLines are how many non-empty lines count as near the
// title and as the end of a document.
const (
	headLines = 10
	tailLines = 15
)

// textLines are the non-empty lines of a text, trimmed, with the title's
// index among them.
type textLines struct {
	all   []string
	title int
}

func splitLines(text string) textLines {
	var l textLines
	for ln := range strings.SplitSeq(text, "\n") {
		if t := strings.TrimSpace(strings.TrimPrefix(ln, "\ufeff")); t != "" {
			l.all = append(l.all, t)
		}
	}
	l.title = guessTitleLine(l.all)
	return l
}

// head returns the lines near the title: the three lines before it (where a
// document number or a date may be printed), the title, and the headLines
// lines after it.
func (l textLines) head() []string {
	if len(l.all) == 0 {
		return nil
	}
	return l.all[max(0, l.title-3):min(len(l.all), l.title+headLines+1)]
}

// tail returns the last tailLines lines, where a signature stands.
func (l textLines) tail() []string { return l.all[max(0, len(l.all)-tailLines):] }

// guessDocument fills in a manifest entry's document, and the outlet, from
// a file's text; why says what was guessed, and by which rule.
func guessDocument(text string) (d Document, outlet string, why []string) {
	l := splitLines(text)
	if len(l.all) > 0 {
		d.Title = truncateRunes(l.all[l.title], 80)
	}
	if l.title == 0 {
		why = append(why, fmt.Sprintf("title %q from the first line", d.Title))
	} else {
		why = append(why, fmt.Sprintf("title %q from non-empty line %d, the first that names a kind of document", d.Title, l.title+1))
	}

	t := parseTranscript(l.all)
	d.Kind = guessKind(d.Title, t)
	if date, rule := guessDate(l, text, d.Kind == KindNotice || d.Kind == KindPlan); date != "" {
		d.Date = date
		why = append(why, "date "+date+" from "+rule)
	} else {
		why = append(why, "no date: none in the text, so figures have no document year")
	}

	if d.Number = guessNumber(l); d.Number != "" {
		why = append(why, fmt.Sprintf("number %q from its line under the title", d.Number))
	}

	outlet = "unknown"
	if m := reOutlet().FindStringSubmatch(text); m != nil {
		outlet = m[1]
	}
	issuers, issuerRule := guessIssuers(l, text)
	region, regionRule := guessRegion(d.Title, issuers, text)
	d.Region = region
	if len(issuers) > 0 {
		written := strings.Join(issuers, "、")
		for i, is := range issuers {
			issuers[i] = fullOrganName(is, d.Region)
		}
		d.Issuers = issuers
		if full := strings.Join(issuers, "、"); full != written {
			issuerRule += " (written " + written + ")"
		}
		why = append(why, fmt.Sprintf("issuer %q from %s", strings.Join(issuers, "、"), issuerRule))
	} else {
		d.Issuers = []string{"unknown"}
		why = append(why, "issuer unknown")
	}
	if region != "" {
		why = append(why, "region "+region+" from "+regionRule)
	}

	switch d.Kind {
	case KindPressConference:
		why = append(why, "kind press_conference: the text is a transcript")
	case KindNews:
		why = append(why, "kind news: the title names no plan or notice")
	default:
		why = append(why, "kind "+d.Kind+" from the title")
	}
	if d.Kind == KindPressConference {
		d.Speakers = t.speakers(l.all)
		for i := range d.Speakers {
			d.Speakers[i].Agency = fullOrganName(d.Speakers[i].Agency, d.Region)
		}
		speakerRegions(d.Speakers, d.Region)
		if len(d.Speakers) > 0 {
			var names []string
			for _, sp := range d.Speakers {
				if sp.Role == "host" {
					names = append(names, sp.Name+" (host)")
				} else {
					names = append(names, sp.Name)
				}
			}
			why = append(why, "speakers "+strings.Join(names, ", ")+" from the transcript's turns")
		}
	}
	why = append(why, "body: the whole file")
	return d, outlet, why
}

// reKindWord names a kind of document in a title.
var reKindWord = lazyRegexp(`通知|规划|方案|意见|办法|细则|条例|决定|公告|通告|通报|报告|纲要|发布会|答记者问|实录`)

// guessTitleLine returns the index of the title among the first lines: the
// first of them that names a kind of document (通知, 规划, 发布会 …) and
// is not a sentence, else the first line.
func guessTitleLine(lines []string) int {
	for i, ln := range lines[:min(len(lines), 15)] {
		if n := utf8.RuneCountInString(ln); n >= 8 && n <= 200 && !strings.ContainsAny(ln, "。！？") && reKindWord().MatchString(ln) {
			return i
		}
	}
	return 0
}

// Dates.

var (
	// reAnyDate matches a date written in Arabic or Chinese numerals
	// (2022年1月25日, 二〇二二年一月二十五日) or with dashes, slashes or dots.
	reAnyDate = lazyRegexp(`([0-9０-９〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９一二三四五六七八九十]{1,3})\s*日` +
		`|\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	// reDateLine is a line that holds a date and nothing else but a label
	// (时间：, 日期：, 成文日期：), brackets, a weekday and a time of day.
	reDateLine = lazyRegexp(`^[（(\[【]?(?:(?:发布|成文|印发|发文)?(?:时间|日期)\s*[:：]\s*)?\s*` +
		`(?:[0-9０-９〇零一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})` +
		`\s*(?:[（(]星期.[)）])?\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*[）)\]】]?$`)
)

// guessDate returns the document's date and the rule that gave it: a line
// that is only a date near the title (the date a notice is signed, a
// conference's 时间), else the last such line at the end (a signature
// date), else the first date near the title, else the first at the end,
// else the first date anywhere. For a signed document (signed: a notice or
// a plan) the signature date at the end comes first, since a page prints
// the date it was posted near the title.
func guessDate(l textLines, text string, signed bool) (date, rule string) {
	if signed {
		if d := signatureDate(l); d != "" {
			return d, "the signature date at the end"
		}
	}
	for _, ln := range l.head() {
		if isDateLine(ln) {
			if d := firstDateIn(ln); d != "" {
				return d, "a date line near the title"
			}
		}
	}
	if d := signatureDate(l); d != "" {
		return d, "the signature date at the end"
	}
	for _, ln := range l.head() {
		if d := firstDateIn(ln); d != "" {
			return d, "the first date near the title"
		}
	}
	for _, ln := range l.tail() {
		if d := firstDateIn(ln); d != "" {
			return d, "the first date at the end"
		}
	}
	if d := firstDateIn(text); d != "" {
		return d, "the first date in the text"
	}
	return "", ""
}

// isDateLine reports whether a line holds a date and nothing else (see
// reDateLine).
func isDateLine(ln string) bool { return len(ln) <= 120 && reDateLine().MatchString(ln) }

// signatureDate returns the date of the last line in the last lines that
// is only a date.
func signatureDate(l textLines) string {
	tail := l.tail()
	for i := len(tail) - 1; i >= 0; i-- {
		if isDateLine(tail[i]) {
			if d := firstDateIn(tail[i]); d != "" {
				return d
			}
		}
	}
	return ""
}

// firstDateIn returns the first valid date written in s, as YYYY-MM-DD.
func firstDateIn(s string) string {
	for _, m := range reAnyDate().FindAllStringSubmatch(s, -1) {
		y, mo, d := m[1], m[2], m[3]
		if y == "" {
			y, mo, d = m[4], m[5], m[6]
		}
		yn, mn, dn := cnNumber(y, true), cnNumber(mo, false), cnNumber(d, false)
		if yn >= 1900 && yn <= 2100 && mn >= 1 && mn <= 12 && dn >= 1 && dn <= 31 {
			return fmt.Sprintf("%04d-%02d-%02d", yn, mn, dn)
		}
	}
	return ""
}

// cnNumber reads a number written in Arabic digits (full-width too) or in
// Chinese numerals: digit by digit for a year (二〇二二), with 十 for a
// month or day (二十五). It returns -1 for anything else.
func cnNumber(s string, year bool) int {
	const digits = "〇一二三四五六七八九"
	var ds []int
	ten := -1
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			ds = append(ds, int(r-'0'))
		case r >= '０' && r <= '９':
			ds = append(ds, int(r-'０'))
		case r == '零':
			ds = append(ds, 0)
		case r == '十' && !year && ten < 0:
			ten = len(ds)
		default:
			i := strings.IndexRune(digits, r)
			if i < 0 {
				return -1
			}
			ds = append(ds, utf8.RuneCountInString(digits[:i]))
		}
	}
	if ten >= 0 { // 十 = 10, 二十 = 20, 十五 = 15, 二十五 = 25
		tens, units := 1, 0
		if ten == 1 {
			tens = ds[0]
		} else if ten > 1 {
			return -1
		}
		switch rest := ds[ten:]; len(rest) {
		case 0:
		case 1:
			units = rest[0]
		default:
			return -1
		}
		return tens*10 + units
	}
	if len(ds) == 0 {
		return -1
	}
	n := 0
	for _, d := range ds {
		n = n*10 + d
	}
	return n
}

// Issuers.

// organSuffixes end the name of a government body.
var organSuffixes = []string{"委员会", "卫生健康委", "卫健委", "办公厅", "办公室", "人民政府", "政府", "新闻办", "局", "委", "厅", "办", "中心", "部", "院", "署", "处", "司"}

// organStarts begin the name of a body that is not named after a division.
var organStarts = []string{"国家", "国务院", "中共", "中央", "中国", "自治区", "省", "市", "县", "区"}

// isOrganName reports whether s is the name of a government body: Han
// characters only, 3 to 30 of them, ending in an organ word (局, 委员会,
// 卫生健康委, 厅, 办公室, 政府, 中心, 部, 院 …), and starting with a division's
// name or 国家, 国务院, 省, 市 …, or naming 省, 市, 县, 区 or 州 within its
// first five characters (某市医保局).
func isOrganName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 30 || !allHan(s) || !hasOrganSuffix(s) {
		return false
	}
	if startsOrgan(s) {
		return true
	}
	first := []rune(s)[:min(n, 5)]
	return strings.ContainsAny(string(first), "省市县区州")
}

func hasOrganSuffix(s string) bool {
	for _, suf := range organSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// startsOrgan reports whether s starts with a division's name or one of
// organStarts.
func startsOrgan(s string) bool {
	for _, p := range organStarts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// No division's name is longer than 12 characters; look no further.
	head := s
	for i := range s {
		if i >= 12*utf8.UTFMax {
			head = s[:i]
			break
		}
	}
	ms := regions.Find(head)
	return len(ms) > 0 && ms[0].Start == 0
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// splitOrgans splits a run of organ names written together or apart
// (福建省卫生健康委员会 福建省医疗保障局, 中共中央办公厅国务院办公厅) into
// the names, or returns nil when any part is not an organ's name. A name
// ends where an organ word is followed by the start of another organ's
// name.
func splitOrgans(s string) []string {
	if len(s) > 600 {
		return nil // a paragraph, not a line of names
	}
	s = strings.Trim(s, "（）()【】[]〔〕 \t")
	var out []string
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("、，,；;", r)
	}) {
		start := 0
		for i := range tok {
			if i > start && hasOrganSuffix(tok[start:i]) && isOrganName(tok[start:i]) && startsOrgan(tok[i:]) {
				out = append(out, tok[start:i])
				start = i
			}
		}
		if !isOrganName(tok[start:]) {
			return nil
		}
		out = append(out, tok[start:])
	}
	return out
}

var (
	// reIssuerLabel is a labelled issuer: 发文机关：…, 发布机构：….
	reIssuerLabel = lazyRegexp(`(?:发文机关|发文单位|发布机构|发布单位|发文机构)\s*[:：]\s*([^\n|｜]+)`)
	// reTitleIssuer is the organ a title starts with, before 关于 or a verb.
	reTitleIssuer = lazyRegexp(`^(?:[^|｜丨]*[|｜丨])?\s*([\p{Han}\s、]+?)\s*(?:关于|印发|召开|举行|开会|发布|转发)`)
	// reOrganActs is an organ that acts in a sentence near the title:
	// …，浙江省人民政府新闻办公室举行新闻发布会.
	reOrganActs = lazyRegexp(`(?:^|[，,。；;\s])(\p{Han}{3,30}?)(?:于|今天|今日|昨日|召开|举行)`)
)

// guessIssuers returns the document's issuers and the rule that gave them:
// a labelled issuer (发文机关：) near the title; else the organ names a title
// starts with (…关于印发…, …召开…); else a signature, a line of organ names
// alone in the last lines; else a line near the title of organ names alone
// (a byline); else an organ that opens a sentence near the title
// (…办公室于…举行); else the text's 来源.
func guessIssuers(l textLines, text string) ([]string, string) {
	head := l.head()
	for _, ln := range head {
		if m := reIssuerLabel().FindStringSubmatch(ln); m != nil {
			if names := splitOrgans(m[1]); names != nil {
				return names, "its label near the title"
			}
		}
	}
	if len(l.all) > 0 {
		if m := reTitleIssuer().FindStringSubmatch(l.all[l.title]); m != nil {
			if names := splitOrgans(m[1]); names != nil {
				return names, "the title"
			}
		}
	}
	tail := l.tail()
	for i := len(tail) - 1; i >= 0; i-- {
		if names := splitOrgans(tail[i]); names != nil {
			return names, "the signature at the end"
		}
	}
	for _, ln := range head {
		if names := splitOrgans(ln); names != nil {
			return names, "a byline near the title"
		}
	}
	for _, ln := range head {
		for _, m := range reOrganActs().FindAllStringSubmatch(ln, -1) {
			if isOrganName(m[1]) {
				return []string{m[1]}, "a sentence near the title"
			}
		}
	}
	if m := reOutlet().FindStringSubmatch(text); m != nil {
		return []string{m[1]}, "来源"
	}
	return nil, ""
}

// Region.

// guessRegion returns the region tag of a document and the rule that gave
// it: the division the first issuer names (江西省医疗保障局 → 江西, 国家医保局
// → 全国), else the first the title names, else the one the text names most
// often (the first of those named equally often).
func guessRegion(title string, issuers []string, text string) (string, string) {
	for _, is := range issuers {
		if ms := regions.Find(is); len(ms) > 0 {
			return ms[0].Region.Tag(), "the issuer"
		}
	}
	if ms := regions.Find(title); len(ms) > 0 {
		return ms[0].Region.Tag(), "the title"
	}
	count := map[string]int{}
	best := ""
	for _, m := range regions.Find(text) {
		tag := m.Region.Tag()
		count[tag]++
		if count[tag] > count[best] {
			best = tag
		}
	}
	if best == "" {
		return "", ""
	}
	return best, fmt.Sprintf("the text, which names it most often (%d times)", count[best])
}

// Kind.

var (
	rePlan   = lazyRegexp(`规划`)
	reNotice = lazyRegexp(`通知|方案|办法|意见|细则|条例`)
)

// guessKind returns the kind of a document: press_conference when its text
// is a transcript (see transcript.is), plan when its title names a 规划,
// notice when it names a 通知, 方案, 办法, 意见, 细则 or 条例, else news.
func guessKind(title string, t transcript) string {
	switch {
	case t.is():
		return KindPressConference
	case rePlan().MatchString(title):
		return KindPlan
	case reNotice().MatchString(title):
		return KindNotice
	}
	return KindNews
}

// Transcripts.

// A turn is a line that starts with who speaks and a colon: a name of 2 to
// 4 Han characters (庄严答：, 【郭卫民】：), a reporter (广西日报记者：,
// 记者：), a question (问：, 提问：) or the host (主持人：).
var (
	reAskerTurn = lazyRegexp(`^[【\[［]?(?:[\p{Han}A-Za-z0-9、·]{0,20}记者|提问|问)[】\]］]?\s*[:：]`)
	reHostTurn  = lazyRegexp(`^[【\[［]?主持人[】\]］]?\s*[:：]`)
	reNameTurn  = lazyRegexp(`^[【\[［]?(\p{Han}{2,4}?)(答)?[】\]］]?\s*[:：]`)
)

// notNames are labels that stand before a colon like a speaker's name.
var notNames = map[string]bool{
	"时间": true, "日期": true, "地点": true, "来源": true, "作者": true, "编辑": true, "责任编辑": true,
	"出席人员": true, "出席嘉宾": true, "发布人": true, "关键词": true, "附件": true, "电话": true, "联系电话": true,
	"地址": true, "标题": true, "网址": true, "文件下载": true, "关联文件": true, "当前位置": true, "发布时间": true,
	"发布机构": true, "发文机关": true, "成文日期": true, "索引号": true, "主题分类": true, "文号": true,
	"主持人": true, "记者": true, "提问": true, "答": true, "问": true, "特别声明": true, "声明": true,
	"注": true, "备注": true, "说明": true, "摘要": true, "简介": true, "导语": true, "主题": true,
	// words that start with a family name's character and often end a line
	// before a list: 包括：, 明确：, 高血压：
	"包括": true, "明确": true, "成效": true, "任务": true, "方式": true, "程序": true, "原则": true,
	"强调": true, "要求": true, "重点": true, "常住人口": true, "高血压": true, "金额": true,
	"安排": true, "范围": true, "对象": true, "条件": true, "标准": true, "期限": true, "时限": true,
}

// surnames are the common Chinese family names a speaker's name starts
// with; compound ones are listed after the space.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪黎" +
	" 欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 呼延 申屠 万俟"

// looksLikeName reports whether s can be a person's name: 2 to 4 Han
// characters starting with a common family name, and neither a label nor
// a division's name (南宁市：).
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || !allHan(s) || notNames[s] {
		return false
	}
	if _, ok := regions.Lookup(s); ok {
		return false
	}
	single, compound, _ := strings.Cut(surnames, " ")
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(single, r) {
		return true
	}
	for _, c := range strings.Fields(compound) {
		if strings.HasPrefix(s, c) && n > 2 {
			return true
		}
	}
	return false
}

// transcript is what the turns of a text show.
type transcript struct {
	names  []string       // speakers' names, in the order they first speak
	turns  map[string]int // turns per name
	answer map[string]bool
	asks   int // reporters' questions
	hosts  int // turns of 主持人
}

// parseTranscript reads the turns of a text.
func parseTranscript(lines []string) transcript {
	t := transcript{turns: map[string]int{}, answer: map[string]bool{}}
	for _, ln := range lines {
		switch {
		case reHostTurn().MatchString(ln):
			t.hosts++
		case reAskerTurn().MatchString(ln):
			t.asks++
		default:
			m := reNameTurn().FindStringSubmatch(ln)
			if m == nil || !looksLikeName(m[1]) {
				continue
			}
			if t.turns[m[1]] == 0 {
				t.names = append(t.names, m[1])
			}
			t.turns[m[1]]++
			if m[2] != "" {
				t.answer[m[1]] = true
			}
		}
	}
	return t
}

// is reports whether the turns make a transcript: a named speaker has a
// turn, and a reporter asks, a host speaks or a speaker answers (庄严答：).
func (t transcript) is() bool {
	return len(t.names) > 0 && (t.asks > 0 || t.hosts > 0 || len(t.answer) > 0)
}

var (
	// reHostedBy is 发布会由…主持: the host, with agency and title.
	reHostedBy = lazyRegexp(`由([^，,。；;：:]{2,60}?)(?:先生|女士|同志)?主持`)
	// reTitleStart is how a person's title starts after an agency's name.
	reTitleStart = lazyRegexp(`^(?:党组|党委|党工委|书记|副|局长|主任|处长|司长|厅长|院长|部长|主席|秘书长|一级|二级|巡视员|调研员|新闻发言人|发言人|负责人|委员|总经济师|总会计师|总工程师|总督学)`)
)

// speakers returns the speakers of a transcript, as a manifest lists them:
// every name that has a turn, in the order they first speak, reporters
// left out; a name introduced as 主持 (发布会由…主持, or under 主持人：) is
// the host, and a host who speaks only as 主持人： is listed by that word. Agency and title come from the line that introduces the name:
// a list line (黎君君   自治区卫生健康委党组成员、副主任) or a sentence
// (邀请江西省医疗保障局副局长王芳介绍…).
func (t transcript) speakers(lines []string) []Speaker {
	hosts := map[string]bool{}
	for i, ln := range lines {
		if m := reHostedBy().FindStringSubmatch(ln); m != nil {
			for _, name := range t.names {
				if strings.HasSuffix(m[1], name) {
					hosts[name] = true
				}
			}
		}
		if reHostTurn().MatchString(ln) && i+1 < len(lines) {
			after := strings.TrimSpace(ln[strings.IndexAny(ln, ":：")+1:])
			if after == "" {
				after = lines[i+1]
			}
			for _, name := range t.names {
				if strings.HasPrefix(squeeze(after), name) {
					hosts[name] = true
				}
			}
		}
	}
	var out []Speaker
	if t.hosts > 0 && len(hosts) == 0 {
		// The host speaks as 主持人： and is never named: list the role as
		// the name, so that the host's words are not given to the speaker
		// before them.
		out = append(out, Speaker{Name: "主持人", Role: "host"})
	}
	for _, name := range t.names {
		sp := Speaker{Name: name}
		if hosts[name] {
			sp.Role = "host"
		}
		sp.Agency, sp.Title = introduction(name, lines)
		out = append(out, sp)
	}
	// The host chairs: list them first, as the manifest does.
	slices.SortStableFunc(out, func(a, b Speaker) int {
		if (a.Role == "host") == (b.Role == "host") {
			return 0
		}
		if a.Role == "host" {
			return -1
		}
		return 1
	})
	return out
}

// speakerRegions sets the region of each speaker whose agency names a
// division other than the document's region (浙江省卫生健康委员会 at a
// national conference → 浙江), as a manifest records it.
func speakerRegions(speakers []Speaker, docRegion string) {
	for i, sp := range speakers {
		if ms := regions.Find(sp.Agency); len(ms) > 0 && ms[0].Start == 0 {
			if tag := ms[0].Region.Tag(); tag != docRegion {
				speakers[i].Region = tag
			}
		}
	}
}

// squeeze removes the spaces inside a line that a page puts between the
// characters of a name (万    秋) to line up a list.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// introduction returns the agency and title a text gives a speaker where it
// introduces them: a list line that starts with the name followed by
// agency and title, or the agency and title written just before the name in
// a sentence that is not the speaker's turn.
func introduction(name string, lines []string) (agency, title string) {
	for _, ln := range lines {
		if m := reNameTurn().FindStringSubmatch(ln); m != nil && m[1] == name {
			continue // the speaker's own turn
		}
		// A list line: the name, spaces, then agency and title.
		if rest, ok := cutSpacedName(ln, name); ok {
			if a, t := splitAgencyTitle(rest); a != "" {
				return a, t
			}
		}
		// A sentence: …agency title NAME(先生|女士)….
		for i := strings.Index(ln, name); i >= 0; {
			before := ln[:i]
			if j := strings.LastIndexAny(before, "，,：:；;。（(！!？?"); j >= 0 {
				_, size := utf8.DecodeRuneInString(before[j:])
				before = before[j+size:]
			}
			if a, t := splitAgencyTitle(trimToOrgan(before)); a != "" && t != "" {
				return a, t
			}
			k := strings.Index(ln[i+len(name):], name)
			if k < 0 {
				break
			}
			i += len(name) + k
		}
	}
	return "", ""
}

// cutSpacedName returns what follows name at the start of line, where the
// name may have spaces between its characters and must be followed by a
// space.
func cutSpacedName(line, name string) (string, bool) {
	rest := line
	for _, r := range name {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if !strings.HasPrefix(rest, string(r)) {
			return "", false
		}
		rest = rest[utf8.RuneLen(r):]
	}
	if rest == "" || !unicode.IsSpace([]rune(rest)[0]) {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// trimToOrgan drops the words before an organ's name in a phrase
// (邀请了自治区卫生健康委… → 自治区卫生健康委…): the organ starts at the
// first division's name or organ word, else after the last word that
// introduces a person (由, 邀请, 请, 有, 是).
func trimToOrgan(s string) string {
	best := len(s)
	if ms := regions.Find(s); len(ms) > 0 {
		best = ms[0].Start
	}
	for _, p := range organStarts {
		if i := strings.Index(s, p); i >= 0 && i < best {
			best = i
		}
	}
	if best == len(s) {
		if i := strings.LastIndexAny(s, "由请有是"); i >= 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			best = i + size
		}
	}
	return s[best:]
}

// splitAgencyTitle splits 自治区医保局党组成员、副局长 into the agency,
// the shortest start that ends in an organ word and is followed by a
// title, perhaps after 的 (自治区医保局), and the title (党组成员、副局长).
func splitAgencyTitle(s string) (agency, title string) {
	s = strings.TrimSpace(s)
	for i := range s {
		if i == 0 || !hasOrganSuffix(s[:i]) {
			continue
		}
		rest := strings.TrimPrefix(s[i:], "的")
		if reTitleStart().MatchString(rest) {
			return s[:i], strings.TrimSpace(rest)
		}
	}
	return "", ""
}

// reDocNumber is a document number: 桂政办发〔2022〕6号, 国办发[2022]14号.
var reDocNumber = lazyRegexp(`\p{Han}{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号`)

// guessNumber returns the document number written alone on a line near the
// title, as official documents print it under the title.
func guessNumber(l textLines) string {
	for _, ln := range l.head() {
		if len(ln) > 100 {
			continue
		}
		if m := reDocNumber().FindString(ln); m != "" && m == ln {
			return m
		}
	}
	return ""
}

// writeGuessed writes what was guessed for a file as YAML comments, for
// the person who checks a manifest skeleton.
func writeGuessed(b *strings.Builder, guessed []string) {
	for _, g := range guessed {
		fmt.Fprintf(b, "    # guessed: %s\n", strings.ReplaceAll(g, "\n", " "))
	}
}

// writeSpeakers writes a document's speakers into a manifest skeleton,
// marked as guessed, or a commented template when there are none.
func writeSpeakers(b *strings.Builder, speakers []Speaker) {
	if len(speakers) == 0 {
		b.WriteString("        # speakers:\n        #   - name: 姓名\n        #     agency: 所属机构\n")
		return
	}
	b.WriteString("        speakers:  # guessed from the transcript: check each name, agency, title and role\n")
	for _, sp := range speakers {
		fmt.Fprintf(b, "          - name: %s\n", yamlString(sp.Name))
		if sp.Agency != "" {
			fmt.Fprintf(b, "            agency: %s\n", yamlString(sp.Agency))
		}
		if sp.Title != "" {
			fmt.Fprintf(b, "            title: %s\n", yamlString(sp.Title))
		}
		if sp.Role != "" {
			fmt.Fprintf(b, "            role: %s\n", sp.Role)
		}
		if sp.Region != "" {
			fmt.Fprintf(b, "            region: %s\n", yamlString(sp.Region))
		}
	}
}

// organAbbrevs are the short forms of organ words that officials write and
// the full forms a manifest records (医保局 is 医疗保障局).
var organAbbrevs = []struct{ short, full string }{
	{"卫健委", "卫生健康委员会"},
	{"卫生健康委", "卫生健康委员会"},
	{"医保局", "医疗保障局"},
	{"药监局", "药品监督管理局"},
	{"中医药局", "中医药管理局"},
	{"疾控局", "疾病预防控制局"},
	{"市场监管局", "市场监督管理局"},
	{"发改委", "发展和改革委员会"},
	{"人社厅", "人力资源和社会保障厅"},
	{"人社局", "人力资源和社会保障局"},
	{"新闻办", "新闻办公室"},
}

// fullOrganName writes out an organ's name as a manifest records it: a
// leading 自治区, 省 or 市 becomes the full name of the document's region
// when that is a division of that kind (省医保局 in a document about 浙江 →
// 浙江省医保局); 政府 right after a division's name becomes 人民政府; and a
// short organ word at the end becomes its full form (国家卫健委 →
// 国家卫生健康委员会).
func fullOrganName(name, region string) string {
	if name == "" {
		return ""
	}
	if r, ok := regions.Lookup(region); ok && r.Level != regions.LevelCountry {
		for _, lead := range []string{"自治区", "省", "市"} {
			if strings.HasPrefix(name, lead) && strings.HasSuffix(r.Name, lead) {
				name = r.Name + strings.TrimPrefix(name, lead)
				break
			}
		}
	}
	if ms := regions.Find(name); len(ms) > 0 && ms[0].Start == 0 && strings.HasPrefix(name[ms[0].End:], "政府") {
		name = name[:ms[0].End] + "人民" + name[ms[0].End:]
	}
	for _, a := range organAbbrevs {
		if strings.HasSuffix(name, a.short) {
			return strings.TrimSuffix(name, a.short) + a.full
		}
	}
	return name
}
