package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
)

// runCmd runs the mediq command with args and stdin, returning its exit
// status and output.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdout     string // whole output, when not empty
		stdoutHas  string
		stderrHas  string
		stdoutLack string
	}{
		{name: "csv", args: []string{"-csv", "SELECT raw, value, unit FROM figures ORDER BY id LIMIT 3"}, code: 0,
			stdout: "6次,6,次\n46个,46,个\n458家,458,家\n"},
		{name: "csv with header", args: []string{"-csv", "-header", "SELECT raw, unit FROM figures ORDER BY id LIMIT 1"}, code: 0,
			stdout: "raw,unit\n6次,次\n"},
		{name: "count", args: []string{"SELECT count(*) > 100 FROM figures"}, code: 0, stdout: "1\n"},
		{name: "several arguments", args: []string{".mode csv", "SELECT 1; SELECT '二'"}, code: 0, stdout: "1\n二\n"},
		{name: "bad SQL", args: []string{"SELEC raw FROM figures"}, code: 1, stderrHas: `near "SELEC": syntax error`},
		{name: "no such table", args: []string{"SELECT * FROM nowhere"}, code: 1, stderrHas: "no such table: nowhere"},
		{name: "write refused", args: []string{"DELETE FROM figures"}, code: 1, stderrHas: "Error:"},
		{name: "unknown dot-command", args: []string{".frobnicate"}, code: 1, stderrHas: ".help"},
		{name: "bad flag", args: []string{"-frobnicate"}, code: 2, stderrHas: "usage: mediq"},
		{name: "missing db file", args: []string{"-db", "/nonexistent/mediq.db", "SELECT 1"}, code: 1, stderrHas: "mediq: -db /nonexistent/mediq.db: no such file; give a database file"},
		{name: "db is a directory", args: []string{"-db", "testdata", "SELECT 1"}, code: 1, stderrHas: "mediq: -db testdata is a directory, not a database file; name a file"},
		{name: "export from a directory", args: []string{"-db", "testdata", "export", "--datapackage", "/nonexistent/pkg"}, code: 1, stderrHas: "is a directory"},
		{name: "quit ends the arguments", args: []string{"SELECT 1", ".quit", "SELECT 2"}, code: 0, stdout: "1\n"},
		{name: "verify subcommand", args: []string{"verify"}, code: 0, stdoutHas: "integrity_check"},
		{name: "version", args: []string{"--version"}, code: 0, stdout: "mediq " + db.Version + "\n"},
		{name: "safe", args: []string{"-safe", "SELECT count(*) > 0 FROM figures"}, code: 0, stdout: "1\n"},
		{name: "safe refuses file commands", args: []string{"-safe", ".output /tmp/x"}, code: 1, stderrHas: "-safe does not allow"},
		{name: "safe refuses writes", args: []string{"-safe", "CREATE TEMP TABLE t(x)"}, code: 1, stderrHas: "Error:"},
		{name: "preset with argument", args: []string{"-csv", ".preset keyword DRG"}, code: 0, stdoutHas: "DRG"},
		{name: "preset argument matching nothing", args: []string{".preset series no_such_key"}, code: 1,
			stderrHas: `indicator "no_such_key" matches nothing`},
		{name: "preset with unknown parameter", args: []string{".preset keyword nope=1"}, code: 1, stderrHas: "has no parameter"},
		{name: "script", stdin: "SELECT 1;\nSELECT\n  2;\n", code: 0, stdout: "1\n2\n"},
		{name: "script error goes on", stdin: "SELECT 1;\nSELEC 2;\nSELECT 3;\n", code: 1,
			stdoutHas: "3", stderrHas: "near line 2"},
		{name: "script bail", args: []string{"-bail"}, stdin: "SELECT 1;\nSELEC 2;\nSELECT 3;\n", code: 1,
			stdout: "1\n", stderrHas: "-bail"},
		{name: "script without final semicolon", stdin: "SELECT 'last'", code: 0, stdout: "last\n"},
		{name: "script dot-commands", stdin: ".mode json\nSELECT 1 AS n;\n", code: 0, stdout: "[{\"n\":1}]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if tt.stdout != "" && stdout != tt.stdout {
				t.Errorf("stdout:\n got %q\nwant %q", stdout, tt.stdout)
			}
			if !strings.Contains(stdout, tt.stdoutHas) {
				t.Errorf("stdout %q lacks %q", stdout, tt.stdoutHas)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderrHas)
			}
			if tt.code == 0 && stderr != "" {
				t.Errorf("stderr on success: %s", stderr)
			}
		})
	}
}

func TestRunJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "-json", "SELECT id, raw, value FROM figures ORDER BY id LIMIT 2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if len(rows) != 2 || rows[0]["raw"] != "6次" || rows[0]["value"] != 6.0 {
		t.Errorf("got %v", rows)
	}
}

// integrityCheck opens path and returns PRAGMA integrity_check's answer,
// through the Go driver and, where installed, the sqlite3 program.
func integrityCheck(t *testing.T, path string) {
	t.Helper()
	h, err := db.OpenFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var res string
	if err := h.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatal(err)
	}
	if res != "ok" {
		t.Errorf("integrity_check of %s: %s", path, res)
	}
	var n int
	if err := h.QueryRow("SELECT count(*) FROM figures").Scan(&n); err != nil || n == 0 {
		t.Errorf("backup has %d figures (%v)", n, err)
	}
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return
	}
	out, err := exec.Command(sqlite3, path, "PRAGMA integrity_check").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("sqlite3 %s 'PRAGMA integrity_check': %s %v", path, out, err)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	embedded := filepath.Join(dir, "embedded.db")
	if code, _, stderr := runCmd(t, "", ".backup "+embedded); code != 0 {
		t.Fatalf(".backup of the embedded database: exit %d: %s", code, stderr)
	}
	integrityCheck(t, embedded)

	// From a database file, .backup goes through VACUUM INTO.
	copied := filepath.Join(dir, "copy.db")
	if code, _, stderr := runCmd(t, "", "-db", embedded, ".backup "+copied); code != 0 {
		t.Fatalf(".backup of a file database: exit %d: %s", code, stderr)
	}
	integrityCheck(t, copied)
	code, stdout, stderr := runCmd(t, "", "-db", copied, "SELECT count(*) > 0 FROM figures")
	if code != 0 || stdout != "1\n" {
		t.Errorf("-db on the backup: exit %d, %q, %s", code, stdout, stderr)
	}
}
