package runes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// check compares At and Before with unicode/utf8 at every byte of s.
func check(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		r, n := At(s, i)
		wr, wn := utf8.DecodeRuneInString(s[i:])
		if r != wr || n != wn {
			t.Fatalf("At(%q, %d) = %q, %d; utf8 gives %q, %d", s, i, r, n, wr, wn)
		}
	}
	for _, chars := range []string{"；;。", "，,；;。：:", "(（", "", "a\xe5"} {
		if got, want := LastIndexAny(s, chars), strings.LastIndexAny(s, chars); got != want && utf8.ValidString(s) {
			t.Fatalf("LastIndexAny(%q, %q) = %d; strings gives %d", s, chars, got, want)
		}
	}
	for i := 1; i <= len(s); i++ {
		r, n := Before(s, i)
		wr, wn := utf8.DecodeLastRuneInString(s[:i])
		if r != wr || n != wn {
			t.Fatalf("Before(%q, %d) = %q, %d; utf8 gives %q, %d", s, i, r, n, wr, wn)
		}
	}
}

func TestAgreesWithUTF8(t *testing.T) {
	for _, s := range []string{
		"全区已备案29个疫苗临床试验现场",
		"34.79亿元，同比增长-2.3%；2—8℃",
		"\xe5\xb9",           // a cut sequence
		"\xed\xa0\x80",       // a surrogate, invalid in UTF-8
		"\xe0\x80\xaf",       // an overlong form
		"a\xf0\x9f\x98\x80b", // four bytes
		"\x80\x80\xe5\xb9\xb4",
	} {
		check(t, s)
	}
}

func FuzzAgreesWithUTF8(f *testing.F) {
	f.Add("全区已备案29个疫苗临床试验现场")
	f.Add("\xe5\xb9\xb4\xe5")
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
