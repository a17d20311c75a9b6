package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/internal/childtest"
)

// TestSafeRefusesWriters runs the subcommands that write files after
// -safe: each refuses, and nothing is written.
func TestSafeRefusesWriters(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"export", []string{"-safe", "export", "--datapackage", filepath.Join(dir, "pkg")}, "mediq export: refused under -safe"},
		{"build", []string{"-safe", "build", "-o", filepath.Join(dir, "x.db"), "examples/newdocs"}, "mediq build: refused under -safe"},
		{"build after -db", []string{"-db", "x.db", "-safe", "build", "examples/newdocs"}, "mediq build: refused under -safe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runArgs(t, tt.args...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitUsage, out, errs)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written under -safe: %v", entries)
	}
}

// shellBombEnv names the statement TestSafeShellChild runs.
const shellBombEnv = "MEDIQ_TEST_SAFE_SHELL"

var shellBombs = map[string]struct{ sql, want string }{
	"printf-bomb": {"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c) SELECT printf('%.*c', 1000000, 'x') FROM c",
		"Error: safe mode: statement stopped after returning 64 MB: "},
	"cte-chain": {childtest.CTEChain(24), "Error: safe mode: SQLite's memory reached 128 MB: "},
	"zeroblob-rows": {"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c) SELECT zeroblob(1000000) FROM c",
		"Error: safe mode: statement stopped after returning 64 MB: "},
	"cartesian": {"SELECT count(*) FROM figures a, figures b, figures c, figures d",
		"Error: safe mode: statement stopped after 50 million steps: "},
}

// TestSafeShellChild runs `mediq -safe -table SQL` in a child process,
// its results discarded.
func TestSafeShellChild(t *testing.T) {
	name := os.Getenv(shellBombEnv)
	if name == "" {
		t.Skip("run by TestSafeShellBounds")
	}
	code := run(context.Background(), []string{"-safe", "-table", shellBombs[name].sql}, strings.NewReader(""), io.Discard, os.Stdout)
	fmt.Printf("exit %d\n", code)
}

// TestSafeShellBounds runs the statements of the issue through the mediq
// command with -safe, each in a process of its own: each ends within 5
// seconds with an error naming its bound, the process under 512 MB.
func TestSafeShellBounds(t *testing.T) {
	if os.Getenv(shellBombEnv) != "" {
		t.Skip("in the child")
	}
	for name, tc := range shellBombs {
		t.Run(name, func(t *testing.T) {
			out, u := childtest.Run(t, "TestSafeShellChild", shellBombEnv, name)
			if !strings.Contains(out, tc.want) || !strings.Contains(out, "exit 1") {
				t.Errorf("output lacks %q and exit 1:\n%s", tc.want, out)
			}
			u.Within(t, 5*time.Second, 512<<20)
		})
	}
}
