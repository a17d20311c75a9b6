package sources_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/sources"
)

const oneDoc = `    outlet: x
    documents:
      - {title: T, issuers: [I], date: 2025-01-02, kind: news}
`

// TestLoadDirStaysInside builds a folder with symbolic links to a file
// outside it, listed and unlisted, to a file inside it, and a manifest that
// is itself a link: nothing outside is read, and each link is named.
func TestLoadDirStaysInside(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	os.WriteFile(secret, []byte("外部文件：全区新增病种99个。\n"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "real.txt"), []byte("内部文件：全区新增病种5个。\n"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "listed.txt"))
	os.Symlink(filepath.Join("..", filepath.Base(outside), "secret.txt"), filepath.Join(dir, "relative.txt"))
	os.Symlink(secret, filepath.Join(dir, "unlisted.txt"))
	os.Symlink("real.txt", filepath.Join(dir, "inside.txt"))
	os.Symlink("inside.txt", filepath.Join(dir, "unlisted-inside.txt"))
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644)
	manifest := "sources:\n  - file: listed.txt\n" + oneDoc + "  - file: relative.txt\n" + oneDoc + "  - file: inside.txt\n" + oneDoc
	os.WriteFile(filepath.Join(dir, sources.ManifestFile), []byte(manifest), 0o644)

	for _, how := range []string{"os.Root", "os.DirFS"} {
		t.Run(how, func(t *testing.T) {
			fsys := os.DirFS(dir)
			if how == "os.Root" {
				root, err := os.OpenRoot(dir)
				if err != nil {
					t.Fatal(err)
				}
				defer root.Close()
				fsys = root.FS()
			}
			l, err := sources.LoadDir(fsys)
			if err != nil {
				t.Fatal(err)
			}
			var loaded []string
			for _, s := range l.Sources {
				loaded = append(loaded, s.File)
				if strings.Contains(s.Text, "外部") {
					t.Errorf("%s: loaded the text of a file outside the folder", s.File)
				}
			}
			if got, want := strings.Join(loaded, " "), "inside.txt real.txt"; got != want {
				t.Errorf("loaded %q, want %q", got, want)
			}
			want := map[string]string{
				"listed.txt":          "manifest.yaml:2: listed.txt: a symbolic link to " + secret + ", which leads outside the folder: refused; copy the file into the folder to build it",
				"relative.txt":        "manifest.yaml:6: relative.txt: a symbolic link to ../" + filepath.Base(outside) + "/secret.txt, which leads outside the folder: refused",
				"unlisted.txt":        "unlisted.txt: a symbolic link to " + secret + ", which leads outside the folder: refused",
				"unlisted-inside.txt": "unlisted-inside.txt: a symbolic link the manifest does not list: list it in manifest.yaml to load it",
				"notes.pdf":           "notes.pdf: not a document: mediq reads .txt, .html, .htm, .md files",
			}
			for _, sk := range l.Skipped {
				w, ok := want[sk.File]
				if !ok {
					t.Errorf("skipped %s: %v", sk.File, sk.Err)
					continue
				}
				if !strings.HasPrefix(sk.Err.Error(), w) {
					t.Errorf("skipped %s:\n got %v\nwant %s…", sk.File, sk.Err, w)
				}
				if outsideLink := !strings.Contains(sk.File, "inside") && strings.HasSuffix(sk.File, ".txt"); outsideLink != errors.Is(sk.Err, sources.ErrOutside) {
					t.Errorf("%s: errors.Is(%v, ErrOutside) = %v", sk.File, sk.Err, !outsideLink)
				}
				delete(want, sk.File)
			}
			for f := range want {
				t.Errorf("%s was not reported", f)
			}
		})
	}
}

// TestManifestMustBeRegular refuses a manifest that is a symbolic link.
func TestManifestMustBeRegular(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "m.yaml")
	os.WriteFile(outside, []byte("sources:\n  - file: a.txt\n"+oneDoc), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("文字5个。\n"), 0o644)
	os.Symlink(outside, filepath.Join(dir, sources.ManifestFile))
	_, err := sources.LoadDir(os.DirFS(dir))
	want := "manifest.yaml: a symbolic link (to " + outside + "): the manifest must be a regular file inside the folder; put a copy in its place"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestManifestAliasBound refuses a manifest whose aliases expand past
// MaxManifestBytes, quickly, naming the field; the same manifest with few
// aliases parses.
func TestManifestAliasBound(t *testing.T) {
	manifest := func(aliases int) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, "big: &big %s\nsources:\n  - file: a.txt\n    outlet: x\n    documents:\n      - title: T\n        date: 2025-01-02\n        kind: news\n        issuers:\n", strings.Repeat("很长的名字", 6000))
		for range aliases {
			b.WriteString("          - *big\n")
		}
		return []byte(b.String())
	}
	if _, err := sources.ParseManifest(sources.ManifestFile, manifest(3)); err != nil {
		t.Fatalf("3 aliases: %v", err)
	}
	start := time.Now()
	_, err := sources.ParseManifest(sources.ManifestFile, manifest(300))
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
	want := "manifest.yaml:55: sources[0].documents[0].issuers[45]: with its aliases expanded the manifest is more than 4194304 bytes; write the values out, or alias shorter ones"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestManifestErrorLineFast reports the line of a syntax error at the end
// of a 20,000-line manifest quickly: a few parses of it, where one parse per
// line took over a minute. (The bound is loose: the tests may share a busy
// machine.)
func TestManifestErrorLineFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("sources:\n")
	for i := range 4000 {
		fmt.Fprintf(&b, "  - file: f%d.txt\n    outlet: x\n    documents:\n      - title: T\n        kind: news\n", i)
	}
	b.WriteString("  - file: [bad\n")
	start := time.Now()
	_, err := sources.ParseManifest(sources.ManifestFile, []byte(b.String()))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	var me *sources.ManifestError
	if !errors.As(err, &me) || me.Line != 20002 {
		t.Errorf("got %v, want an error on line 20002", err)
	}
}

// TestManifestPathErrorKeepsLine shows the line of an entry naming a path:
// the message must not be cleaned as a path by whoever prints it.
func TestManifestPathErrorKeepsLine(t *testing.T) {
	_, err := sources.ParseManifest(sources.ManifestFile, []byte("sources:\n  - file: ../../etc/passwd\n"+oneDoc))
	want := `manifest.yaml:2: file "../../etc/passwd": name a file in the manifest's directory, without a path`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
