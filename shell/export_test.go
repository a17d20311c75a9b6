package shell_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exportQuery has Chinese text, a comma, quotes, a line break, a NULL and
// numbers, the cases RFC 4180 quoting and spreadsheets care about.
const exportQuery = `SELECT 1 AS id, '34.79亿元' AS raw, 3479000000 AS value, NULL AS note
UNION ALL SELECT 2, '“十四五”, 规划', 2.5, 'say "hi"' || char(10) || '第二行'`

var exportWant = [][]string{
	{"id", "raw", "value", "note"},
	{"1", "34.79亿元", "3479000000", ""},
	{"2", "“十四五”, 规划", "2.5", "say \"hi\"\n第二行"},
}

// exportShell returns a function running a command and the shell's
// standard error, where confirmations go.
func exportShell(t *testing.T) (run func(cmd string) error, stderr *bytes.Buffer) {
	t.Helper()
	var o, e bytes.Buffer
	sh := openShell(t, &o, &e)
	return func(cmd string) error { return sh.Exec(context.Background(), cmd) }, &e
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("read back the export: %v\n%s", err, b)
	}
	return recs
}

// noTempFiles fails if a temporary file was left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	run, stderr := exportShell(t)

	bomFile := filepath.Join(dir, "bom.csv")
	if err := run(".export " + bomFile + " " + exportQuery); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(bomFile)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(b, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Errorf("export does not start with a UTF-8 byte-order mark: % x", b[:min(len(b), 8)])
	}
	if !bytes.HasPrefix(rest, []byte("id,raw,value,note\r\n")) {
		t.Errorf("header line: got %q, want CRLF-terminated id,raw,value,note", rest[:min(len(rest), 20)])
	}
	if !bytes.Contains(rest, []byte(`"“十四五”, 规划"`)) || !bytes.Contains(rest, []byte(`"say ""hi""`)) {
		t.Errorf("fields are not quoted as RFC 4180 says:\n%s", rest)
	}
	if got := readCSV(t, rest); !slices.EqualFunc(got, exportWant, slices.Equal) {
		t.Errorf("read back:\n got %q\nwant %q", got, exportWant)
	}
	if !strings.Contains(stderr.String(), "Wrote 2 rows to "+bomFile) {
		t.Errorf("no report of the export in %q", stderr.String())
	}

	plain := filepath.Join(dir, "plain.csv")
	if err := run(".export --no-bom " + plain + " " + exportQuery); err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("id,")) {
		t.Errorf("--no-bom export starts with % x, want the header", b[:min(len(b), 8)])
	}

	// An existing file is kept unless --force is given.
	err = run(".export " + plain + " SELECT 1")
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("export over an existing file: got error %v, want one that mentions --force", err)
	}
	if again, _ := os.ReadFile(plain); !bytes.Equal(again, b) {
		t.Errorf("refused export changed the file:\n%s", again)
	}
	if err := run(".export " + plain + ` --force "SELECT 42 AS answer"`); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(plain)
	if got, want := string(b), "\ufeffanswer\r\n42\r\n"; got != want {
		t.Errorf("--force export: got %q, want %q", got, want)
	}

	// A preset with an argument, bound as a parameter.
	presetFile := filepath.Join(dir, "drg.csv")
	if err := run(`.export ` + presetFile + ` keyword "DRG"`); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(presetFile)
	recs := readCSV(t, bytes.TrimPrefix(b, []byte("\ufeff")))
	if len(recs) < 2 || recs[0][0] != "issue_date" {
		t.Fatalf("preset export: got %q", recs)
	}
	for _, r := range recs[1:] {
		if !strings.Contains(r[10], "DRG") {
			t.Errorf("preset export row's sentence lacks the keyword: %q", r)
		}
	}

	// A failing query writes nothing.
	bad := filepath.Join(dir, "bad.csv")
	if err := run(".export " + bad + " SELECT nonsense FROM nowhere"); err == nil {
		t.Error("export of a bad query: no error")
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("export of a bad query left a file")
	}
	noTempFiles(t, dir)
}

// TestExportPython reads an export back with Python's csv module, the way a
// person's script would, and checks the Chinese text arrives intact.
func TestExportPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	dir := t.TempDir()
	run, _ := exportShell(t)
	file := filepath.Join(dir, "out.csv")
	if err := run(".export " + file + " " + exportQuery); err != nil {
		t.Fatal(err)
	}
	script := `import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    print(json.dumps(list(csv.reader(f)), ensure_ascii=False))`
	got, err := exec.Command(py, "-c", script, file).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := `[["id", "raw", "value", "note"], ["1", "34.79亿元", "3479000000", ""], ["2", "“十四五”, 规划", "2.5", "say \"hi\"\n第二行"]]`
	if strings.TrimSpace(string(got)) != want {
		t.Errorf("python csv read back:\n got %s\nwant %s", got, want)
	}
}

func TestExportUsage(t *testing.T) {
	run, _ := exportShell(t)
	for _, cmd := range []string{".export", ".export out.csv", ".export --bogus out.csv SELECT 1"} {
		if err := run(cmd); err == nil {
			t.Errorf("%s: no error", cmd)
		}
	}
}

// TestExportOneRow checks the confirmation counts one row as one row.
func TestExportOneRow(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	file := filepath.Join(t.TempDir(), "one.csv")
	if err := sh.Exec(context.Background(), ".export "+file+" SELECT 1 AS one"); err != nil {
		t.Fatal(err)
	}
	if got, want := errOut.String(), "Wrote 1 row to "+file+".\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
