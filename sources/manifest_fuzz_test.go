package sources_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

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
			if lines := bytes.Count(data, []byte("\n")) + 1; me.Line < 0 || me.Line > lines {
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
