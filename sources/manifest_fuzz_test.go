package sources_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mediq/mediq/sources"
)

// FuzzParseManifest checks that the manifest reader never panics, that
// every error is a *ManifestError whose line is in the manifest, that a
// manifest it accepts holds only checked entries, and that aliases never
// expand past the bound.
func FuzzParseManifest(f *testing.F) {
	for _, path := range []string{"manifest.yaml", "../examples/newdocs/manifest.yaml"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("sources:\n  - file: a.txt\n" + oneDoc))
	f.Add([]byte("sources:\n  - file: [a\n"))
	f.Add([]byte("sources:\n  - file: ../../etc/passwd\n" + oneDoc))
	f.Add([]byte("x: &x [a, b]\nsources:\n  - file: a.txt\n    outlet: x\n    documents:\n      - {title: T, issuers: [*x, *x], date: 2025-01-02, kind: news}\n"))
	f.Add([]byte("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nsources: [*c, *c]\n"))
	f.Add([]byte("sources:\n  - &e {file: a.txt}\n  - *e\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := sources.ParseManifest(sources.ManifestFile, data)
		if err != nil {
			var me *sources.ManifestError
			if !errors.As(err, &me) {
				t.Fatalf("error %T %v is not a *ManifestError", err, err)
			}
			// YAML, like an editor, breaks lines at \n, \r\n and a lone \r
			lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
			if me.Line < 0 || me.Line > lines {
				t.Fatalf("error on line %d of a manifest of %d lines: %v", me.Line, lines, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range srcs {
			if s.File == "" || strings.ContainsAny(s.File, `/\`) || seen[s.File] {
				t.Fatalf("accepted file %q", s.File)
			}
			seen[s.File] = true
			if len(s.Documents) == 0 {
				t.Fatalf("accepted %s without documents", s.File)
			}
			size := 0
			for _, d := range s.Documents {
				size += len(d.Title) + len(d.Issuer())
			}
			if size > sources.MaxManifestBytes {
				t.Fatalf("accepted %s with %d bytes of titles and issuers", s.File, size)
			}
		}
	})
}

// FuzzLoadDir runs LoadDir on a folder of a manifest and two documents:
// it never panics, never loads a file twice or one that is not there, and
// every file it neither loads nor skips is one it is meant to ignore.
func FuzzLoadDir(f *testing.F) {
	b, err := os.ReadFile("../examples/newdocs/manifest.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, "zhejiang_press.txt", []byte("浙江省医疗保障工作新闻发布会\n全省参保人数达5500万人。\n"))
	f.Add([]byte("sources:\n  - file: a.txt\n"+oneDoc), "a.txt", []byte("全区新增病种5个。"))
	f.Add([]byte("sources:\n  - file: b.txt\n"+oneDoc), "a.txt", []byte{0xef, 0xbb, 0xbf, 'x'})
	f.Add([]byte("x: &x [a]\nsources: [*x]\n"), "notes.pdf", []byte("%PDF"))
	f.Fuzz(func(t *testing.T, manifest []byte, name string, text []byte) {
		if !fs.ValidPath(name) || strings.Contains(name, "/") || name == "." {
			return
		}
		fsys := fstest.MapFS{
			sources.ManifestFile: {Data: manifest},
			name:                 {Data: text},
			"other.txt":          {Data: []byte("另一个文件：共有3家医院。\n")},
		}
		l, err := sources.LoadDir(fsys)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range l.Sources {
			if seen[s.File] || fsys[s.File] == nil {
				t.Fatalf("loaded %q (twice, or not in the folder)", s.File)
			}
			seen[s.File] = true
		}
		for _, sk := range l.Skipped {
			if seen[sk.File] {
				t.Fatalf("%s both loaded and skipped", sk.File)
			}
			seen[sk.File] = true
		}
		for f := range fsys {
			if !seen[f] && f != sources.ManifestFile && f != sources.IndicatorsFile && !strings.HasPrefix(f, ".") &&
				!strings.HasSuffix(strings.ToLower(f), ".db") && !strings.Contains(strings.ToLower(f), ".db-") && !strings.HasSuffix(strings.ToLower(f), ".sqlite") {
				t.Fatalf("%s was neither loaded nor reported", f)
			}
		}
	})
}
