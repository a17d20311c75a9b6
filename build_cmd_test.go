package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestBuildCommand builds the three example documents, queries the result
// with a preset, and rebuilds incrementally.
func TestBuildCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "new.db")
	code, out, errs := runArgs(t, "build", "-v", "-o", dbPath, "examples/newdocs")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"zhejiang_press.txt: 1 document, ",
		"anhui_plan.html: 1 document, ",
		"fujian_notice_gbk.txt: 1 document, ",
		"built " + dbPath + ": 3 files loaded (0 unchanged since the last build), 0 skipped; 3 documents, ",
		"51 figures",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runArgs(t, "-db", dbPath, "-csv", ".preset documents")
	if code != 0 || !strings.Contains(out, "浙江省医疗保障工作新闻发布会") || !strings.Contains(out, "press_conference") {
		t.Errorf("preset on the built database: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runArgs(t, "build", "-o", dbPath, "examples/newdocs")
	if code != 0 || !strings.Contains(out, "3 files loaded (3 unchanged since the last build)") {
		t.Errorf("rebuild: exit %d: %s", code, out)
	}
}

func TestBuildCommandErrors(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runArgs(t, "build", filepath.Join(dir, "missing"))
	if code != exitError || !strings.Contains(errs, "is not a directory") {
		t.Errorf("missing dir: exit %d: %s", code, errs)
	}
	code, _, errs = runArgs(t, "build")
	if code != exitUsage || !strings.Contains(errs, "name one directory") {
		t.Errorf("no dir: exit %d: %s", code, errs)
	}
	code, _, errs = runArgs(t, "build", "-o", filepath.Join(dir, "x.db"), dir)
	if code != exitError || !strings.Contains(errs, "nothing to build") {
		t.Errorf("empty dir: exit %d: %s", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "manifest.yaml"), []byte("sources:\n  - file: [a\n"), 0o644)
	code, _, errs = runArgs(t, "build", "-o", filepath.Join(dir, "x.db"), dir)
	if code != exitError || !strings.Contains(errs, "manifest.yaml:2: ") {
		t.Errorf("bad manifest: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err == nil {
		t.Error("a failed build wrote a database")
	}
}

// TestBuildInit writes a manifest skeleton for unlisted files, builds with
// it, and refuses to overwrite it.
func TestBuildInit(t *testing.T) {
	dir := t.TempDir()
	text := "某市医保局关于门诊慢特病的通知\n\n2024年5月6日\n\n全市新增门诊慢特病病种5个，惠及参保人约1.2万人。\n"
	os.WriteFile(filepath.Join(dir, "notice.txt"), []byte(text), 0o644)
	code, out, errs := runArgs(t, "build", "-o", filepath.Join(dir, "a.db"), dir)
	if code != 0 || !strings.Contains(errs, "warning: "+filepath.Join(dir, "manifest.yaml")+": missing") ||
		!strings.Contains(errs, `notice.txt: not in the manifest; guessed title "某市医保局关于门诊慢特病的通知" from the first line, date 2024-05-06`) {
		t.Errorf("build without manifest: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runArgs(t, "build", "--init", dir)
	if code != 0 || !strings.Contains(out, "wrote "+filepath.Join(dir, "manifest.yaml")+" for 1 file") {
		t.Fatalf("--init: exit %d\n%s%s", code, out, errs)
	}
	m, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	for _, want := range []string{"# mediq manifest", `- file: "notice.txt"`, `title: "某市医保局关于门诊慢特病的通知"`, "date: 2024-05-06"} {
		if !bytes.Contains(m, []byte(want)) {
			t.Errorf("skeleton lacks %q:\n%s", want, m)
		}
	}
	code, out, errs = runArgs(t, "build", "-o", filepath.Join(dir, "b.db"), dir)
	if code != 0 || strings.Contains(errs, "warning") || !strings.Contains(out, "2 figures") {
		t.Errorf("build with the skeleton: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = runArgs(t, "build", "--init", dir)
	if code != exitError || !strings.Contains(errs, "exists; edit it, or add --force") {
		t.Errorf("--init over a manifest: exit %d: %s", code, errs)
	}
}

// TestBuildVerboseSkips checks that mediq build -v sums up, by reason, the
// numbers of the bodies that are not figures.
func TestBuildVerboseSkips(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.db")
	code, stdout, stderr := runArgs(t, "build", "-v", "-o", out, "examples/newdocs")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "numbers not figures (table skipped): ") || !strings.Contains(stdout, " date") {
		t.Errorf("no summary of the skipped numbers:\n%s", stdout)
	}
}
