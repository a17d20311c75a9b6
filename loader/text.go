package loader

import (
	"slices"
	"strings"
)

// Span is a half-open range [Start, End) of code point offsets.
type Span struct{ Start, End int }

// Len returns the number of code points in s.
func (s Span) Len() int { return s.End - s.Start }

// splitLines returns the non-blank lines of text within sp, trimmed of
// surrounding spaces.
func splitLines(text []rune, sp Span) []Span {
	var out []Span
	start := sp.Start
	for i := sp.Start; i <= sp.End; i++ {
		if i == sp.End || text[i] == '\n' {
			ln := trimSpan(text, Span{start, i})
			if ln.Len() > 0 {
				out = append(out, ln)
			}
			start = i + 1
		}
	}
	return out
}

// trimSpan trims blank runes (spaces, tabs, line ends) from both ends of s.
func trimSpan(text []rune, s Span) Span { return trimSpanFunc(text, s, isBlank) }

// trimSpanFunc trims the runes trim reports from both ends of s.
func trimSpanFunc(text []rune, s Span, trim func(rune) bool) Span {
	for s.Start < s.End && trim(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && trim(text[s.End-1]) {
		s.End--
	}
	return s
}

func isBlank(r rune) bool { return isSpace(r) || r == '\t' || r == '\r' || r == '\n' || r == '\ufeff' }

// maxQuotedName is the longest quotation treated as a name. Longer quotations
// are speech or cited text, whose figures count.
const maxQuotedName = 24

// quotePairs are the marks that enclose names, with the longest content
// each may enclose to count as one.
var quotePairs = []struct {
	open, close rune
	limit       int
}{
	{'“', '”', maxQuotedName},
	{'‘', '’', maxQuotedName},
	{'「', '」', maxQuotedName},
	{'『', '』', maxQuotedName},
	{'"', '"', maxQuotedName},
	{'《', '》', 200},
	{'〈', '〉', 200},
	{'<', '>', 60},
	{'〔', '〕', 8},
	{'[', ']', 8},
}

// nameMask marks the runes of text that belong to names, where numerals are
// never figures: quotations (“十四五”, "最多跑一次"), book titles (《…》),
// the year of a document number (〔2022〕), and every other place in the body
// where a quoted name containing a numeral recurs without its quotes.
func nameMask(text []rune, body []Span) []bool {
	mask := make([]bool, len(text))
	names := map[string]bool{}
	for _, sp := range body {
		for _, ln := range splitLines(text, sp) {
			present := 0 // bit i: the line holds quotePairs[i]'s opening mark
			for _, r := range text[ln.Start:ln.End] {
				if i := openerIndex(r); i >= 0 {
					present |= 1 << i
				}
			}
			for pi, p := range quotePairs {
				if present&(1<<pi) == 0 {
					continue
				}
				for i := ln.Start; i < ln.End; i++ {
					if text[i] != p.open {
						continue
					}
					j := i + 1
					for j < ln.End && text[j] != p.close {
						j++
					}
					if j >= ln.End {
						break
					}
					if p.limit == maxQuotedName && containsRuneOf(text[i+1:j], "等，,。") {
						// 责任追究"等六项机制": a stray quote mark, not a name
						i = j - 1
						continue
					}
					if j-i-1 <= p.limit && (p.open != '<' || !isDigit(text[i+1])) {
						for k := i; k <= j; k++ {
							mask[k] = true
						}
						if p.limit == maxQuotedName && hasNumeral(text[i+1:j]) && j-i-1 >= 2 {
							names[string(text[i+1:j])] = true
						}
					}
					i = j
				}
			}
		}
	}
	// A name quoted once is a name wherever it recurs: one pass over the
	// body, trying at each rune only the names that begin with it, longest
	// first, so that many names cost no more than a few.
	if len(names) == 0 {
		return mask
	}
	byFirst := map[rune][][]rune{}
	var firstBits [1 << 10]uint64 // bit r: a name begins with rune r, r < 1<<16
	for name := range names {
		nr := []rune(name)
		byFirst[nr[0]] = append(byFirst[nr[0]], nr)
		if r := nr[0]; r < 1<<16 {
			firstBits[r>>6] |= 1 << (r & 63)
		}
	}
	for _, list := range byFirst {
		slices.SortFunc(list, func(a, b []rune) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return slices.Compare(a, b)
		})
	}
	for _, sp := range body {
		for i := sp.Start; i < sp.End; i++ {
			if r := text[i]; mask[i] || r < 1<<16 && firstBits[r>>6]&(1<<(r&63)) == 0 {
				continue
			}
			for _, nr := range byFirst[text[i]] {
				if i+len(nr) <= sp.End && slices.Equal(text[i:i+len(nr)], nr) {
					for k := i; k < i+len(nr); k++ {
						mask[k] = true
					}
					break
				}
			}
		}
	}
	return mask
}

// openerMin and openerMax bound the opening marks of quotePairs.
var openerMin, openerMax = func() (lo, hi rune) {
	lo, hi = quotePairs[0].open, quotePairs[0].open
	for _, p := range quotePairs {
		lo, hi = min(lo, p.open), max(hi, p.open)
	}
	return lo, hi
}()

// openerIndex returns the index in quotePairs of the pair that r opens, or -1.
func openerIndex(r rune) int {
	if r < openerMin || r > openerMax {
		return -1 // most runes: beyond every opening mark
	}
	for i, p := range quotePairs {
		if p.open == r {
			return i
		}
	}
	return -1
}

func containsRuneOf(rs []rune, chars string) bool {
	for _, r := range rs {
		if strings.ContainsRune(chars, r) {
			return true
		}
	}
	return false
}

func hasNumeral(rs []rune) bool {
	for _, r := range rs {
		if isDigit(r) || isChineseNumeral(r) {
			return true
		}
	}
	return false
}

// splitSentences splits a line into sentences at Chinese and Western sentence
// punctuation (。！？!?；;); the ender belongs to the sentence it ends. A closing quotation mark right after the ender stays with it.
func splitSentences(text []rune, ln Span) []Span {
	var out []Span
	start := ln.Start
	for i := ln.Start; i < ln.End; i++ {
		switch text[i] {
		case '。', '！', '？', '!', '?', '；', ';':
		default:
			continue
		}
		e := i + 1
		for e < ln.End && strings.ContainsRune("”’」』\")）", text[e]) {
			e++
		}
		if s := trimSpan(text, Span{start, e}); s.Len() > 0 {
			out = append(out, s)
		}
		start, i = e, e-1
	}
	if s := trimSpan(text, Span{start, ln.End}); s.Len() > 0 {
		out = append(out, s)
	}
	return out
}

// headingLevel reports whether a line is a section heading: 1 for 一、… and
// 第一章…, 2 for (一)… and 第一节…; 0 otherwise.
func headingLevel(line []rune) int {
	// 第一章 opens a chapter, 第一节 a section of it (plans, reports)
	if len(line) > 2 && line[0] == '第' {
		k := 1
		for k < len(line) && (isChineseNumeral(line[k]) || isDigit(line[k])) {
			k++
		}
		if k > 1 && k < len(line) {
			switch line[k] {
			case '章':
				return 1
			case '节':
				return 2
			}
		}
	}
	n := 0
	for n < len(line) && isChineseNumeral(line[n]) {
		n++
	}
	if n > 0 && n < len(line) && line[n] == '、' {
		return 1
	}
	if len(line) > 2 && (line[0] == '(' || line[0] == '（') {
		k := 1
		for k < len(line) && isChineseNumeral(line[k]) {
			k++
		}
		if k > 1 && k < len(line) && (line[k] == ')' || line[k] == '）') {
			return 2
		}
	}
	return 0
}

// headingText returns a heading line up to its first sentence end.
func headingText(line []rune) string {
	for i, r := range line {
		if strings.ContainsRune("。；;", r) {
			return string(line[:i])
		}
	}
	if len(line) > 60 {
		return string(line[:60])
	}
	return string(line)
}
