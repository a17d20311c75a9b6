package atomicfile_test

import (
	"errors"
	"io"
	"os"
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
