package atomicfile_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mediq/mediq/internal/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := atomicfile.WriteFile(path, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := atomicfile.Write(path, 0o644, true, func(w io.Writer) error { _, err := io.WriteString(w, "two"); return err })
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Errorf("exclusive write over a file: %v", err)
	}
	failed := errors.New("disk full")
	if err := atomicfile.Write(path, 0o644, false, func(w io.Writer) error { io.WriteString(w, "half"); return failed }); !errors.Is(err, failed) {
		t.Errorf("failing write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("file is %q after failed writes, want the first content", b)
	}
	if err := atomicfile.WriteFile(path, []byte("three"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "three" || fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file: %q, mode %v", b, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestFill(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "db")
	if err := atomicfile.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("build failed")
	err := atomicfile.Fill(path, 0o644, func(tmp string) error {
		if _, err := os.Stat(tmp); err == nil {
			t.Error("fill got a name that exists")
		}
		os.WriteFile(tmp, []byte("half"), 0o600)
		os.WriteFile(tmp+"-journal", []byte("j"), 0o600)
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed fill changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := atomicfile.Fill(path, 0o640, func(tmp string) error { return os.WriteFile(tmp, []byte("new"), 0o600) }); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("filled file: %q, mode %v", b, fi.Mode().Perm())
	}
}

// TestRemoveStale leaves the temporary files of live processes and of
// other targets, and removes those of a process that is gone.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.db")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no process to outlive:", err)
	}
	deadPID := dead.ProcessState.Pid()
	names := map[string]bool{ // name: removed
		fmt.Sprintf(".out.db.tmp-p%d-123", deadPID):         true,
		fmt.Sprintf(".out.db.tmp-p%d-123-fts", deadPID):     true,
		fmt.Sprintf(".out.db.tmp-p%d-123-journal", deadPID): true,
		fmt.Sprintf(".out.db.tmp-p%d-9", os.Getpid()):       false, // this process: a build at work
		fmt.Sprintf(".other.db.tmp-p%d-123", deadPID):       false, // another target
		".out.db.tmp-123":                                        false, // not named by this package
		fmt.Sprintf("out.db.tmp-p%d-123", deadPID):               false, // not hidden: not ours
		fmt.Sprintf(".out.db.tmp-p%dx-1", deadPID):               false,
		fmt.Sprintf(".out.db.tmp-p1-%d", deadPID) + "-unrelated": false, // pid 1 is alive
	}
	for name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := atomicfile.RemoveStale(path)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, n := range removed {
		got[n] = true
	}
	for name, want := range names {
		_, statErr := os.Stat(filepath.Join(dir, name))
		if gone := statErr != nil; gone != want || got[name] != want {
			t.Errorf("%s: removed %v (reported %v), want %v", name, gone, got[name], want)
		}
	}
}
