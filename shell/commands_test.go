package shell_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mediq/mediq/shell"
)

func TestDotCommands(t *testing.T) {
	tests := []struct {
		name    string
		cmds    []string
		want    []string // substrings of the output
		lack    []string // substrings the output must not have
		wantErr string   // substring of the last command's error
	}{
		{name: "help lists every command", cmds: []string{".help"},
			want: []string{".backup FILE", ".describe TABLE", ".export FILE", ".figure ID", ".headers on|off", ".help",
				".mode", ".nullvalue", ".once FILE", ".output", ".preset, .p NAME", ".presets", ".quit, .exit",
				".read FILE", ".save-preset NAME SQL", ".schema", ".search TEXT", ".sources", ".tables", ".timer on|off", ".verify"}},
		{name: "help on one command", cmds: []string{".help .export"}, want: []string{"--no-bom", "BOM"}},
		{name: "help on unknown", cmds: []string{".help nope"}, wantErr: "unknown command"},
		{name: "unknown command", cmds: []string{".frob"}, wantErr: `unknown command ".frob"; enter .help`},
		{name: "mode shown", cmds: []string{".mode csv", ".mode"}, want: []string{"current output mode: csv"}},
		{name: "unknown mode", cmds: []string{".mode fancy"}, wantErr: "choose one of: table, box"},
		{name: "headers bad", cmds: []string{".headers maybe"}, wantErr: "on or off"},
		{name: "nullvalue", cmds: []string{".mode list", ".nullvalue ∅", "SELECT NULL, 1"}, want: []string{"∅|1"}},
		{name: "tables", cmds: []string{".tables"}, want: []string{"figures", "figures_full", "dictionary"}},
		{name: "schema of one table", cmds: []string{".schema figures"}, want: []string{"CREATE TABLE figures", "CREATE INDEX figures_document"}, lack: []string{"CREATE TABLE sources"}},
		{name: "schema unknown", cmds: []string{".schema nope"}, wantErr: "no such table: nope; enter .tables"},
		{name: "describe", cmds: []string{".mode csv", ".describe figures"}, want: []string{"Figures: every quantity", "char_start,INTEGER,1,0,", "code point offset"}},
		{name: "describe unknown", cmds: []string{".describe nope"}, wantErr: "no such table"},
		{name: "sources", cmds: []string{".mode csv", ".sources"}, want: []string{"000_06eea8c11720e39c.txt", "004_", "国务院办公厅"}},
		{name: "figure", cmds: []string{".figure 5"}, want: []string{"raw = 1.25亿人次", "value = 125000000", "受益人数达【1.25亿人次】", "position = 000_06eea8c11720e39c.txt:"}},
		{name: "figure unknown", cmds: []string{".figure 999999"}, wantErr: "no figure with id 999999"},
		{name: "figure not a number", cmds: []string{".figure x"}, wantErr: "not a number"},
		{name: "preset --sql", cmds: []string{".preset keyword DRG --sql"}, want: []string{"instr(s.text, :keyword)", "-- :keyword = 'DRG'"}},
		{name: "preset default", cmds: []string{".p keyword --sql"}, want: []string{"-- :keyword = '集中带量采购'"}},
		{name: "preset named argument", cmds: []string{".preset changes to_date=2022-12-31 --sql"}, want: []string{"-- :from_date = '2019-01-01'", "-- :to_date = '2022-12-31'"}},
		{name: "preset number bound as integer", cmds: []string{".preset largest-amounts 3 --sql"}, want: []string{"-- :limit = 3\n"}},
		{name: "preset runs", cmds: []string{".mode csv", ".preset largest-amounts 2"}, want: []string{"raw,value"}},
		{name: "preset too many arguments", cmds: []string{".preset keyword a b"}, wantErr: "takes 1 argument (keyword), got 2"},
		{name: "preset unknown", cmds: []string{".preset nope"}, wantErr: `no preset named "nope"`},
		{name: "preset argument matching nothing", cmds: []string{".preset series no_such_key"},
			wantErr: `preset series: indicator "no_such_key" matches nothing in the database (it should be an indicator's key or part of its Chinese name); .preset indicators lists them`},
		{name: "preset named argument matching nothing", cmds: []string{".preset plan-vs-actual region=火星"}, wantErr: `region "火星" matches nothing`},
		{name: "preset speaker matching nothing", cmds: []string{".preset speaker 张三"}, wantErr: `speaker "张三" matches nothing`},
		{name: "preset keyword matching nothing", cmds: []string{".preset keyword 火星人"}, wantErr: `.search TEXT finds`},
		{name: "preset Chinese name part", cmds: []string{".mode csv", ".preset series 集采"}, want: []string{"vbp_drugs", "vbp_consumables"}},
		{name: "preset empty range is no error", cmds: []string{".preset changes from_date=2030-01-01"}, lack: []string{"Error"}},
		{name: "export of a preset matching nothing", cmds: []string{".export /nonexistent/x.csv series no_such_key"}, wantErr: `indicator "no_such_key" matches nothing`},
		{name: "presets listed", cmds: []string{".presets"}, want: []string{"keyword — 关键词相关数字", ":keyword = 集中带量采购", "plan-vs-actual", "changes"}},
		{name: "presets as csv", cmds: []string{".mode csv", ".presets"}, want: []string{"name,parameters,title,description", "keyword,keyword=集中带量采购,"}},
		{name: "timer", cmds: []string{".timer on", "SELECT 1"}, want: []string{"Run Time: real "}},
		{name: "search two characters", cmds: []string{".mode csv", ".search 集采"},
			want: []string{"广西医疗保障“十四五”规划", "深化医药卫生体制改革2022年重点工作任务", "广西医疗医保医药协同发展和治理新闻发布会", "891种、94类、109种、15类"}},
		{name: "search latin word", cmds: []string{".mode csv", ".search drg"}, want: []string{"20个", "DRG"}},
		{name: "search nothing", cmds: []string{".search ，。"}, wantErr: "usage: .search TEXT"},
		{name: "verify", cmds: []string{".verify"}, want: []string{"integrity_check ok", "all checks passed"}},
		{name: "error position", cmds: []string{"SELECT 1,\n  2 FROM figures WHERE ))"}, wantErr: "near \")\": syntax error (statement line 2, column 24)"},
		{name: "quoted argument", cmds: []string{`.nullvalue "no value"`, ".mode list", "SELECT NULL"}, want: []string{"no value\n"}},
		{name: "unterminated quote", cmds: []string{`.nullvalue "oops`}, wantErr: "unterminated quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			sh := openShell(t, &out, &errOut)
			var err error
			for _, c := range tt.cmds {
				if err = sh.Exec(context.Background(), c); err != nil && tt.wantErr == "" {
					t.Fatalf("%s: %v", c, err)
				}
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(out.String(), l) {
					t.Errorf("output has %q:\n%s", l, out.String())
				}
			}
		})
	}
}

func TestOutputOnce(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	ctx := context.Background()
	all, once := filepath.Join(dir, "all.txt"), filepath.Join(dir, "once.txt")
	for _, c := range []string{".mode list", ".headers off", ".output " + all, "SELECT 'a'", "SELECT 'b'", ".output",
		"SELECT 'screen1'", ".once " + once, "SELECT 'c'", "SELECT 'screen2'"} {
		if err := sh.Exec(ctx, c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
	for _, f := range []struct{ path, want string }{{all, "a\nb\n"}, {once, "c\n"}} {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != f.want {
			t.Errorf("%s: got %q, want %q", f.path, b, f.want)
		}
	}
	if got, want := out.String(), "screen1\nscreen2\n"; got != want {
		t.Errorf("screen: got %q, want %q", got, want)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "s.sql")
	os.WriteFile(script, []byte("\ufeff.mode csv\n.headers off\n-- a comment\nSELECT '读',\n  2;\nSELEC 3;\nSELECT 4;\n"), 0o644)
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	err := sh.Exec(context.Background(), ".read "+script)
	if err == nil {
		t.Error(".read of a script with an error: no error")
	}
	if got, want := out.String(), "读,2\n4\n"; got != want {
		t.Errorf("output: got %q, want %q", got, want)
	}
	if !strings.Contains(errOut.String(), "near line 6") {
		t.Errorf("stderr lacks the line of the error: %q", errOut.String())
	}
}

func TestBail(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.Bail = true
	sh.Format = shell.Format{Mode: "list"}
	err := sh.RunScript(context.Background(), strings.NewReader("SELECT 1;\nSELECT * FROM nowhere;\nSELECT 2;\n"))
	if !errors.Is(err, shell.ErrBail) {
		t.Errorf("got %v, want ErrBail", err)
	}
	if out.String() != "1\n" {
		t.Errorf("output %q, want only the first statement's", out.String())
	}
}

func TestQuitEndsScript(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.Format = shell.Format{Mode: "list"}
	if err := sh.RunScript(context.Background(), strings.NewReader("SELECT 1;\n.quit\nSELECT 2;\n")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "1\n" {
		t.Errorf("output %q, want 1 only", out.String())
	}
}

func TestSavePreset(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	ctx := context.Background()
	run := func(c string) error { return sh.Exec(ctx, c) }
	if err := run(".save-preset unit-count SELECT count(*) AS n FROM figures WHERE unit = $1;"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(sh.ConfigDir, "presets.json"))
	if err != nil {
		t.Fatalf("presets file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("presets file mode %v, want 0600", fi.Mode().Perm())
	}
	out.Reset()
	for _, c := range []string{".mode csv", ".presets"} {
		if err := run(c); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(out.String(), "unit-count,$1,your preset,") {
		t.Errorf(".presets does not list the saved preset:\n%s", out.String())
	}
	out.Reset()
	if err := run(".preset unit-count 元"); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	sh2 := openShell(t, &want, &errOut)
	sh2.Format = sh.Format
	sh2.Exec(ctx, "SELECT count(*) AS n FROM figures WHERE unit = '元'")
	if out.String() != want.String() {
		t.Errorf("saved preset: got %q, want %q", out.String(), want.String())
	}
	for _, c := range []struct{ cmd, err string }{
		{".preset unit-count", "takes 1 argument ($1…), got 0"},
		{".save-preset keyword SELECT 1", "shipped preset is already named"},
		{".save-preset bad SELEC 1", "does not compile"},
		{".save-preset 'a b' SELECT 1", "must be letters"},
		{".save-preset lonely", "usage: .save-preset NAME SQL"},
	} {
		if err := run(c.cmd); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: got %v, want an error containing %q", c.cmd, err, c.err)
		}
	}
}

// TestScriptSession runs testdata/session.sql as a script and compares its
// output, errors included, with testdata/session.golden.
func TestScriptSession(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "session.sql"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	sh := openShell(t, &out, &out)
	err = sh.RunScript(context.Background(), f)
	if err == nil || !strings.Contains(out.String(), `near line 19: near "SELEC": syntax error`) {
		t.Errorf("the script's error was not reported: %v", err)
	}
	golden(t, "session", out.Bytes())
}

// fakeLines is a LineReader that replays lines, returning ErrInterrupted for
// "^C", and records prompts and history.
type fakeLines struct {
	lines   []string
	prompts []string
	history []string
}

func (f *fakeLines) ReadLine(prompt string) (string, error) {
	f.prompts = append(f.prompts, prompt)
	if len(f.lines) == 0 {
		return "", io.EOF
	}
	l := f.lines[0]
	f.lines = f.lines[1:]
	if l == "^C" {
		return "", shell.ErrInterrupted
	}
	return l, nil
}
func (f *fakeLines) AddHistory(e string) { f.history = append(f.history, e) }
func (f *fakeLines) Close() error        { return nil }

func TestInteractive(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.Format = shell.Format{Mode: "list"}
	lines := &fakeLines{lines: []string{
		"SELECT 'a' ||", "'b';", // two lines, one entry
		"SELECT 'dropped'", "^C", // Ctrl-C clears the unfinished statement
		"SELEC 1;",     // an error, and the shell goes on
		".mode csv",    // a dot-command
		"SELECT 1, 2;", // after it
	}}
	sh.Lines = lines
	if err := sh.Interactive(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "ab\n1,2\n\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if !strings.Contains(errOut.String(), `Error: near "SELEC": syntax error`) {
		t.Errorf("stderr %q lacks the error", errOut.String())
	}
	wantHist := []string{"SELECT 'a' || 'b';", "SELEC 1;", ".mode csv", "SELECT 1, 2;"}
	if !slices.Equal(lines.history, wantHist) {
		t.Errorf("history %q, want %q", lines.history, wantHist)
	}
	wantPrompts := []string{"mediq> ", "  ...> ", "mediq> ", "  ...> ", "mediq> ", "mediq> ", "mediq> ", "mediq> "}
	if !slices.Equal(lines.prompts, wantPrompts) {
		t.Errorf("prompts %q, want %q", lines.prompts, wantPrompts)
	}
}

// TestOneLoopTwoSources runs testdata/session.sql as a script (the plain
// line source, as for standard input) and typed line by line at the prompt
// (the interactive line source), and expects the same results: both go
// through the one input loop. Only the error lines differ, in that a script
// names the line.
func TestOneLoopTwoSources(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("testdata", "session.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var scriptOut, scriptErr bytes.Buffer
	sh := openShell(t, &scriptOut, &scriptErr)
	if err := sh.RunScript(context.Background(), bytes.NewReader(script)); err == nil {
		t.Error("the script's error was not returned")
	}

	var typedOut, typedErr bytes.Buffer
	sh = openShell(t, &typedOut, &typedErr)
	lines := &fakeLines{lines: strings.Split(strings.TrimSuffix(string(script), "\n"), "\n")}
	sh.Lines = lines
	if err := sh.Interactive(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Interactive prints a newline for Ctrl-D at the end.
	if got, want := strings.TrimSuffix(typedOut.String(), "\n"), scriptOut.String(); got != want {
		t.Errorf("typed and scripted output differ:\n--- script\n%s\n--- typed\n%s", want, got)
	}
	if got, want := typedErr.String(), strings.Replace(scriptErr.String(), "near line 19: ", "", 1); got != want {
		t.Errorf("typed errors %q, want %q (the script's without the line)", got, want)
	}
	if len(lines.history) == 0 {
		t.Error("the typed entries were not added to the history")
	}
}
