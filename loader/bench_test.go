package loader_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// corpus returns the embedded sources repeated until their text reaches at
// least size bytes, each copy under its own file name.
func corpus(tb testing.TB, size int) ([]sources.Source, int) {
	tb.Helper()
	srcs, err := sources.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	var out []sources.Source
	n := 0
	for copyNo := 0; n < size; copyNo++ {
		for _, s := range srcs {
			s.File = fmt.Sprintf("%03d-%s", copyNo, s.File)
			out = append(out, s)
			n += len(s.Text)
		}
	}
	return out, n
}

// BenchmarkBuild measures the loader end to end — parse, scan, write the
// database and its full-text index, sync it — on a corpus of at least
// 10 MB. Compare sizes with -bench 'Build/' to see that the cost grows
// linearly.
func BenchmarkBuild(b *testing.B) {
	for _, mb := range []int{1, 10} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			srcs, n := corpus(b, mb<<20)
			path := filepath.Join(b.TempDir(), "bench.db")
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := loader.Build(context.Background(), srcs, path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse measures reading text into sentences and figures alone.
func BenchmarkParse(b *testing.B) {
	srcs, n := corpus(b, 1<<20)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range srcs {
			if _, err := loader.Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkOneLine parses the repeated sources as one document of about
// 8 MB, twice: as written, and with every line end turned into a space, one
// line of the same size. A scanner that looked back to a line's start for
// every number would be quadratic on the second; compare their MB/s: they
// should be within 2× of each other.
func BenchmarkOneLine(b *testing.B) {
	srcs, n := corpus(b, 8<<20)
	var all strings.Builder
	for _, s := range srcs {
		all.WriteString(s.Text)
		all.WriteString("\n")
	}
	for _, form := range []string{"lines", "one-line"} {
		b.Run(form, func(b *testing.B) {
			text := all.String()
			if form == "one-line" {
				text = strings.ReplaceAll(text, "\n", " ")
			}
			src := sources.Source{File: "all.txt", Text: text, Bytes: []byte(text), Documents: []sources.Document{{
				Title: "all", Issuers: []string{"某机关"}, Date: "2025-11-14", Kind: sources.KindNews, Region: "广西",
			}}}
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := loader.Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
