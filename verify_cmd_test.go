package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
)

func TestRunVerify(t *testing.T) {
	ctx := context.Background()
	tampered := filepath.Join(t.TempDir(), "copy.db")
	if err := db.WriteFile(tampered); err != nil {
		t.Fatal(err)
	}
	rw, err := sql.Open("sqlite", tampered)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.ExecContext(ctx, "UPDATE figures SET raw = raw || '0' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	rw.Close()

	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // suffix
		stderrHave string
	}{
		{"embedded", nil, exitOK, "all checks passed\n", ""},
		{"copy", []string{"-db", tampered}, exitError, "1 problems\n", "mediq verify: data does not match its own record: figure 1: raw is"},
		{"missing file", []string{"-db", filepath.Join(t.TempDir(), "none.db")}, exitError, "", "mediq verify: open database:"},
		{"extra argument", []string{"now"}, exitUsage, "", `mediq verify: unexpected argument "now"`},
		{"bad flag", []string{"-x"}, exitUsage, "", "usage: mediq verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runVerify(ctx, tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code || !strings.HasSuffix(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderrHave) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
		})
	}
}

// TestVerifyAfterOptions runs verify the way the issue writes it, with -db
// before the subcommand, on a good copy and on a tampered one.
func TestVerifyAfterOptions(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if code, _, errs := runArgs(t, ".backup "+good); code != 0 {
		t.Fatalf(".backup: exit %d: %s", code, errs)
	}
	if code, out, errs := runArgs(t, "-db", good, "verify"); code != 0 || !strings.Contains(out, "all checks passed") {
		t.Fatalf("verify a good copy: exit %d\n%s%s", code, out, errs)
	}
	h, err := sql.Open("sqlite", good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Exec("UPDATE figures SET raw = 'x' WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	h.Close()
	code, out, errs := runArgs(t, "-db", good, "verify")
	if code != exitError || !strings.Contains(out, `figure 3: raw is "x"`) || !strings.Contains(errs, "does not match") {
		t.Errorf("verify a tampered copy: exit %d\n%s%s", code, out, errs)
	}
}
