package schema

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Full-text search over sentences. SQLite's default FTS5 tokenizer finds
// nothing inside a run of Chinese characters, and its trigram tokenizer
// cannot find the commonest terms (集采, 医保, 药品), which have two. So the
// sentences_fts table indexes each Chinese character as a token of its own
// (集采药品 → 集 采 药 品), and a query becomes the phrase of its own
// characters, which matches wherever they stand together in a sentence: a
// term of any length, one character included. Letters and digits keep their
// words (DRG, 2025). Overlapping bigrams would do too, but index twice the
// text for no gain in what can be found.

// FTSTerms returns the text indexed for a sentence in sentences_fts.
func FTSTerms(text string) string {
	var b strings.Builder
	b.Grow(2 * len(text))
	inWord := false
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' {
				if !inWord && b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte(byte(unicode.ToLower(r)))
				inWord = true
			} else {
				inWord = false
			}
		case isHan(r):
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(unicode.ToLower(r))
			inWord = true
		default:
			inWord = false
		}
	}
	return b.String()
}

// isHan reports whether r is a Chinese character; the common block is
// checked first, the whole Unicode script only beyond it.
func isHan(r rune) bool {
	if 0x4E00 <= r && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// FTSQuery returns the FTS5 MATCH expression that finds sentences holding
// q, or "" when q has nothing to search for.
func FTSQuery(q string) string {
	terms := FTSTerms(q)
	if terms == "" {
		return ""
	}
	return `"` + terms + `"`
}
