package loader_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// copyEmbedded writes the embedded sources and manifest into a new directory.
func copyEmbedded(t *testing.T) string {
	t.Helper()
	return writeForm(t, ".txt", func(s string) []byte { return []byte(s) })
}

// TestBuildBadInputs builds a directory holding, beside the five documents,
// an empty file, a binary file and a document with no figures; then tries a
// manifest with a syntax error and one with a body marker that is not in its
// file. Each gives its documented warning or error, and the database built
// before is never lost.
func TestBuildBadInputs(t *testing.T) {
	ctx := context.Background()
	dir := copyEmbedded(t)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("empty.txt", nil)
	write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write("nofigures.txt", []byte("关于进一步做好医疗保障工作的说明\n\n各地要高度重视，认真组织实施。\n"))

	l, err := sources.LoadDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range l.Skipped {
		skipped = append(skipped, s.Err.Error())
	}
	want := []string{
		"empty.txt: empty file: it holds no text",
		"photo.txt: binary file: it holds NUL or control bytes, not text",
	}
	if strings.Join(skipped, "|") != strings.Join(want, "|") {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
	if len(l.Warnings) != 1 || !strings.HasPrefix(l.Warnings[0].String(), `nofigures.txt: not in the manifest; guessed title "关于进一步做好医疗保障工作的说明" from the first line, no date`) {
		t.Errorf("warnings %v", l.Warnings)
	}
	path := filepath.Join(dir, "mediq.db")
	st, err := loader.BuildWith(ctx, l.Sources, path, loader.BuildOptions{Reuse: path})
	if err != nil {
		t.Fatal(err)
	}
	if st.Sources != 6 || st.Files[5].File != "nofigures.txt" || st.Files[5].Figures != 0 || st.Files[5].Sentences != 2 {
		t.Errorf("stats %+v", st)
	}
	before, _ := os.ReadFile(path)

	manifest := filepath.Join(dir, sources.ManifestFile)
	good, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, append([]byte("sources:\n  - file: [broken\n"), good...), 0o644)
	_, err = sources.LoadDir(os.DirFS(dir))
	var me *sources.ManifestError
	if !errors.As(err, &me) || !strings.HasPrefix(err.Error(), "manifest.yaml:2: did not find expected") {
		t.Errorf("manifest syntax error: got %v", err)
	}

	os.WriteFile(manifest, bytes.Replace(good, []byte("end: 2022年1月27日印发"), []byte("end: 此文字不在文件中"), 1), 0o644)
	l, err = sources.LoadDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = loader.BuildWith(ctx, l.Sources, path, loader.BuildOptions{Reuse: path})
	if !errors.Is(err, loader.ErrMarkerNotFound) || !strings.Contains(err.Error(), "002_afc835543a87b60d.txt:8:1: body end marker \"此文字不在文件中\"") {
		t.Errorf("bad marker: got %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the database built before")
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".mediq.db.tmp-*")); len(tmps) > 0 {
		t.Errorf("temporary files left behind: %v", tmps)
	}
}

// TestBuildKilled starts a long build in a child process over an existing
// database, kills it midway, and shows the previous database intact.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large corpus in a subprocess")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mediq.db")
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Build(context.Background(), srcs, path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChild$")
	cmd.Env = append(os.Environ(), "MEDIQ_BUILD_CHILD="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".mediq.db.tmp-*"))
		if len(tmps) > 0 {
			if fi, err := os.Stat(tmps[0]); err == nil && fi.Size() > 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child build never started writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	after, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("the database changed under a killed build (%v)", err)
	}
}

// TestBuildChild is the child of TestBuildKilled: a build of about 40 MB.
func TestBuildChild(t *testing.T) {
	path := os.Getenv("MEDIQ_BUILD_CHILD")
	if path == "" {
		t.Skip("run by TestBuildKilled")
	}
	srcs, _ := corpus(t, 40<<20)
	loader.Build(context.Background(), srcs, path)
}
