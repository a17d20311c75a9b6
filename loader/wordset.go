package loader

import (
	"strings"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/runes"
)

// wordSet tells whether a text holds any of a list of words in one pass
// over its runes: a bit per rune of the Basic Multilingual Plane says
// whether some word begins with it, and only there are the words compared.
// For the role and rule words of a clause this is several times cheaper
// than one strings.Contains per word, whose first-byte search stops at
// nearly every Chinese character (they share a few leading bytes).
type wordSet struct {
	words []string
	first [1 << 10]uint64 // bit r: a word begins with rune r (r < 1<<16)
	last  [1 << 10]uint64 // bit r: a word ends with rune r (r < 1<<16)
	wide  bool            // a word begins or ends beyond the BMP: compare there too
}

// newWordSet indexes words by their first runes.
func newWordSet(words []string) *wordSet {
	ws := &wordSet{words: words}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		l, _ := utf8.DecodeLastRuneInString(w)
		if r < 1<<16 && l < 1<<16 {
			ws.first[r>>6] |= 1 << (r & 63)
			ws.last[l>>6] |= 1 << (l & 63)
		} else {
			ws.wide = true
		}
	}
	return ws
}

// mayStart reports whether a word of the set may begin with r.
func (ws *wordSet) mayStart(r rune) bool {
	return r < 1<<16 && ws.first[r>>6]&(1<<(r&63)) != 0 || ws.wide
}

// mayEnd reports whether a word of the set may end with r.
func (ws *wordSet) mayEnd(r rune) bool {
	return r < 1<<16 && ws.last[r>>6]&(1<<(r&63)) != 0 || ws.wide
}

// in reports whether s holds one of the set's words.
func (ws *wordSet) in(s string) bool {
	for i := 0; i < len(s); {
		r, size := runes.At(s, i)
		if ws.mayStart(r) {
			for _, w := range ws.words {
				if strings.HasPrefix(s[i:], w) {
					return true
				}
			}
		}
		i += size
	}
	return false
}

// lastIn returns the byte offset of the last word of the set that starts
// at or after from in s, or -1.
func (ws *wordSet) lastIn(s string, from int) int {
	for i := len(s); i > from; {
		r, size := runes.Before(s, i)
		i -= size
		if i < from {
			break
		}
		if ws.mayStart(r) {
			for _, w := range ws.words {
				if strings.HasPrefix(s[i:], w) {
					return i
				}
			}
		}
	}
	return -1
}
