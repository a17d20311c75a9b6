package sources_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mediq/mediq/sources"
)

// TestEmbeddedByteForByte checks that the embedded documents are the seeds,
// unchanged: their hashes are the ones their names were taken from.
func TestEmbeddedByteForByte(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 5 {
		t.Fatalf("got %d sources, want 5", len(srcs))
	}
	for _, s := range srcs {
		sum := sha256.Sum256(s.Bytes)
		if hex.EncodeToString(sum[:]) != s.SHA256 {
			t.Errorf("%s: SHA256 field does not match the bytes", s.File)
		}
		seed := filepath.Join("..", "..", "shared", "seeds", s.File)
		if b, err := os.ReadFile(seed); err == nil && string(b) != s.Text {
			t.Errorf("%s differs from %s", s.File, seed)
		}
		for _, d := range s.Documents {
			if d.Issuer() == "" || d.Date == "" {
				t.Errorf("%s: document %q lacks issuer or date", s.File, d.Title)
			}
		}
	}
}

func TestParseManifestErrors(t *testing.T) {
	const good = `sources:
  - file: a.txt
    outlet: x
    documents:
      - title: T
        issuers: [I]
        date: 2025-01-02
        kind: news
        body:
          - start: a
            end: b
`
	tests := []struct {
		name, manifest, want string
	}{
		{"syntax", "sources:\n  - file: a\n    outlet: x\n   bad indent: y\n", "manifest.yaml:4: "},
		{"no list", "files: []\n", "manifest.yaml:1: want a top-level \"sources:\" list"},
		{"bad date", strings.Replace(good, "2025-01-02", "2025/01/02", 1), `manifest.yaml:2: a.txt: document 1 (T): date "2025/01/02" is not a date (want YYYY-MM-DD)`},
		{"bad kind", strings.Replace(good, "kind: news", "kind: blog", 1), `manifest.yaml:2: a.txt: document 1 (T): kind "blog" is not one of plan, notice, press_conference, news`},
		{"no issuers", strings.Replace(good, "issuers: [I]", "issuers: []", 1), "manifest.yaml:2: a.txt: document 1 (T): no issuers"},
		{"path", strings.Replace(good, "file: a.txt", "file: ../a.txt", 1), `manifest.yaml:2: file "../a.txt": name a file in the manifest's directory, without a path`},
		{"twice", good + strings.TrimPrefix(good, "sources:\n"), `manifest.yaml:12: file "a.txt" is listed twice (first on line 2)`},
		{"unknown correction", strings.Replace(good, "        body:", "        speakers:\n          - name: X\n            correction: Z\n        body:", 1), `manifest.yaml:2: a.txt: document 1 (T): speaker X names correction "Z", which the source does not list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sources.ParseManifest(sources.ManifestFile, []byte(tt.manifest))
			var me *sources.ManifestError
			if !errors.As(err, &me) {
				t.Fatalf("got %v, want a *ManifestError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want prefix %q", err.Error(), tt.want)
			}
		})
	}
	if _, err := sources.ParseManifest(sources.ManifestFile, []byte(good)); err != nil {
		t.Errorf("good manifest: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	manifest := `sources:
  - file: a.txt
    outlet: x
    documents:
      - {title: T, issuers: [I], date: 2025-01-02, kind: news, body: [{start: a, end: b}]}
`
	_, err := sources.Load(fstest.MapFS{sources.ManifestFile: {Data: []byte(manifest)}})
	if err == nil || err.Error() != "manifest.yaml:2: a.txt: file does not exist" {
		t.Errorf("missing file: got %v", err)
	}
	_, err = sources.Load(fstest.MapFS{sources.ManifestFile: {Data: []byte(manifest)}, "a.txt": {Data: []byte{0xff, 0xfe, 'a'}}})
	if !errors.Is(err, sources.ErrEncoding) {
		t.Errorf("invalid UTF-8: got %v", err)
	}
	_, err = sources.Load(fstest.MapFS{sources.ManifestFile: {Data: []byte(manifest)}, "a.txt": {Data: []byte("a\x00b")}})
	if err == nil || !strings.Contains(err.Error(), "a.txt: binary file") {
		t.Errorf("binary: got %v", err)
	}
	srcs, err := sources.Load(fstest.MapFS{sources.ManifestFile: {Data: []byte(manifest)}, "a.txt": {Data: []byte("a text b")}})
	if err != nil || len(srcs) != 1 || srcs[0].Text != "a text b" {
		t.Errorf("good: got %v, %v", srcs, err)
	}
}
