package loader_test

import (
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// figureKey is what must not depend on a document's form: its figures in
// order, with value, unit and qualifier.
type figureKey struct {
	raw, value, unit, qualifier string
}

func figuresOf(t *testing.T, srcs []sources.Source) map[string][]figureKey {
	t.Helper()
	out := map[string][]figureKey{}
	for _, s := range srcs {
		p, err := loader.Parse(s)
		if err != nil {
			t.Fatalf("%s: %v", s.File, err)
		}
		for _, d := range p.Documents {
			for _, f := range d.Figures {
				out[s.File] = append(out[s.File], figureKey{f.Raw, string(f.Value), f.Unit, f.Qualifier})
			}
		}
	}
	return out
}

// writeForm writes the embedded sources into a new directory, each file
// turned into another form, with the manifest renamed to match.
func writeForm(t *testing.T, ext string, form func(string) []byte) string {
	t.Helper()
	dir := t.TempDir()
	manifest, err := os.ReadFile(filepath.Join("..", "sources", sources.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		name := strings.TrimSuffix(s.File, ".txt") + ext
		manifest = bytes.ReplaceAll(manifest, []byte(s.File), []byte(name))
		if err := os.WriteFile(filepath.Join(dir, name), form(s.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, sources.ManifestFile), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func asHTML(text string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>saved page</title>\n<script>var x = \"1,234家\";</script></head><body>\n")
	inTable := false
	for _, ln := range strings.Split(text, "\n") {
		if strings.Contains(ln, "\t") {
			if !inTable {
				b.WriteString("<table>\n")
				inTable = true
			}
			b.WriteString("<tr>")
			for _, c := range strings.Split(ln, "\t") {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>\n")
			continue
		}
		if inTable {
			b.WriteString("</table>\n")
			inTable = false
		}
		if strings.TrimSpace(ln) != "" {
			b.WriteString("<p>" + html.EscapeString(ln) + "</p>\n")
		}
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// TestSameFiguresInEveryForm loads the five documents re-encoded as
// GB18030, with a byte-order mark, with CRLF line ends and as HTML pages,
// and expects the same figures as from the originals.
func TestSameFiguresInEveryForm(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	want := figuresOf(t, srcs)
	forms := []struct {
		name, ext string
		form      func(string) []byte
	}{
		{"gb18030", ".txt", func(s string) []byte {
			b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"bom", ".txt", func(s string) []byte { return append([]byte("\xef\xbb\xbf"), s...) }},
		{"crlf", ".txt", func(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }},
		{"html", ".html", asHTML},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			l, err := sources.LoadDir(os.DirFS(writeForm(t, f.ext, f.form)))
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Skipped) > 0 || len(l.Warnings) > 0 {
				t.Fatalf("skipped %v, warnings %v", l.Skipped, l.Warnings)
			}
			got := figuresOf(t, l.Sources)
			for i, s := range srcs {
				name := l.Sources[i].File
				if !slices.Equal(got[name], want[s.File]) {
					t.Errorf("%s: %d figures, want %d as in %s\ngot  %v\nwant %v", name, len(got[name]), len(want[s.File]), s.File, got[name], want[s.File])
				}
			}
		})
	}
}

// TestBuildIncremental changes one source's manifest entry and rebuilds
// over the previous database: only that source is parsed again, and the
// result is byte for byte a full build's.
func TestBuildIncremental(t *testing.T) {
	ctx := context.Background()
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mediq.db")
	st, err := loader.BuildWith(ctx, srcs, path, loader.BuildOptions{Reuse: path})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 0 {
		t.Fatalf("first build reused %d sources", st.Reused)
	}
	srcs[3].Outlet = "人民号"
	var progress []string
	st, err = loader.BuildWith(ctx, srcs, path, loader.BuildOptions{Reuse: path, Progress: func(done, total int, f loader.FileStats) {
		if f.Reused {
			progress = append(progress, "reused "+f.File)
		} else {
			progress = append(progress, "parsed "+f.File)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 4 || len(progress) != 5 || progress[3] != "parsed "+srcs[3].File {
		t.Errorf("reused %d, progress %v; want 4 reused and %s parsed", st.Reused, progress, srcs[3].File)
	}
	full := filepath.Join(dir, "full.db")
	if _, err := loader.Build(ctx, srcs, full); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(full)
	if !bytes.Equal(a, b) {
		t.Error("the incremental build differs from a full build")
	}
}
