package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mediq/mediq/db"
)

// buildChildEnv holds "DIR|OUT" for TestBuildChild.
const buildChildEnv = "MEDIQ_TEST_BUILD_CHILD"

// TestBuildChild runs `mediq build -o OUT DIR` in a child process.
func TestBuildChild(t *testing.T) {
	arg := os.Getenv(buildChildEnv)
	if arg == "" {
		t.Skip("run by the build signal tests")
	}
	dir, out, _ := strings.Cut(arg, "|")
	os.Exit(run(context.Background(), []string{"build", "-o", out, dir}, strings.NewReader(""), os.Stdout, os.Stderr))
}

// slowDir writes a folder whose one document takes the loader seconds to
// parse: a long text on a single line.
func slowDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	line := strings.Repeat("全区新增门诊慢特病病种5个，惠及参保人约1.2万人，", 40_000)
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte("某市通知\n"+line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startBuild starts a build of dir into out in a child process and waits
// until it has begun writing its temporary files, which it does while the
// documents are parsed.
func startBuild(t *testing.T, dir, out string, files int) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChild$")
	cmd.Env = append(os.Environ(), buildChildEnv+"="+dir+"|"+out)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	deadline := time.Now().Add(20 * time.Second)
	for len(tempFiles(t, out)) < files {
		if time.Now().After(deadline) {
			t.Fatalf("the build wrote no temporary file in 20s:\n%s", &output)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return cmd, &output
}

// tempFiles lists the temporary files beside out.
func tempFiles(t *testing.T, out string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestBuildStopsOnSIGTERM sends SIGTERM to a build while it parses: it
// stops within a second, leaves the previous database as it was and
// removes its temporary files.
func TestBuildStopsOnSIGTERM(t *testing.T) {
	if os.Getenv(buildChildEnv) != "" {
		t.Skip("in the child")
	}
	out := filepath.Join(t.TempDir(), "out.db")
	if err := db.WriteFile(out); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, out)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, output := startBuild(t, slowDir(t), out, 1)
			time.Sleep(100 * time.Millisecond) // well into the parse
			sent := time.Now()
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			took := time.Since(sent)
			if took > time.Second {
				t.Errorf("the build took %v to stop after %v, want under a second", took, sig)
			}
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitError {
				t.Errorf("exit: %v, want status %d\n%s", err, exitError, output)
			}
			if want := "mediq build: interrupted; " + out + " is unchanged"; !strings.Contains(output.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, output)
			}
			if fileHash(t, out) != before {
				t.Errorf("%s changed", out)
			}
			if left := tempFiles(t, out); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestBuildRemovesStaleTemp kills a build with SIGKILL, which leaves its
// temporary files; the next build of the same file removes them.
func TestBuildRemovesStaleTemp(t *testing.T) {
	if os.Getenv(buildChildEnv) != "" {
		t.Skip("in the child")
	}
	out := filepath.Join(t.TempDir(), "out.db")
	cmd, _ := startBuild(t, slowDir(t), out, 2) // the database and its full-text index
	cmd.Process.Kill()
	cmd.Wait()
	left := tempFiles(t, out)
	if len(left) < 2 {
		t.Fatalf("the killed builds left %v; the test wants their temporary files", left)
	}
	// A stranger's file that only looks similar stays.
	other := filepath.Join(filepath.Dir(out), ".out.db.tmp-notours")
	os.WriteFile(other, nil, 0o644)
	code, stdout, stderr := runArgs(t, "build", "-o", out, "examples/newdocs")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range left {
		if want := fmt.Sprintf("removed %s, left by a build that was killed", f); !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if got := tempFiles(t, out); len(got) != 1 || got[0] != other {
		t.Errorf("temporary files after the next build: %v, want only %s", got, other)
	}
}

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
	if !strings.Contains(stdout, "1 file loaded") || !strings.Contains(stdout, "2 skipped") {
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
