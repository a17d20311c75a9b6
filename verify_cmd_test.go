package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

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
		{"embedded under -safe", []string{"-safe"}, exitOK, "all checks passed\n", ""},
		{"copy", []string{"-db", tampered}, exitError, "2 problems\n", "mediq verify: data does not match its own record: figure: table figures, row id=1, column raw: raw is"},
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
	if code != exitError || !strings.Contains(out, `figure: table figures, row id=3, column raw: raw is "x"`) || !strings.Contains(errs, "does not match") {
		t.Errorf("verify a tampered copy: exit %d\n%s%s", code, out, errs)
	}
}

// formsDir writes documents in every input form mediq reads: UTF-8 with a
// byte-order mark, CRLF line ends, GB18030 and a saved HTML page.
func formsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("某省医保局通知\n2024年3月1日\n全省新增门诊慢特病病种5个，惠及参保人约1.2万人。\n"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"bom.txt":  []byte("\ufeff某市卫健委通报\n2024年5月6日\n全市二级以上医院达到46家，比上年增加3家。\n"),
		"crlf.txt": []byte("某县医疗保障局通报\r\n2023年12月1日\r\n集采药品品种达到891种，节约资金约1.68亿元。\r\n"),
		"gb.txt":   gb,
		"page.html": []byte(`<html><head><meta charset="utf-8"><title>某区规划</title></head><body>
<h1>某区医疗卫生服务体系规划</h1><p>2022年6月30日</p>
<table><tr><th>指标</th><th>2020年</th><th>2025年</th></tr><tr><td>每千人口床位数（张）</td><td>6.5</td><td>7.2</td></tr></table>
<p>到2025年，基层医疗卫生机构达到120个。</p></body></html>`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestVerifyForms builds databases from every input form (the README's
// examples/newdocs among them) and verifies each, with and without the
// source files: all pass.
func TestVerifyForms(t *testing.T) {
	for name, dir := range map[string]string{"examples/newdocs": "examples/newdocs", "forms": formsDir(t)} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "x.db")
			if code, stdout, stderr := runArgs(t, "build", "-o", out, dir); code != 0 {
				t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
			}
			_, forms, _ := runArgs(t, "-db", out, "-list", "SELECT group_concat(encoding || '/' || format, ' ') FROM (SELECT * FROM sources ORDER BY file)")
			t.Logf("forms: %s", forms)
			if name == "forms" && forms != "utf-8-bom/text utf-8/text gb18030/text utf-8/html\n" {
				t.Errorf("the forms built are %q", forms)
			}
			for _, args := range [][]string{{"verify", "-db", out}, {"verify", "-db", out, "-sources", dir}} {
				code, stdout, stderr := runArgs(t, args...)
				if code != 0 || !strings.HasSuffix(stdout, "all checks passed\n") || !strings.Contains(stdout, "content         16 tables") {
					t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
				}
			}
		})
	}
}

// tamper applies one change to a fresh copy of the embedded database.
type tamper struct {
	name string
	sql  string                    // run on the copy, or
	fn   func(*testing.T, *sql.DB) // this
	args []string                  // more arguments for verify
	want []string                  // in verify's output
}

// setText replaces old with new in the text of source id and records the
// new text's hash in both hash columns, as a careful forger would.
func setText(id int, old, new string) func(*testing.T, *sql.DB) {
	return func(t *testing.T, h *sql.DB) {
		var text string
		if err := h.QueryRow("SELECT text FROM sources WHERE id = ?", id).Scan(&text); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, old) {
			t.Fatalf("source %d does not hold %q", id, old)
		}
		text = strings.Replace(text, old, new, 1)
		sum := sha256.Sum256([]byte(text))
		hash := hex.EncodeToString(sum[:])
		if _, err := h.Exec("UPDATE sources SET text = ?, sha256 = ?, text_sha256 = ? WHERE id = ?", text, hash, hash, id); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVerifyTampering applies each change of the issue to a copy of the
// embedded database: verify fails, naming the table and row (and column)
// of what changed.
func TestVerifyTampering(t *testing.T) {
	tests := []tamper{
		{name: "figure value", sql: "UPDATE figures SET value = value - 1 WHERE id = 7",
			want: []string{"content: table figures, row id=7, column value: the database has"}},
		{name: "figure deleted", sql: "DELETE FROM figures WHERE id = 7",
			want: []string{"content: table figures, row id=7: missing: the sources give this row"}},
		{name: "figure inserted", sql: "INSERT INTO figures SELECT 9999, source_id, document_id, sentence_id, char_start, char_end, raw, value, value_max, unit, qualifier, period, role, direction, pair_id, indicator_key, region, issuer, agency, issuer_note, speaker, label, subject FROM figures WHERE id = 7",
			want: []string{"content: table figures, row id=9999: in the database, but not in what its sources give"}},
		{name: "unit", sql: "UPDATE figures SET unit = '亿元' WHERE id = 7",
			want: []string{"content: table figures, row id=7, column unit: the database has \"亿元\""}},
		{name: "qualifier", sql: "UPDATE figures SET qualifier = CASE qualifier WHEN 'exact' THEN 'approx' ELSE 'exact' END WHERE id = 7",
			want: []string{"content: table figures, row id=7, column qualifier"}},
		{name: "issuer", sql: "UPDATE figures SET issuer = '某机构' WHERE id = 7",
			want: []string{"content: table figures, row id=7, column issuer: the database has \"某机构\""}},
		{name: "speaker", sql: "UPDATE figures SET speaker = '某人' WHERE id = 7",
			want: []string{"content: table figures, row id=7, column speaker: the database has \"某人\""}},
		{name: "sentence text", sql: "UPDATE sentences SET text = text || '。' WHERE id = 5",
			want: []string{"content: table sentences, row id=5, column text"}},
		{name: "document date", sql: "UPDATE documents SET issue_date = '2000-01-01' WHERE id = 2",
			want: []string{"content: table documents, row id=2, column issue_date: the database has \"2000-01-01\""}},
		{name: "source text and its hashes", fn: setText(1, "458家", "459家"),
			want: []string{"content: table sentences, row id=", "column text", "content: table figures, row id=", "version: table meta, row key=data_version"}},
		{name: "source text and its hashes, files at hand", fn: setText(1, "458家", "459家"), args: []string{"-sources", "sources"},
			want: []string{"file: table sources, row id=1, column sha256: 000_06eea8c11720e39c.txt in sources has SHA-256"}},
		{name: "source deleted", sql: "DELETE FROM sources WHERE id = 5",
			want: []string{"figure: table figures, row id=212, column source_id: source 5 does not exist",
				"content: table documents, row id=6: in the database, but not in what its sources give", "version: table meta, row key=data_version"}},
		{name: "data version", sql: "UPDATE meta SET value = '5-0000000000000000' WHERE key = 'data_version'",
			want: []string{"version: table meta, row key=data_version, column value", "content: table meta, row key=\"data_version\", column value"}},
		{name: "index added", sql: "CREATE INDEX extra ON figures(raw)",
			want: []string{`content: table sqlite_schema, row type="index", name="extra": in the database, but not in what its sources give`}},
		{name: "table added", sql: "CREATE TABLE notes(x); INSERT INTO notes VALUES (1)",
			want: []string{"content: table notes: not in the derived database: a table mediq does not build"}},
		{name: "manifest entry and date together", sql: "UPDATE sources SET entry = replace(entry, '2019-06-26', '2000-01-01') WHERE id = 2; UPDATE documents SET issue_date = '2000-01-01' WHERE source_id = 2",
			want: []string{"content: table sources, row id=2, column parse_key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "copy.db")
			if err := db.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			h, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.fn != nil {
				tt.fn(t, h)
			} else if _, err := h.Exec(tt.sql); err != nil {
				t.Fatalf("%s: %v", tt.sql, err)
			}
			h.Close()
			code, stdout, stderr := runArgs(t, append([]string{"verify", "-db", path}, tt.args...)...)
			if code != exitError {
				t.Errorf("exit %d, want %d\n%s%s", code, exitError, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
		})
	}
}
