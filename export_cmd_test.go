package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/datapackage"
	"github.com/mediq/mediq/db"
)

func TestRunExport(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "pkg")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdoutHave string
		stderrHave string
	}{
		{"new directory", []string{"--datapackage", dir, "--bom"}, exitOK, "to " + dir + ", data version " + db.Version + "\n", ""},
		{"again", []string{"--datapackage", dir}, exitError, "", "mediq export: " + dir + ": directory is not empty"},
		{"no directory", nil, exitUsage, "", "mediq export: name the target directory with --datapackage DIR"},
		{"extra argument", []string{"--datapackage", dir, "csv"}, exitUsage, "", `mediq export: unexpected argument "csv"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runExport(ctx, tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stdout.String(), tt.stdoutHave) || !strings.Contains(stderr.String(), tt.stderrHave) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
		})
	}
	b, err := os.ReadFile(filepath.Join(dir, "figures.csv"))
	if err != nil || !bytes.HasPrefix(b, []byte("\uFEFFid,")) {
		t.Errorf("figures.csv with --bom: %q…, %v", b[:min(len(b), 8)], err)
	}
	if _, err := os.Stat(filepath.Join(dir, datapackage.DescriptorFile)); err != nil {
		t.Error(err)
	}

	// A reader that follows the descriptor's encoding sees "id", not
	// "\ufeffid", as the first column of the BOM-prefixed files.
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed: the descriptor's encoding is not read back")
	}
	script := `import csv, json, os, sys
d = sys.argv[1]
pkg = json.load(open(os.path.join(d, "datapackage.json"), encoding="utf-8"))
for r in pkg["resources"]:
    with open(os.path.join(d, r["path"]), encoding=r["encoding"], newline="") as f:
        print(r["name"], r["encoding"], next(csv.reader(f))[0])
`
	out, err := exec.Command(py, "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[1] != "utf-8-sig" || strings.HasPrefix(f[2], "\ufeff") {
			t.Errorf("read back as %q: want encoding utf-8-sig and a first column name without the BOM", line)
		}
	}
	if !strings.Contains(string(out), "figures utf-8-sig id") {
		t.Errorf("figures.csv's first column read back as:\n%s", out)
	}
}
