package main

import (
	"bytes"
	"context"
	"os"
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
}
