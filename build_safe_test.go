package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildCommandStaysInside builds a folder holding symbolic links to a
// file outside it: the build loads none of its figures and names each link.
func TestBuildCommandStaysInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("外部文件\n全区新增病种99个。\n"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("某市通知\n2024年5月6日\n全区新增病种5个。\n"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "link.txt"))
	os.Symlink(outside, filepath.Join(dir, "listed.txt"))
	os.WriteFile(filepath.Join(dir, "manifest.yaml"), []byte(`sources:
  - file: listed.txt
    outlet: x
    documents:
      - {title: T, issuers: [I], date: 2025-01-02, kind: news}
  - file: a.txt
    outlet: x
    documents:
      - {title: A, issuers: [I], date: 2024-05-06, kind: notice}
`), 0o644)
	out := filepath.Join(t.TempDir(), "x.db")
	code, stdout, stderr := runArgs(t, "build", "-o", out, dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"skipped: " + dir + "/manifest.yaml:2: listed.txt: a symbolic link to " + outside + ", which leads outside the folder: refused",
		"skipped: " + dir + "/link.txt: a symbolic link to " + outside + ", which leads outside the folder: refused",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "1 files loaded") || !strings.Contains(stdout, "2 skipped") {
		t.Errorf("summary: %s", stdout)
	}
	code, got, _ := runArgs(t, "-db", out, "-list", "SELECT group_concat(raw) FROM figures")
	if code != 0 || strings.Contains(got, "99") || !strings.Contains(got, "5个") {
		t.Errorf("figures of the build: %q", got)
	}
}

// TestBuildManifestPathError keeps the manifest's name and line in the
// error about an entry naming a path.
func TestBuildManifestPathError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.yaml"), []byte("sources:\n  - file: ../../etc/passwd\n    outlet: x\n    documents:\n      - {title: T, issuers: [I], date: 2025-01-02, kind: news}\n"), 0o644)
	code, _, stderr := runArgs(t, "build", "-o", filepath.Join(t.TempDir(), "x.db"), dir)
	want := "mediq build: " + dir + `/manifest.yaml:2: file "../../etc/passwd": name a file in the manifest's directory, without a path`
	if code != exitError || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %s", code, stderr, want)
	}
}
